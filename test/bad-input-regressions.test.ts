/**
 * Bad input found by the fuzz tests (fuzz-cli, fuzz-models), each as its
 * smallest case: refused with an error naming the file or flag and the field,
 * or handled in bounded time — never a hang, a crash or a silently different run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabelTable } from '../src/data/labels.js';
import { LinearModel } from '../src/model/linear-model.js';
import { PairwiseModel } from '../src/reduce/all-vs-all.js';
import { modelFromJson, modelToJson } from '../src/io/model-json.js';
import { TextFeaturizer } from '../src/text/featurizer.js';
import { readCheckpoint, writeCheckpoint } from '../src/cli/checkpoint.js';
import { trainSoftmax } from '../src/train/train.js';
import { resolveTrainOptions, type Checkpoint, type TrainOptions } from '../src/train/options.js';
import { randomDataset } from './helpers.js';
import { runCli } from './cli-run.js';
import { scratchDir } from './support/scratch-dir.js';

const dir = scratchDir('argmax-bad-input-');

test('a model file whose featurizer asks for character n-grams up to length 10¹² featurizes text at once, as up to the longest word', () => {
  const options = { minCount: 1, wordNgrams: 1, charNgrams: [2, 3] as [number, number] };
  const featurizer = new TextFeaturizer(options).fit(['goal match', 'chip code']);
  const D = featurizer.numFeatures;
  const doc = JSON.parse(modelToJson(new LinearModel(new LabelTable(['a', 'b']), D, new Float64Array(2 * D), null), { featurizer }));
  const huge = (n: number) => ({ ...doc, input: { ...doc.input, featurizer: { ...doc.input.featurizer, options: { ...doc.input.featurizer.options, charNgrams: [2, n] } } } });
  const t0 = performance.now();
  const wide = modelFromJson(JSON.stringify(huge(1e12)), 'm.json').featurizer!.transform(['goal chip', 'matches']);
  // "<matches>" has 9 characters: n-grams longer than that do not exist, so 10¹² and 9 give the same rows.
  const nine = modelFromJson(JSON.stringify(huge(9)), 'm.json').featurizer!.transform(['goal chip', 'matches']);
  assert.deepEqual([Array.from(wide.indptr), Array.from(wide.indices), Array.from(wide.values)], [Array.from(nine.indptr), Array.from(nine.indices), Array.from(nine.values)]);
  // Before the fix the loop over lengths ran 10¹² times per word.
  assert.ok(performance.now() - t0 < 2000, 'featurizing took over 2 s');
  // The same bound when fitting (the fitter's own n-gram loop) and for word n-grams.
  const fitted = new TextFeaturizer({ minCount: 1, wordNgrams: 1e12, charNgrams: [3, 1e12] }).fit(['goal match', 'chip code']);
  assert.deepEqual(fitted.termsOf('ab'), ['ab', 'c:<ab', 'c:ab>', 'c:<ab>']);
});

// ---------- checkpoints ----------

const data = randomDataset(20, 3, 3, 1);
function checkpointOf(options: TrainOptions): { c: Checkpoint; run: { data: string; examples: number; options: ReturnType<typeof resolveTrainOptions> } } {
  const saved: Checkpoint[] = [];
  const o = { ...options, maxEpochs: 2, batchSize: 5, seed: 1, onCheckpoint: (c: Checkpoint) => saved.push(structuredClone(c)) };
  trainSoftmax(data, o);
  return { c: saved[saved.length - 1], run: { data: 'd.svm', examples: data.X.rows, options: resolveTrainOptions(o) } };
}
function edited(name: string, options: TrainOptions, edit: (doc: any) => void): string {
  const { c, run } = checkpointOf(options);
  const path = join(dir, name);
  writeCheckpoint(path, c, run);
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  edit(doc);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

test('a checkpoint whose optimizer slots are not those of its run (Adam without "v", a velocity without momentum, L1 without its total) is refused naming the file, not resumed with zeros', () => {
  const path = edited('no-v.json', { optimizer: 'adam' }, (doc) => delete doc.optimizerState.slots.v);
  assert.throws(() => readCheckpoint(path), { message: `${path}: field "optimizerState.slots" holds m; this run's adam keeps m, v` });
  const extra = edited('extra.json', { optimizer: 'sgd' }, (doc) => (doc.optimizerState.slots.velocity = doc.theta));
  assert.throws(() => readCheckpoint(extra), { message: `${extra}: field "optimizerState.slots" holds velocity; this run's sgd keeps none` });
  const l1 = edited('l1.json', { optimizer: 'adagrad', l1: 0.01 }, (doc) => delete doc.optimizerState.slots.l1Total);
  assert.throws(() => readCheckpoint(l1), { message: `${l1}: field "optimizerState.slots" holds l1Applied, sumSquares; this run's adagrad keeps l1Applied, l1Total, sumSquares` });
  const kind = edited('kind.json', { optimizer: 'sgd' }, (doc) => (doc.optimizerState.kind = 'rmsprop'));
  assert.throws(() => readCheckpoint(kind), { message: `${kind}: field "optimizerState.kind" is "rmsprop", expected sgd, adagrad or adam` });
});

test('a checkpoint with a generator state xoshiro128** cannot be in (all zero, beyond 32 bits) or a negative step is refused naming the field', () => {
  for (const rng of [[0, 0, 0, 0], [2 ** 32, 0, 0, 0], [1, 2, 3, 2 ** 40], [-(2 ** 31) - 1, 1, 1, 1]]) {
    const path = edited('rng.json', { optimizer: 'sgd' }, (doc) => (doc.rng = rng));
    assert.throws(() => readCheckpoint(path), { message: `${path}: field "rng" must be 4 integers of 32 bits, not all zero` }, JSON.stringify(rng));
  }
  const step = edited('step.json', { optimizer: 'adam' }, (doc) => (doc.optimizerState.step = -3));
  assert.throws(() => readCheckpoint(step), { message: `${step}: field "optimizerState" must hold kind, step (an integer ≥ 0) and slots` });
  const epoch = edited('epoch.json', { optimizer: 'sgd' }, (doc) => (doc.epoch = 7));
  assert.throws(() => readCheckpoint(epoch), { message: `${epoch}: field "epoch" is 7, beyond the run's 2 epochs` });
});

test('a checkpoint whose early-stopping state contradicts itself (a best epoch without its weights, waiting a negative time) is refused', () => {
  const validation = randomDataset(8, 3, 3, 2);
  const options: TrainOptions = { optimizer: 'sgd', validation, patience: 5 };
  const noBest = edited('es1.json', options, (doc) => (doc.earlyStopping.best = null));
  assert.throws(() => readCheckpoint(noBest), /es1\.json: field "earlyStopping" is inconsistent at epoch 2: bestEpoch [12], waited [01], bestValue set, best null/);
  const waited = edited('es2.json', options, (doc) => (doc.earlyStopping.waited = -1));
  assert.throws(() => readCheckpoint(waited), /es2\.json: field "earlyStopping" is inconsistent at epoch 2: bestEpoch [12], waited -1/);
  const later = edited('es3.json', options, (doc) => (doc.earlyStopping.bestEpoch = 9));
  assert.throws(() => readCheckpoint(later), /es3\.json: field "earlyStopping" is inconsistent at epoch 2: bestEpoch 9/);
  // The writer's own file is read back as written.
  const same = edited('es4.json', options, () => {});
  assert.equal(readCheckpoint(same).checkpoint.epoch, 2);
});

// ---------- command line ----------

test('argmax datasets --seed beyond 32 bits is refused (it would have wrapped onto a smaller seed)', () => {
  const r = runCli('datasets', 'sotu', '--out', join(dir, 'ds'), '--seed', '4294967296');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^argmax datasets: --seed: expected an integer ≥ 0 and ≤ 4294967295, got 4294967296$/m);
});

test('a minibatch run with L1 resumed from its checkpoint gives the uninterrupted run\'s weights (its penalty slots were refused as "not fitting")', () => {
  const options: TrainOptions = { optimizer: 'adagrad', learningRate: 0.1, l1: 0.01, maxEpochs: 3, batchSize: 5, seed: 4 };
  const saved: Checkpoint[] = [];
  const full = trainSoftmax(data, { ...options, onCheckpoint: (c) => saved.push(structuredClone(c)) });
  assert.deepEqual(Object.keys(saved[0].optimizerState.slots).sort(), ['l1Applied', 'l1Total', 'sumSquares']);
  const resumed = trainSoftmax(data, { ...options, resumeFrom: saved[0] });
  assert.deepEqual(Array.from((resumed.model as LinearModel).W), Array.from((full.model as LinearModel).W));
});

test('--resume from a checkpoint of another width (the data file changed in place) is refused naming the checkpoint file', () => {
  const svm = join(dir, 'grows.svm');
  const rows = (width: number) => Array.from({ length: 12 }, (_, i) => `${i % 3} ${Array.from({ length: width }, (_, j) => `${j + 1}:${((i + j) % 4) + 1}`).join(' ')}`).join('\n') + '\n';
  writeFileSync(svm, rows(3));
  const checkpoint = join(dir, 'grows-checkpoint.json');
  const first = runCli('train', svm, '--optimizer', 'sgd', '--epochs', '2', '--checkpoint', checkpoint, '-o', join(dir, 'grows-model.json'));
  assert.equal(first.code, 0, first.stderr);
  writeFileSync(svm, rows(5));
  const resumed = runCli('train', svm, '--optimizer', 'sgd', '--epochs', '2', '--resume', checkpoint, '-o', join(dir, 'grows-resumed.json'));
  assert.equal(resumed.code, 2, resumed.stderr);
  // 3 classes × (3 features + bias) = 12 parameters saved; 3 × (5 + 1) = 18 now.
  assert.equal(resumed.stderr.split('\n')[0], `argmax train: --resume ${checkpoint}: checkpoint has 12 parameters, the model 18`);
});

test('an all-vs-all model file with a repeated pair of classes (in place of a missing one) is refused naming the pair', () => {
  const doc = {
    format: 'argmax-model', version: 2, kind: 'pairwise', scores: 'votes', labels: ['a', 'b', 'c'], numFeatures: 1,
    pairs: [0, 1, 0, 1, 1, 2], W: [1, 2, 3], b: null, input: { kind: 'vectors' }, meta: {},
  };
  assert.throws(() => modelFromJson(JSON.stringify(doc), 'm.json'), { name: 'ModelFormatError', message: 'm.json: pairs[2..3] is (0, 1): each pair of classes must appear once, the smaller index first' });
  assert.throws(() => modelFromJson(JSON.stringify({ ...doc, pairs: [0, 1, 2, 0, 1, 2] }), 'm.json'), { message: 'm.json: pairs[2..3] is (2, 0): each pair of classes must appear once, the smaller index first' });
  assert.equal((modelFromJson(JSON.stringify({ ...doc, pairs: [0, 1, 0, 2, 1, 2] }), 'm.json').model as PairwiseModel).labels.size, 3);
});

test('argmax __proto__ and argmax constructor are unknown commands (exit 2), not a TypeError from the command table', () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    const r = runCli(name);
    assert.equal(r.code, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^argmax: unknown command "${name}"`), name);
  }
});

test('search --random and cv/search --repeats beyond their bounds are refused before any work (an engine "Invalid array length", or minutes building plans until memory ran out)', () => {
  const svm = join(dir, 'three.svm');
  writeFileSync(svm, Array.from({ length: 12 }, (_, i) => `${i % 3} 1:${i % 4} 2:${(i * 5) % 3}`).join('\n') + '\n');
  const random = runCli('search', svm, '--random', '1e15', '--folds', '2');
  assert.equal(random.code, 2, random.stderr);
  assert.equal(random.stderr.split('\n')[0], 'argmax search: --random: expected an integer ≥ 1 and ≤ 100000, got 1e15');
  for (const command of ['cv', 'search']) {
    const r = runCli(command, svm, '--repeats', '101', '--folds', '2', ...(command === 'search' ? ['--grid', 'C=1'] : []));
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.split('\n')[0], `argmax ${command}: --repeats: expected an integer ≥ 1 and ≤ 100, got 101`);
  }
});

test('a network too large to allocate (--hidden 65536,65536) is refused with its shape and size, not an engine "Invalid typed array length"', () => {
  const txt = join(dir, 'two.txt');
  writeFileSync(txt, '__label__a x y\n__label__b z w\n__label__a x x\n__label__b w w\n');
  const r = runCli('train', txt, '-o', join(dir, 'big.json'), '--model', 'mlp', '--hidden', '65536,65536', '--epochs', '1');
  assert.equal(r.code, 1, r.stderr);
  // 2·65536 + 65536 + 65536·65536 + 65536 + 65536·2 + 2 = 4,295,360,514 parameters.
  assert.match(r.stderr, /^argmax train: the network 2 → 65536 → 65536 → 2 would have 4,295,360,514 parameters, more than the 268,435,456 argmax trains; use smaller hidden layers$/m);
  assert.ok(!existsSync(join(dir, 'big.json')));
});
