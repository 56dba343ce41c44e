/** The command line, run as a user runs it: exit codes, messages, --json output. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from './support/scratch-dir.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('unknown commands and bad flags exit 2 with a message naming the flag and the range', () => {
  const a = run('frobnicate');
  assert.equal(a.code, 2);
  assert.match(a.stderr, /unknown command "frobnicate"/);
  const b = run('demo', '--lr=-1');
  assert.equal(b.code, 2);
  assert.match(b.stderr, /--lr: expected a number > 0, got -1/);
  assert.match(run('demo', '--lr', '0').stderr, /--lr: expected a number > 0, got 0/);
  assert.match(run('demo', '--epochs', '2.5').stderr, /--epochs: expected an integer ≥ 1, got 2.5/);
  const c = run('demo', '--optimizer', 'adamw');
  assert.match(c.stderr, /--optimizer: expected one of sgd, adagrad, adam, gd, lbfgs, newton, dual-cd, got "adamw"/);
  assert.match(run('train', 'mnist:train', '-o', 'x.json', '--C=-1').stderr, /--C: expected a number > 0, got -1/);
  const d = run('learning-curve', '--sizes', '500,abc');
  assert.match(d.stderr, /--sizes: expected comma-separated counts \(integers ≥ 2\) or fractions in \(0, 1\] such as 0.1, got "abc"/);
  const e = run('demo', '--no-such-flag');
  assert.equal(e.code, 2);
  assert.match(e.stderr, /unknown flag --no-such-flag/);
});

test('help lists the commands and their options', () => {
  const h = run('--help');
  assert.equal(h.code, 0);
  assert.match(h.stdout, /demo/);
  assert.match(h.stdout, /learning-curve/);
  assert.match(run('demo', '--help').stdout, /--patience n/);
});

test('argmax without a command is a usage error: the help on stderr, nothing on stdout, exit 2', () => {
  const r = run();
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^argmax: multiclass classification/);
  assert.match(r.stderr, /learning-curve/);
});

test('demo --json prints one JSON object with the results and writes the report and model', () => {
  const out = scratchDir('argmax-demo-');
  const r = run('demo', '--json', '--train-size', '3000', '--epochs', '3', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  for (const key of ['train_acc', 'val_acc', 'test_acc', 'epochs', 'stop_reason', 'seconds']) assert.ok(key in j, `missing ${key}`);
  assert.equal(j.epochs, 3);
  assert.equal(j.stop_reason, 'max_epochs');
  assert.ok(j.test_acc > 0.85, `test accuracy ${j.test_acc}`);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.match(html, /<svg/);
  assert.match(html, /Confusion matrix/);
  assert.ok(existsSync(join(out, 'model.json')));
});

test('train then test from the command line: model file, --json fields, metrics', () => {
  const dir = scratchDir('argmax-cli-');
  const model = join(dir, 'm.json');
  const t = run('train', 'mnist:train', '--epochs', '1', '--val-fraction', '0.1', '-o', model, '--json');
  assert.equal(t.code, 0, t.stderr);
  const tj = JSON.parse(t.stdout);
  for (const key of ['seconds', 'load_seconds', 'epochs', 'stop_reason', 'train_acc', 'val_acc']) assert.ok(key in tj, `missing ${key}`);
  assert.equal(tj.epochs, 1);
  assert.ok(tj.val_acc > 0.85, `validation accuracy ${tj.val_acc}`);
  const e = run('test', model, 'mnist:test', '--json');
  assert.equal(e.code, 0, e.stderr);
  const ej = JSON.parse(e.stdout);
  assert.equal(ej.examples, 10000);
  assert.ok(ej.accuracy > 0.85);
  // Confusion counts add up to the examples; macro-F1 lies in [0, 1].
  assert.equal(ej.confusion.flat().reduce((a: number, b: number) => a + b, 0), 10000);
  assert.ok(ej.macro_f1 > 0 && ej.macro_f1 <= 1);
  assert.match(run('test', model, 'mnist:test').stdout, /confusion matrix/);
});

test('train and test refuse bad arguments with the reason', () => {
  assert.match(run('train', 'mnist:train').stderr, /-o\/--output: the model file to write is required/);
  assert.match(run('train', 'nope.csv', '-o', 'x.json').stderr, /nope\.csv: cannot open the file \(ENOENT\)/);
  assert.match(run('train', 'mnist:nope', '-o', 'x.json').stderr, /unknown built-in dataset "mnist:nope"/);
  assert.match(run('train', 'mnist:train', '-o', 'x.json', '--kernels', 'gpu').stderr, /--kernels: expected one of wasm, wasm-f32, reference/);
  const dir = scratchDir('argmax-cli-');
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"format":"argmax-model","version":7}');
  const r = run('test', bad, 'mnist:test');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /bad\.json: field "version" is 7; this argmax reads versions 1 and 2/);
  const missing = run('test', join(dir, 'missing.json'), 'mnist:test');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^argmax test: .*missing\.json: cannot read the model file \(ENOENT\)\n$/);
});

test('text from files: train, test, predict with --proba and -k, featurizer in the model file', () => {
  const dir = scratchDir('argmax-text-');
  const train = join(dir, 'train.txt');
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) {
    lines.push(`__label__health drug trials patients doctor ${i % 3 === 0 ? 'hospital' : 'clinic'}`);
    lines.push(`__label__sports baseball yankees mets game ${i % 2 === 0 ? 'win' : 'loss'}`);
    lines.push(`__label__science atoms physics experiment lab ${i % 4 === 0 ? 'quantum' : 'particle'}`);
  }
  writeFileSync(train, lines.join('\n') + '\n');
  const model = join(dir, 'm.json');
  const t = run('train', train, '-o', model, '--json');
  assert.equal(t.code, 0, t.stderr);
  const tj = JSON.parse(t.stdout);
  assert.equal(tj.classes, 3);
  assert.ok(['gradient_tolerance', 'newton_decrement', 'relative_decrease'].includes(tj.stop_reason), tj.stop_reason);
  assert.equal(tj.converged, true);
  assert.ok(Number.isFinite(tj.gradient_max_norm), 'the final ‖∇L‖∞ is reported');
  assert.equal(JSON.parse(readFileSync(model, 'utf8')).input.kind, 'text');
  const testFile = join(dir, 'test.txt');
  writeFileSync(testFile, '__label__health the patients of the clinic\n__label__sports the yankees game\n__label__science a physics lab\n');
  const e = JSON.parse(run('test', model, testFile, '--json').stdout);
  assert.equal(e.accuracy, 1);
  const inputs = join(dir, 'in.txt');
  writeFileSync(inputs, 'doctor and patients\nmets win the game\n');
  assert.deepEqual(run('predict', model, inputs).stdout.trim().split('\n'), ['health', 'sports']);
  const proba = run('predict', model, inputs, '--proba').stdout.trim().split('\n');
  assert.match(proba[0], /^health 0\.\d+$/);
  const top2 = run('predict', model, inputs, '-k', '2').stdout.trim().split('\n')[1].split(' ');
  assert.equal(top2.length, 4);
  assert.equal(top2[0], 'sports');
  assert.ok(Number(top2[1]) >= Number(top2[3]));
  // Bad input names the file and line.
  writeFileSync(join(dir, 'bad.txt'), '__label__a fine\nno label\n');
  const bad = run('train', join(dir, 'bad.txt'), '-o', model);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /bad\.txt:2: expected the line to start with a label/);
  const unknown = run('test', model, join(dir, 'bad.txt'));
  assert.match(unknown.stderr, /bad\.txt:2: expected the line to start with a label/);
});

test('--model svm with a cost file, and --model joint on candidate sets in JSON Lines', () => {
  const dir = scratchDir('argmax-joint-');
  // Candidate sets: the gold candidate is the one whose features mention the context word.
  const lines: string[] = [];
  for (let i = 0; i < 60; i++) {
    const ctx = ['doping', 'county', 'moon'][i % 3];
    const cands = [
      { label: 'Lance Armstrong', features: [`${ctx}&cyclist`] },
      { label: 'Armstrong County', features: { [`${ctx}&place`]: 1 } },
      { label: 'Neil Armstrong', features: [`${ctx}&astronaut`] },
    ];
    const gold = { doping: 'Lance Armstrong', county: 'Armstrong County', moon: 'Neil Armstrong' }[ctx];
    lines.push(JSON.stringify({ candidates: cands, gold }));
  }
  const data = join(dir, 'links.jsonl');
  writeFileSync(data, lines.join('\n') + '\n');
  const model = join(dir, 'j.json');
  const t = run('train', data, '--model', 'joint', '-o', model, '--json');
  assert.equal(t.code, 0, t.stderr);
  assert.equal(JSON.parse(t.stdout).train_acc, 1);
  assert.equal(JSON.parse(run('test', model, data, '--json').stdout).accuracy, 1);
  assert.deepEqual(run('predict', model, data).stdout.trim().split('\n').slice(0, 3), ['Lance Armstrong', 'Armstrong County', 'Neil Armstrong']);
  // The joint SVM with label costs (pairs not in the file cost 1).
  const jc = join(dir, 'jcosts.csv');
  writeFileSync(jc, ',Lance Armstrong,Neil Armstrong\nLance-Armstrong,0,2\n'.replace('Lance-Armstrong', 'Lance Armstrong'));
  const svmJoint = run('train', data, '--model', 'joint', '--joint-loss', 'svm', '--optimizer', 'sgd', '--costs', jc, '-o', join(dir, 'js.json'), '--json');
  assert.equal(svmJoint.code, 0, svmJoint.stderr);
  assert.ok(JSON.parse(svmJoint.stdout).train_acc > 0.9);
  writeFileSync(join(dir, 'bad.jsonl'), '{"candidates": [{"label": "a", "features": ["x"]}], "gold": "b"}\n');
  assert.match(run('train', join(dir, 'bad.jsonl'), '--model', 'joint', '-o', model).stderr, /bad\.jsonl:1: gold "b" is not among the candidates/);
  // SVM with the lecture's kind of cost file; test reports the average cost.
  const costs = join(dir, 'costs.csv');
  writeFileSync(costs, ',0,1,2,3,4,5,6,7,8,9\n' + Array.from({ length: 10 }, (_, t) => [t, ...Array.from({ length: 10 }, (_, p) => (t === p ? 0 : t === 4 && p === 9 ? 5 : 1))].join(',')).join('\n') + '\n');
  const svm = join(dir, 'svm.json');
  const s = run('train', 'mnist:train', '--model', 'svm', '--costs', costs, '--epochs', '1', '-o', svm, '--json');
  assert.equal(s.code, 0, s.stderr);
  const e = JSON.parse(run('test', svm, 'mnist:test', '--costs', costs, '--json').stdout);
  assert.ok(e.accuracy > 0.85 && e.average_cost > 0 && e.average_cost < 0.3, JSON.stringify({ acc: e.accuracy, cost: e.average_cost }));
  assert.equal(e.log_loss, null);
  assert.match(run('predict', svm, 'mnist:test', '--proba').stderr, /need probabilities; this model \(SVM, perceptron, or all-vs-all of margin classifiers\) predicts labels only/);
  writeFileSync(join(dir, 'badcosts.csv'), ',0,1\n0,0,-2\n');
  assert.match(run('train', 'mnist:train', '--model', 'svm', '--costs', join(dir, 'badcosts.csv'), '-o', svm).stderr, /badcosts\.csv:2: the cost of predicting "1" for "0" is -2; costs must be ≥ 0/);
});

test('train --help: the Interruptions section lists exactly the checkpoint flags (--checkpoint, --checkpoint-every, --resume)', () => {
  const help = spawnSync(process.execPath, [CLI, 'train', '--help'], { encoding: 'utf8' }).stdout;
  const lines = help.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Interruptions'));
  assert.ok(start >= 0, 'an Interruptions section');
  const end = lines.findIndex((l, i) => i > start && /^\S/.test(l));
  const flags = lines.slice(start + 1, end < 0 ? undefined : end).map((l) => /^ {2}(--[a-z-]+)/.exec(l)?.[1]).filter(Boolean);
  assert.deepEqual(flags, ['--checkpoint', '--checkpoint-every', '--resume']);
});
