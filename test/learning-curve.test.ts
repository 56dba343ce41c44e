/** argmax learning-curve: --sizes as counts or fractions (as scikit-learn's learning_curve takes them), checked before any work; --seed reproduces a curve; curves of data files by cross-validation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { existsSync, writeFileSync } from 'node:fs';
import { subset } from '../src/data/dataset.js';
import { type Examples } from '../src/select/examples.js';
import { planFolds } from '../src/select/cross-validate.js';
import { fitCandidate } from '../src/select/candidate.js';
import { scoreHeldOut } from '../src/select/scores.js';
import { curveSmallest, learningCurve } from '../src/select/learning-curve.js';
import { loadExamples } from '../src/select/load-examples.js';
import { randomDataset } from './helpers.js';
import { defaultCurveSizes, readCurveSizes } from '../src/cli/learning-curve-sizes.js';
import { scratchDir } from './support/scratch-dir.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('learning-curve sizes: counts and fractions of N (⌊f·N⌋, as scikit-learn), in increasing order', () => {
  // N = 1000: 0.1 → 100, 0.25 → 250, 1.0 → 1000; ⌊0.333·1000⌋ = 333.
  assert.deepEqual(readCurveSizes('500,0.1,1.0,0.25,2', 1000, 'training examples'), [2, 100, 250, 500, 1000]);
  assert.deepEqual(readCurveSizes('0.333', 1000, 'training examples'), [333]);
  assert.deepEqual(readCurveSizes('1e-1', 1000, 'training examples'), [100]);
});

test('learning-curve sizes: a count above N, a bad fraction, fewer than 2 examples and a size given twice are refused naming the size', () => {
  const sizes = (raw: string) => readCurveSizes(raw, 1000, 'training images');
  assert.throws(() => sizes('500,1001'), /^UsageError: --sizes: 1001 is more than the 1000 training images \(use at most 1000, or 1.0 for all of them\)$/);
  assert.throws(() => sizes('1.5'), /--sizes: 1.5: a fraction of the training set must be in \(0, 1\]/);
  assert.throws(() => sizes('0.0'), /--sizes: 0.0: a fraction of the training set must be in \(0, 1\]/);
  assert.throws(() => sizes('1'), /--sizes: 1: a count must be an integer ≥ 2/);
  assert.throws(() => sizes('-5'), /--sizes: -5: a count must be an integer ≥ 2/);
  assert.throws(() => sizes('0.001'), /--sizes: 0.001 of 1000 training images is 1: a curve point needs at least 2 examples/);
  assert.throws(() => sizes('500,abc'), /--sizes: expected comma-separated counts \(integers ≥ 2\) or fractions in \(0, 1\] such as 0.1, got "abc"/);
  assert.throws(() => sizes('100,'), /got ""/);
  assert.throws(() => sizes('200,200'), /^UsageError: --sizes: 200 is given twice$/);
  assert.throws(() => sizes('0.5,500'), /^UsageError: --sizes: 0.5 and 500 are both 500 examples \(of 1000 training images\)$/);
});

test('learning-curve default sizes stop at the training set and end with all of it', () => {
  assert.deepEqual(defaultCurveSizes([500, 1000, 2000, 5000, 10000, 20000, 50000], 50000), [500, 1000, 2000, 5000, 10000, 20000, 50000]);
  assert.deepEqual(defaultCurveSizes([500, 1000, 2000, 5000, 10000, 20000, 50000], 40000), [500, 1000, 2000, 5000, 10000, 20000, 40000]);
});

test('argmax learning-curve: a size above the training split is refused naming it, and --val-size shrinks the default sizes instead of failing', () => {
  const out = join(scratchDir('argmax-lc-'), 'lc');
  const big = run('learning-curve', '--sizes', '500,50001', '--out', out);
  assert.equal(big.code, 2, big.stderr);
  assert.match(big.stderr, /--sizes: 50001 is more than the 50000 training images/);
  const shrunk = run('learning-curve', '--val-size', '59990', '--epochs', '1', '--json', '--out', out);
  assert.equal(shrunk.code, 0, shrunk.stderr);
  assert.deepEqual(JSON.parse(shrunk.stdout).sizes, [10]);
});

test('argmax learning-curve --seed: the same seed gives the same curve, another seed another one', () => {
  const out = join(scratchDir('argmax-lc-'), 'lc');
  const curve = (seed: string) => {
    const r = run('learning-curve', '--sizes', '20,0.5', '--val-size', '59900', '--epochs', '3', '--seed', seed, '--json', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.sizes, [20, 50]);
    return j.points.map(({ seconds: _s, ...rest }: { seconds: number }) => rest);
  };
  const a = curve('3');
  assert.deepEqual(curve('3'), a);
  assert.notDeepEqual(curve('4'), a);
});

/** 60 rows of three classes over two features, sorted by class (as many CSV files are), with the label in "label". */
function sortedCsv(): string {
  const lines = ['x1,x2,label'];
  for (let k = 0; k < 3; k++) for (let i = 0; i < 20; i++) lines.push(`${k + 0.05 * ((i * 7) % 11)},${((i * 3) % 5) * 0.2 - k},${'abc'[k]}`);
  const path = join(scratchDir('argmax-lc-data-'), 'sorted.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

test('argmax learning-curve DATA: per size, the mean over stratified folds of train and test accuracy; fractions of the smallest training part; --seed reproduces it', () => {
  const data = sortedCsv();
  const out = join(data, '..', 'lc');
  const curve = (...flags: string[]) => {
    const r = run('learning-curve', data, '--folds', '3', '--sizes', '0.25,1.0', '--out', out, '--json', ...flags);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const j = curve();
  // 3 folds of 60 examples: training parts of 40; 0.25 → 10, 1.0 → 40.
  assert.deepEqual(j.sizes, [10, 40]);
  assert.equal(j.per_fold.length, 6);
  for (const p of j.points) {
    const at = j.per_fold.filter((f: { n: number }) => f.n === p.n);
    assert.equal(at.length, 3);
    assert.ok(Math.abs(p.test_acc - at.reduce((s: number, f: { test_acc: number }) => s + f.test_acc, 0) / 3) < 1e-12);
  }
  assert.deepEqual(curve(), j);
  assert.notDeepEqual(curve('--seed', '1').per_fold, j.per_fold);
  assert.ok(existsSync(join(out, 'report.html')));
});

test('argmax learning-curve DATA: a size above the smallest training part, or a text option on numeric data, is refused naming it', () => {
  const data = sortedCsv();
  const big = run('learning-curve', data, '--folds', '3', '--sizes', '10,41', '--out', join(data, '..', 'lc'));
  assert.equal(big.code, 2, big.stderr);
  assert.match(big.stderr, /--sizes: 41 is more than the 40 examples \(the smallest training part of 3 folds\) \(use at most 40, or 1.0 for all of them\)/);
  const missing = join(data, '..', 'absent.svm');
  assert.match(run('learning-curve', missing, '--ngrams', '2').stderr, /--ngrams: a text featurizer option, but .*absent\.svm holds numeric vectors/);
});

test('learningCurve with order "data" trains each size on the first n rows of the fold\'s training part, as scikit-learn with shuffle=False', () => {
  const data = randomDataset(90, 4, 3, 5);
  const ex: Examples = { kind: 'vectors', data };
  const candidate = { train: { optimizer: 'newton' as const, C: 1 } };
  const result = learningCurve(ex, candidate, { sizes: [15, 40], folds: 3, seed: 2, order: 'data' });
  const plans = planFolds(ex, { folds: 3, seed: 2 });
  for (const s of result.scores) {
    const plan = plans[s.fold];
    const model = fitCandidate(candidate, subset(data, plan.train.subarray(0, s.n)));
    assert.deepEqual(s.test, scoreHeldOut(model, subset(data, plan.heldOut)));
  }
  assert.throws(() => learningCurve(ex, candidate, { sizes: [61], folds: 3 }), /size 61 must be an integer from 2 to 60/);
});

test('learningCurve refuses a size whose first examples are of one class in some fold before training any size, naming option sizes and the smallest size', () => {
  // Rows sorted by class, 3 stratified folds: 20 "a" rows, 6 or 7 held out per fold, so in data order a training
  // part starts with 13 or 14 "a" rows; the smallest size that holds two classes in every fold is 15.
  const ex = loadExamples(sortedCsv(), {});
  const candidate = { train: { optimizer: 'newton' as const, C: 1 } };
  assert.equal(curveSmallest(ex, 3, 0, 'data'), 15);
  let trained = 0;
  const onScore = () => trained++;
  assert.throws(
    () => learningCurve(ex, candidate, { sizes: [40, 14], folds: 3, order: 'data', onScore }),
    /learning curve: size 14 is too small: option sizes must be at least 15 with these folds, seed and order/,
  );
  assert.equal(trained, 0, 'no size was trained before the refusal');
  assert.deepEqual(learningCurve(ex, candidate, { sizes: [15], folds: 3, order: 'data', onScore }).sizes, [15]);
  assert.equal(trained, 3);
  // Shuffled (seed 0) two classes come sooner, but not within the first 4 rows of every fold: 5 trains, 4 is refused.
  assert.equal(curveSmallest(ex, 3, 0), 5);
  assert.throws(() => learningCurve(ex, candidate, { sizes: [4], folds: 3 }), /size 4 is too small: option sizes must be at least 5 /);
  assert.equal(learningCurve(ex, candidate, { sizes: [5], folds: 3 }).points.length, 1);
});

test('argmax learning-curve DATA: a size too small for every fold to hold two classes is refused naming --sizes and the smallest size, before any training; the default sizes start above it', () => {
  const data = sortedCsv();
  const out = join(data, '..', 'lc');
  const small = run('learning-curve', data, '--folds', '3', '--order', 'data', '--sizes', '40,14', '--out', out);
  assert.equal(small.code, 2, small.stderr);
  assert.match(small.stderr, /--sizes: 14 examples are too few: the smallest size is 15 here \(with fewer, the first examples of some fold's training part are all of one class/);
  assert.equal(small.stdout, '');
  // The defaults, 0.1, 0.325, 0.55, 0.775 and 1 of 40 (4, 13, 22, 31, 40), without those below 15.
  const defaults = run('learning-curve', data, '--folds', '3', '--order', 'data', '--json', '--out', out);
  assert.equal(defaults.code, 0, defaults.stderr);
  assert.deepEqual(JSON.parse(defaults.stdout).sizes, [22, 31, 40]);
});
