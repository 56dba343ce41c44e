/** The command line on data it could misread: every case either reads the data exactly or stops with the reason. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli as run, tempFiles } from './cli-run.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrainingData } from '../src/cli/data-source.js';
import { DEFAULT_FEATURIZER } from '../src/text/featurizer.js';
import { FILE_DEFAULTS } from '../src/cli/train-flags.js';

const { dir, file } = tempFiles('argmax-cli-readers-');

/** Two classes separated by feature 1 (class 1) against feature 2 (class -1), 0-based when base0. */
function separable(labels: [string, string], base0: boolean, extra = ''): string {
  const a = base0 ? 0 : 1;
  return Array.from({ length: 20 }, (_, i) => (i % 2 ? `${labels[0]} ${a}:${1 + i / 20}${extra}` : `${labels[1]} ${a + 1}:${1 + i / 20}${extra}`)).join('\n') + '\n';
}

test('a LibSVM model trained on labels 1/-1 tests on +1 and 1.0 as the same classes', () => {
  const model = join(dir, 'num.json');
  const t = run('train', file('num.svm', separable(['1', '-1'], false)), '-o', model, '--json');
  assert.equal(t.code, 0, t.stderr);
  assert.deepEqual(JSON.parse(readFileSync(model, 'utf8')).labels, [-1, 1]);
  const r = run('test', model, file('num-plus.svm', separable(['+1', '-1.0'], false)), '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).accuracy, 1);
});

test('a model trained on a 0-based file reads a later file without index 0 as 0-based (no shifted features)', () => {
  const model = join(dir, 'zero.json');
  assert.equal(run('train', file('zero.svm', separable(['1', '2'], true)), '-o', model).code, 0);
  assert.equal(JSON.parse(readFileSync(model, 'utf8')).input.indexBase, 0);
  // Only class 2 examples: they use index 1 only, never index 0.
  const onlyIndex1 = Array.from({ length: 5 }, (_, i) => `2 1:${1 + i / 10}`).join('\n') + '\n';
  const r = run('test', model, file('zero-test.svm', onlyIndex1), '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).accuracy, 1);
  // --zero-based forces the base of a file that has no index 0.
  const forced = join(dir, 'forced.json');
  assert.equal(run('train', file('one.svm', separable(['1', '2'], false)), '-o', forced, '--zero-based').code, 0);
  assert.equal(JSON.parse(readFileSync(forced, 'utf8')).input.indexBase, 0);
  assert.equal(JSON.parse(readFileSync(forced, 'utf8')).numFeatures, 3);
});

test('features beyond the model width are ignored at test and predict time, with a count; --n-features sets the width', () => {
  const model = join(dir, 'narrow.json');
  assert.equal(run('train', file('narrow.svm', separable(['1', '2'], false)), '-o', model).code, 0);
  const wide = file('wide.svm', separable(['1', '2'], false, ' 7:0.5'));
  const r = run('test', model, wide, '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /20 feature values beyond the model's 2 features were ignored/);
  const p = run('predict', model, wide);
  assert.equal(p.code, 0, p.stderr);
  assert.equal(p.stdout.trim().split('\n').length, 20);
  const sized = join(dir, 'sized.json');
  assert.equal(run('train', file('narrow2.svm', separable(['1', '2'], false)), '-o', sized, '--n-features', '10').code, 0);
  assert.equal(JSON.parse(readFileSync(sized, 'utf8')).numFeatures, 10);
  const small = run('train', wide, '-o', join(dir, 'x.json'), '--n-features', '3');
  assert.equal(small.code, 1);
  assert.match(small.stderr, /wide\.svm:1: feature index 7 is beyond the 3 features expected/);
});

test('a line without a label, a non-numeric label and hex are refused by train naming file:line; predict reads unlabelled lines', () => {
  const noLabel = run('train', file('nolabel.svm', '1 1:1\n1:0.5 3:1\n'), '-o', join(dir, 'x.json'));
  assert.equal(noLabel.code, 1);
  assert.match(noLabel.stderr, /nolabel\.svm:2: no label: the line starts with the feature "1:0\.5"/);
  assert.match(run('train', file('python.svm', 'python 2:2.5 10:-5.2 15:1.5\n'), '-o', join(dir, 'x.json')).stderr, /python\.svm:1: label "python" is not a number/);
  assert.match(run('train', file('hex.svm', '1 0x10:1\n'), '-o', join(dir, 'x.json')).stderr, /hex\.svm:1: feature 1 "0x10:1"/);
  const model = join(dir, 'p.json');
  assert.equal(run('train', file('p.svm', separable(['1', '2'], false)), '-o', model).code, 0);
  const p = run('predict', model, file('unlabelled.svm', '1:1.5\n2:1.5\n'));
  assert.equal(p.code, 0, p.stderr);
  assert.deepEqual(p.stdout.trim().split('\n'), ['1', '2']);
});

test('a huge LibSVM index is refused at once naming the line, before any weight is allocated', () => {
  const t0 = Date.now();
  const r = run('train', file('huge.svm', '1 1:1\n2 2:1\n1 1:2\n2 1000000000:1\n'), '-o', join(dir, 'huge.json'));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /huge\.svm: 1,000,000,000 features \(the largest feature index is on line 4\) × 2 classes would need 2,000,000,000 weights/);
  assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
  assert.ok(!existsSync(join(dir, 'huge.json')));
  assert.match(run('train', file('wrap.svm', '1 1:1\n2 4294967297:1\n'), '-o', join(dir, 'x.json')).stderr, /wrap\.svm:2: feature index 4294967297 is beyond the largest supported index/);
});

test('a text model given numeric data says so in those words; a numeric model given text too', () => {
  const text = join(dir, 'text.json');
  const lines = Array.from({ length: 10 }, (_, i) => (i % 2 ? '__label__a apple pie apple' : '__label__b bread butter bread')).join('\n') + '\n';
  assert.equal(run('train', file('t.txt', lines), '-o', text, '--min-count', '1').code, 0);
  const vec = file('v.svm', '1 1:0.5\n2 2:1\n');
  const p = run('predict', text, vec);
  assert.equal(p.code, 1);
  assert.match(p.stderr, /v\.svm holds numeric features, but the model is a text model/);
  assert.match(run('test', text, file('num.csv', 'label,x\na,1\nb,2\n')).stderr, /num\.csv holds numeric features, but the model is a text model/);
  const numeric = join(dir, 'numeric.json');
  assert.equal(run('train', file('n.svm', separable(['1', '2'], false)), '-o', numeric).code, 0);
  assert.match(run('test', numeric, file('t2.txt', lines)).stderr, /t2\.txt holds text, but the model is a numeric model/);
});

test('invalid UTF-8 is refused naming the line; CR-only line endings are lines', () => {
  const bad = file('bad.txt', Uint8Array.from([...Buffer.from('__label__a ok\n__label__b caf'), 0xe9, ...Buffer.from(' x\n')]));
  const r = run('train', bad, '-o', join(dir, 'x.json'));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /bad\.txt:2: invalid UTF-8/);
  const mac = join(dir, 'mac.json');
  const body = Array.from({ length: 10 }, (_, i) => (i % 2 ? '__label__a apple pie' : '__label__b bread butter')).join('\r') + '\r';
  const t = run('train', file('mac.txt', body), '-o', mac, '--min-count', '1', '--json');
  assert.equal(t.code, 0, t.stderr);
  assert.equal(JSON.parse(t.stdout).examples, 10);
});

test('--val-fraction fits the vocabulary on the training part only', () => {
  // Every line has its own word wN (twice, so --min-count 2 keeps it): the vocabulary must hold the training part's only.
  const lines = Array.from({ length: 40 }, (_, i) => `__label__${i % 2 ? 'a' : 'b'} common w${i} w${i}`).join('\n') + '\n';
  const { data, validation, featurizer } = loadTrainingData(file('leak.txt', lines), { featurizer: { wordNgrams: 1 }, validationFraction: 0.25, seed: 3 });
  assert.equal(data.X.rows, 30);
  assert.equal(validation!.X.rows, 10);
  const vocabulary = featurizer!.toJSON().vocabulary!;
  assert.equal(vocabulary.filter((t) => /^w\d+$/.test(t)).length, 30);
  // The validation rows have only their "common" column (their own words are unknown).
  for (let i = 0; i < validation!.X.rows; i++) assert.equal(validation!.X.kind === 'csr' && validation!.X.indptr[i + 1] - validation!.X.indptr[i], 1);
});

test('seeds beyond 32 bits, oversized hash buckets and conflicting options are usage errors (exit 2)', () => {
  const data = file('s.svm', separable(['1', '2'], false));
  const s = run('train', data, '-o', join(dir, 'x.json'), '--seed', '1e300');
  assert.equal(s.code, 2);
  assert.match(s.stderr, /--seed: expected an integer ≥ 0 and ≤ 4294967295, got 1e300/);
  const h = run('train', data, '-o', join(dir, 'x.json'), '--hash-buckets', '1e12');
  assert.equal(h.code, 2);
  assert.match(h.stderr, /--hash-buckets: expected an integer ≥ 1 and ≤ 67108864, got 1e12/);
  const c = run('train', data, '-o', join(dir, 'x.json'), '--C', '1', '--l2', '0.1');
  assert.equal(c.code, 2);
  assert.match(c.stderr, /C and l2 both given/);
});

test('unknown commands and flags answer with "did you mean" and the usage', () => {
  const a = run('trian');
  assert.equal(a.code, 2);
  assert.match(a.stderr, /unknown command "trian"; did you mean 'train'\?/);
  const b = run('train', 'x.svm', '--epoch', '3');
  assert.equal(b.code, 2);
  assert.match(b.stderr, /unknown flag --epoch; did you mean --epochs\?\nUsage: argmax train/);
});

test("train --help states the real defaults (C for files, min-count) from the tables the code reads", () => {
  const h = run('train', '--help').stdout;
  assert.match(h, new RegExp(`--min-count n +keep terms seen at least n times \\(default ${DEFAULT_FEATURIZER.minCount}\\)`));
  assert.match(h, new RegExp(`default: ${FILE_DEFAULTS.C} for files with newton or lbfgs; 1 for built-in data`));
});

test('a class present only in the test file is reported as unseen and counted as an error, not a crash', () => {
  const model = join(dir, 'seen.json');
  assert.equal(run('train', file('seen.svm', separable(['1', '2'], false)), '-o', model).code, 0);
  // Two examples of known classes (both right: features as in training) and one of class 3, which the model never saw.
  const r = run('test', model, file('unseen.svm', '1 1:1.5\n2 2:1.5\n3 1:1\n'), '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual([out.examples, out.unseen_examples, out.unseen_labels], [3, 1, { 3: 1 }]);
  // accuracy = 2 right of 3
  assert.equal(out.accuracy, 2 / 3);
  const all = run('test', model, file('all-unseen.svm', '3 1:1\n'));
  assert.equal(all.code, 1);
  assert.match(all.stderr, /all-unseen\.svm: no example has a label the model knows/);
});
