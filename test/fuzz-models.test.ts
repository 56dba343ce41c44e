/**
 * Fuzzing every kind of model file the loader reads, and the checkpoint files
 * training resumes from, with fast-check. Valid files are made by the
 * project's own writers (linear models on vectors and on text, with every
 * featurizer option; all-vs-all; networks; joint models; version-1 files;
 * checkpoints of sgd, sgd with momentum, AdaGrad and Adam, with and without
 * early stopping), then mutated as JSON: fields deleted, replaced by another
 * type, NaN, ±Infinity, 1e400, huge or negative numbers and dimensions;
 * arrays shortened or lengthened; base64 truncated, corrupted or replaced by
 * the bytes of NaN; and the text truncated anywhere.
 *
 * The property: the file is refused with the project's own error naming the
 * file (ModelFormatError for models; an Error "<file>: …" for checkpoints),
 * or it loads to something that works: a model whose predictions on finite
 * inputs are class indices in range with finite probabilities summing to 1,
 * text featurized in bounded time; a checkpoint that describes a state its
 * optimizer could be in and resumes to finite weights. Never another
 * exception, a hang, or an allocation of the size a mutated dimension claims.
 *
 * `npm test` runs a small fixed-seed budget; `ARGMAX_FUZZ_RUNS=20000 npm run fuzz` a long one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { FUZZ_RUNS, FUZZ_SEED, fuzzTally, propertyChecker } from './support/fuzz-check.js';
import { LabelTable } from '../src/data/labels.js';
import { LinearModel } from '../src/model/linear-model.js';
import { NetworkModel } from '../src/model/network-model.js';
import { CoupledPairwiseModel, PairwiseModel } from '../src/reduce/all-vs-all.js';
import { JointModel } from '../src/joint/joint-model.js';
import { SequentialScores, layersFromSpec } from '../src/scores/sequential.js';
import { type LayerSpec } from '../src/scores/layers.js';
import { createLayerKernels } from '../src/kernels/layer-select.js';
import { TextFeaturizer } from '../src/text/featurizer.js';
import { ModelFormatError, modelFromJson, modelToJson } from '../src/io/model-json.js';
import { csrMatrix } from '../src/data/csr.js';
import { hasProbabilities } from '../src/model/classifier.js';
import { checkpointHooks, readCheckpoint, writeCheckpoint } from '../src/cli/checkpoint.js';
import { UsageError } from '../src/cli/args.js';
import { trainSoftmax } from '../src/train/train.js';
import { resolveTrainOptions, type Checkpoint, type TrainOptions } from '../src/train/options.js';
import { randomDataset } from './helpers.js';
import { scratchDir } from './support/scratch-dir.js';

const RUNS = FUZZ_RUNS;
const SEED = FUZZ_SEED;
/** Loading (and predicting with) a file that takes longer than this counts as a hang. */
const HANG_MS = 2000;
/** Memory a load may leave allocated; a mutated dimension claims gigabytes. */
const MAX_GROWTH_BYTES = 256e6;
const dir = scratchDir('argmax-fuzz-models-');

/** Totals for the closing summary of a long run. */
const { summary, count } = fuzzTally('loading and predicting', HANG_MS);

// ---------- valid files, written by the project's writers ----------

const finite = fc.double({ min: -50, max: 50, noNaN: true });
const labelsArb = fc.uniqueArray(fc.oneof(fc.stringMatching(/^[a-z]{1,5}$/), fc.integer({ min: -9, max: 9 })), { minLength: 2, maxLength: 4, selector: (l) => `${typeof l}${l}` });
const texts = ['goal match team', 'chip code cloud', 'bread soup salt', 'the goal of code', 'salt and bread', 'Ünïcode wörds, punctuation!'];

const linearFile = fc.tuple(labelsArb, fc.integer({ min: 1, max: 4 }), fc.constantFrom('softmax', 'one-vs-all', 'margin'), fc.boolean(), fc.constantFrom(0, 1, undefined))
  .chain(([labels, D, scores, bias, indexBase]) => fc.tuple(fc.array(finite, { minLength: labels.length * D, maxLength: labels.length * D }), fc.array(finite, { minLength: labels.length, maxLength: labels.length }))
    .map(([W, b]) => modelToJson(new LinearModel(new LabelTable(labels), D, Float64Array.from(W), bias ? Float64Array.from(b) : null, scores as 'softmax'), { indexBase: indexBase as 0 | 1 | undefined })));

const textFile = fc.tuple(labelsArb, fc.record({
  wordNgrams: fc.integer({ min: 1, max: 3 }),
  charNgrams: fc.constantFrom(null, [2, 3] as [number, number], [1, 4] as [number, number]),
  hashBuckets: fc.constantFrom(null, 16, 64),
  weighting: fc.constantFrom('binary' as const, 'count' as const, 'tfidf' as const),
  sublinearTf: fc.boolean(), signedHash: fc.boolean(), lowercase: fc.boolean(),
  punctuation: fc.constantFrom('drop' as const, 'keep' as const), normalize: fc.constantFrom('l2' as const, 'none' as const),
}), fc.integer({ min: 0, max: 1000 })).map(([labels, options, seed]) => {
  const featurizer = new TextFeaturizer({ ...options, minCount: 1 }).fit(texts);
  const D = featurizer.numFeatures;
  const W = Float64Array.from({ length: labels.length * D }, (_, i) => Math.sin(seed + i * 1.7));
  return modelToJson(new LinearModel(new LabelTable(labels), D, W, null), { featurizer });
});

const pairwiseFile = fc.tuple(labelsArb, fc.integer({ min: 1, max: 3 }), fc.boolean()).map(([labels, D, coupled]) => {
  const K = labels.length;
  const pairs: number[] = [];
  for (let a = 0; a < K; a++) for (let c = a + 1; c < K; c++) pairs.push(a, c);
  const P = pairs.length / 2;
  const W = Float64Array.from({ length: P * D }, (_, i) => Math.cos(i + D));
  const b = Float64Array.from({ length: P }, (_, i) => i / 3 - 0.5);
  return modelToJson(new (coupled ? CoupledPairwiseModel : PairwiseModel)(new LabelTable(labels), D, Int32Array.from(pairs), W, b));
});

const networkFile = fc.tuple(labelsArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }), fc.constantFrom('relu', 'tanh', 'identity'), fc.boolean(), fc.constantFrom('softmax' as const, 'margin' as const)).map(([labels, D, H, activation, dropout, head]) => {
  const spec: LayerSpec[] = [{ type: 'dense', inputs: D, outputs: H, bias: true }, { type: 'activation', activation }, ...(dropout ? [{ type: 'dropout' as const, rate: 0.25 }] : []), { type: 'dense', inputs: H, outputs: labels.length, bias: true }];
  const scores = new SequentialScores(layersFromSpec(spec), createLayerKernels('reference'));
  const theta = Float64Array.from({ length: scores.numParams }, (_, i) => Math.sin(i * 0.7) / 2);
  return modelToJson(new NetworkModel(new LabelTable(labels), scores, theta, head));
});

const jointFile = fc.array(finite, { minLength: 1, maxLength: 8 }).map((w) => modelToJson(new JointModel(Float64Array.from(w))));

/** Version 1: "linear-softmax", decimal weights, no "input" (numeric vectors). */
const version1File = fc.tuple(labelsArb, fc.integer({ min: 1, max: 3 })).map(([labels, D]) => JSON.stringify({
  format: 'argmax-model', version: 1, kind: 'linear-softmax', labels, numFeatures: D,
  W: Array.from({ length: labels.length * D }, (_, i) => i / 4 - 1), b: labels.map((_, k) => k / 10),
}));

// ---------- mutations of the JSON ----------

type Path = Array<string | number>;
function paths(v: unknown, at: Path = []): Path[] {
  const out: Path[] = at.length ? [at] : [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}
function parentOf(doc: any, path: Path): any {
  return path.slice(0, -1).reduce((o, k) => o[k], doc);
}

/** Raw JSON tokens (NaN is not JSON; 1e400 parses as Infinity), put in place of a marker after stringify. */
const RAW = ['NaN', 'Infinity', '-Infinity', '1e400', '-1e400', '1e999999'];
const REPLACEMENTS: unknown[] = [null, true, false, 'x', '', 0, -1, 1.5, -0.5, 1e9, 2 ** 31, 2 ** 32 + 1, 2 ** 53, 1e308, -1e308, 1e-320, [], {}, [1], { encoding: 'float64-base64', data: '' }, 'NaN', '__proto__', ...RAW.map((r) => ({ raw: r }))];
const nanBase64 = (n: number) => Buffer.from(new Float64Array(n).fill(NaN).buffer).toString('base64');

type JsonMutation = (doc: any) => void;
const jsonMutation: fc.Arbitrary<(doc: any) => void> = fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('delete', 'replace', 'string', 'array', 'scale'), fc.constantFrom(...REPLACEMENTS)).map(([pick, n, kind, value]) => (doc: any) => {
  const all = paths(doc);
  if (all.length === 0) return;
  const path = all[pick % all.length];
  const parent = parentOf(doc, path);
  const key = path[path.length - 1];
  const old = parent[key];
  if (kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (kind === 'replace') parent[key] = value && typeof value === 'object' && 'raw' in (value as object) ? { __raw: (value as { raw: string }).raw } : structuredClone(value);
  else if (kind === 'string' && typeof old === 'string') {
    // base64 and labels: cut, a character changed, padding moved, four characters more, or the bytes of NaN.
    const i = n % (old.length + 1);
    parent[key] = [old.slice(0, i), `${old.slice(0, i)}!${old.slice(i + 1)}`, `${old.slice(0, i)}=${old.slice(i + 1)}`, `${old}AAAA`, nanBase64(Math.max(1, Math.floor((old.length * 3) / 32)))][n % 5];
  } else if (kind === 'array' && Array.isArray(old)) {
    if (n % 2 === 0) old.splice(n % (old.length + 1), 1);
    else old.splice(n % (old.length + 1), 0, old[n % Math.max(old.length, 1)] ?? 0);
  } else if (kind === 'scale' && typeof old === 'number') parent[key] = [old * 1e9, -old, old + 1, old - 1, 2 ** 24 + 1, 1 << 30][n % 6];
});

function mutatedText(text: string, ms: JsonMutation[], cut: number | null): string {
  const doc = JSON.parse(text);
  for (const m of ms) m(doc);
  let out = JSON.stringify(doc, (_, v) => (v && typeof v === 'object' && '__raw' in v ? `\u0001${v.__raw}\u0001` : v)).replace(/"\\u0001([^"\\]*)\\u0001"/g, '$1');
  if (cut !== null) out = out.slice(0, Math.floor(cut * out.length));
  return out;
}
const mutations = fc.tuple(fc.array(jsonMutation, { minLength: 1, maxLength: 3 }), fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }));

// ---------- a loaded model must work ----------

function checkWorks(loaded: ReturnType<typeof modelFromJson>): void {
  const model = loaded.model;
  if (model instanceof JointModel) {
    assert.ok(model.w.length >= 1 && model.w.every(Number.isFinite), 'a joint model with non-finite weights loaded');
    return;
  }
  const D = model.numFeatures;
  const K = model.labels.size;
  if (model instanceof PairwiseModel) {
    // All-vs-all: every pair of classes once, the smaller index first (the format's invariant).
    const pairs = new Set(Array.from({ length: model.numPairs }, (_, p) => `${model.pairs[2 * p]}<${model.pairs[2 * p + 1]}`).filter((t) => Number(t.split('<')[0]) < Number(t.split('<')[1])));
    assert.equal(pairs.size, (K * (K - 1)) / 2, `loaded an all-vs-all model whose pairs are not each pair of classes once: ${Array.from(model.pairs)}`);
  }
  // Text: featurized (in bounded time); vectors: three rows with finite values over the first columns.
  const X = loaded.featurizer
    ? loaded.featurizer.transform([...texts, 'wörds never seen', ''])
    : csrMatrix(3, D, Int32Array.from([0, 1, Math.min(D, 3) + 1, Math.min(D, 3) + 1]), Int32Array.from([0, ...Array.from({ length: Math.min(D, 3) }, (_, j) => j)]), Float64Array.from([1, ...Array.from({ length: Math.min(D, 3) }, (_, j) => j - 1.5)]));
  assert.equal(X.cols, D, 'the featurizer and the model disagree on the width');
  const pred = model.predictIndex(X);
  assert.ok(Array.from(pred).every((c) => Number.isInteger(c) && c >= 0 && c < K), `predicted class indices out of 0..${K - 1}: ${Array.from(pred)}`);
  if (hasProbabilities(model) || model instanceof CoupledPairwiseModel) {
    const P = model.predictProba(X);
    for (let i = 0; i < X.rows; i++) {
      const row = Array.from(P.data.subarray(i * K, (i + 1) * K));
      const sum = row.reduce((a, b) => a + b, 0);
      assert.ok(row.every((p) => Number.isFinite(p) && p >= 0 && p <= 1) && Math.abs(sum - 1) < 1e-9, `row ${i}: probabilities ${JSON.stringify(row)} (finite, in [0, 1], summing to 1 within 1e-9 expected)`);
    }
  }
}

const { check, failed: failedProperties } = propertyChecker();

function loadsOrRefuses(name: string, text: string): void {
  const before = process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  let refused = false;
  try {
    const loaded = modelFromJson(text, 'm.json');
    checkWorks(loaded);
  } catch (e) {
    if (!(e instanceof ModelFormatError)) throw new Error(`${(e as Error).name}: ${(e as Error).message} on ${text.slice(0, 600)}`);
    assert.ok(e.message.startsWith('m.json: '), `the error does not name the file: ${e.message}`);
    refused = true;
  }
  count(name, refused, performance.now() - t0);
  const grown = process.memoryUsage().arrayBuffers - before;
  assert.ok(grown < MAX_GROWTH_BYTES, `${name}: ${(grown / 1e6).toFixed(0)} MB of array buffers allocated by ${text.slice(0, 300)}`);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
}

test(`fuzz (${RUNS} runs each): the writers' model files of every kind load and work unmutated`, () => {
  for (const [name, file] of [['linear', linearFile], ['text', textFile], ['pairwise', pairwiseFile], ['network', networkFile], ['joint', jointFile], ['version 1', version1File]] as const) {
    check(fc.property(file as fc.Arbitrary<string>, (text) => checkWorks(modelFromJson(text, `${name}.json`))));
  }
});

test(`fuzz (${RUNS} runs each): mutated model files of every kind are refused with a ModelFormatError naming the file, or load and work`, () => {
  for (const [name, file] of [['linear', linearFile], ['text', textFile], ['pairwise', pairwiseFile], ['network', networkFile], ['joint', jointFile], ['version 1', version1File]] as const) {
    check(fc.property(file as fc.Arbitrary<string>, mutations, (text, [ms, cut]) => loadsOrRefuses(name, mutatedText(text, ms, cut))));
  }
});

// ---------- checkpoints ----------

const data = randomDataset(24, 3, 3, 5);
const validation = randomDataset(9, 3, 3, 6);
const SLOTS: Record<string, string[]> = { 'sgd-momentum': ['velocity'], adagrad: ['sumSquares'], adam: ['m', 'v'], sgd: [] };
const RUN_SETTINGS: Array<{ name: string; options: TrainOptions }> = [
  { name: 'sgd', options: { optimizer: 'sgd', learningRate: 0.1 } },
  { name: 'sgd-momentum', options: { optimizer: 'sgd', learningRate: 0.05, momentum: 0.5 } },
  { name: 'adagrad', options: { optimizer: 'adagrad', learningRate: 0.1 } },
  { name: 'adam', options: { optimizer: 'adam', learningRate: 0.01, validation, patience: 2 } },
];
/** Real checkpoints: each setting trained 3 epochs, every epoch's checkpoint written by the command line's writer. */
const checkpoints = RUN_SETTINGS.flatMap(({ name, options: o }) => {
  const saved: Checkpoint[] = [];
  const options: TrainOptions = { ...o, maxEpochs: 3, batchSize: 8, seed: 3 };
  trainSoftmax(data, { ...options, onCheckpoint: (c) => saved.push(structuredClone(c)) });
  const run = { data: 'train.svm', examples: data.X.rows, options: resolveTrainOptions(options) };
  return saved.map((c, i) => {
    const path = join(dir, `${name}-${i}.json`);
    writeCheckpoint(path, c, run);
    return { name, path, options, run, epoch: c.epoch };
  });
});

/** The ways a checkpoint may be refused: the reader's error naming the file, the run check naming --resume and the file, the library's size or optimizer check. */
function ownRefusal(e: Error, path: string): boolean {
  if (e.constructor === Error) return e.message.startsWith(`${path}: `);
  if (e instanceof UsageError) return e.message.startsWith(`--resume ${path}: `);
  return e instanceof RangeError && e.message.startsWith('resumeFrom: ');
}

test(`fuzz (${RUNS} runs): mutated checkpoints are refused naming the file, or describe a state their optimizer can be in and resume to finite weights`, () => {
  check(fc.property(fc.constantFrom(...checkpoints), mutations, (saved, [ms, cut]) => {
    const text = mutatedText(readFileSync(saved.path, 'utf8'), ms, cut);
    const path = join(dir, 'mutated-checkpoint.json');
    writeFileSync(path, text);
    const t0 = performance.now();
    let refused = false;
    try {
      const { checkpoint, run } = readCheckpoint(path);
      // As argmax train --resume does: a checkpoint of another run (data, examples, options) is refused.
      const hooks = checkpointHooks({ path: null, every: 1, resume: { path, checkpoint, run } }, saved.run);
      // Accepted: the state must be one this run's optimizer could have reached.
      assert.deepEqual(Object.keys(checkpoint.optimizerState.slots).sort(), [...SLOTS[saved.name]].sort(), `accepted a checkpoint of ${saved.name} with slots ${Object.keys(checkpoint.optimizerState.slots)}: ${text.slice(0, 400)}`);
      assert.ok(checkpoint.rng.every((v) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 32) && checkpoint.rng.some((v) => v % 2 ** 32 !== 0), `accepted a generator state that xoshiro128** cannot be in: ${JSON.stringify(checkpoint.rng)}`);
      assert.ok(Number.isInteger(checkpoint.optimizerState.step) && checkpoint.optimizerState.step >= 0, `accepted step ${checkpoint.optimizerState.step}`);
      assert.ok(checkpoint.epoch >= 1 && checkpoint.epoch <= saved.run.options.maxEpochs, `accepted epoch ${checkpoint.epoch} of a ${saved.run.options.maxEpochs}-epoch run`);
      const es = checkpoint.earlyStopping;
      if (es) {
        assert.ok(es.waited >= 0 && es.bestEpoch <= checkpoint.epoch && (es.bestValue === null) === (es.best === null) && (es.best === null) === (es.bestEpoch < 1), `accepted an inconsistent early-stopping state ${JSON.stringify({ ...es, best: es.best && es.best.length })} at epoch ${checkpoint.epoch}`);
      }
      const r = trainSoftmax(data, { ...saved.options, resumeFrom: hooks.resumeFrom });
      assert.ok((r.model as LinearModel).W.every(Number.isFinite), 'resumed to non-finite weights');
    } catch (e) {
      if (e instanceof assert.AssertionError) throw e;
      if (!ownRefusal(e as Error, path)) throw new Error(`${(e as Error).name}: ${(e as Error).message} on ${text.slice(0, 400)}`);
      refused = true;
    }
    count(`checkpoint ${saved.name}`, refused, performance.now() - t0);
  }));
});

test('fuzz summary (model files and checkpoints)', () => {
  const lines = Object.entries(summary).map(([name, s]) => `${name.padEnd(22)} ${String(s.runs).padStart(7)} files, ${String(s.refused).padStart(7)} refused with the project's own error, slowest ${s.slowestMs.toFixed(1)} ms`);
  console.log(`fuzz (model files): seed ${SEED}, ${RUNS} runs per property; properties failed (a crash, hang > ${HANG_MS} ms, giant allocation or a loaded file that does not work): ${failedProperties()}\n${lines.join('\n')}`);
  assert.ok(Object.values(summary).reduce((t, s) => t + s.runs, 0) > 0);
});
