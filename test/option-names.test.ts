/**
 * Options objects from plain JavaScript: a misspelt name is refused before any
 * work, with the closest accepted name, by every entry point that takes one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refuseUnknownOptions } from '../src/option-names.js';
import { lbfgs } from '../src/optim/lbfgs.js';
import { newtonCg } from '../src/optim/newton-cg.js';
import { gradientDescent } from '../src/optim/gradient-descent.js';
import { owlqn } from '../src/optim/owlqn.js';
import { crammerSingerDual } from '../src/svm/crammer-singer-dual.js';
import { trainJoint } from '../src/joint/joint-model.js';
import { conjoinLabels } from '../src/joint/joint-data.js';
import { EmpiricalRisk } from '../src/objective/empirical-risk.js';
import { LinearScores } from '../src/scores/linear.js';
import { softmaxCrossEntropy } from '../src/losses/softmax-cross-entropy.js';
import { referenceKernels } from '../src/kernels/reference.js';
import { TextFeaturizer } from '../src/text/featurizer.js';
import { toCsr } from '../src/data/csr.js';
import { crossValidate, planFolds } from '../src/select/cross-validate.js';
import { learningCurve } from '../src/select/learning-curve.js';
import { CLASSES, rows } from './support/three-classes.js';
import { makeDataset } from '../src/data/dataset.js';
import { fromRows } from '../src/data/dense.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLibsvm } from '../src/io/readers/libsvm.js';
import { parseCsv } from '../src/io/readers/csv.js';
import { parseJsonl } from '../src/io/readers/jsonl.js';
import { parseFastText } from '../src/io/readers/fasttext.js';
import { parseJointJsonl } from '../src/io/readers/joint-jsonl.js';
import { readRecords } from '../src/io/readers/read.js';
import { loadExamples, loadHeldOut } from '../src/select/load-examples.js';
import { RowCacheWriter } from '../src/data/row-cache.js';
import { readFastTextFile } from '../src/text/fasttext-file.js';
import { fitTextFile, fitTransformTextFile, transformTextFile } from '../src/text/text-stream.js';
import { search } from '../src/select/search.js';
import { autotune } from '../src/select/autotune.js';
import { defaultSpace } from '../src/select/autotune-space.js';

const data = makeDataset(fromRows(rows.map((r) => r.x)), rows.map((r) => CLASSES[r.k]));
/** An objective that counts its evaluations: a refusal must come before the first. */
function countingRisk() {
  const risk = new EmpiricalRisk(new LinearScores(data.labels.size, data.X.cols, true, referenceKernels), softmaxCrossEntropy, data, { l2: 0.1, secondOrder: true });
  let evaluations = 0;
  const valueAndGradient = risk.valueAndGradient.bind(risk);
  risk.valueAndGradient = (theta, grad) => (evaluations++, valueAndGradient(theta, grad));
  return { risk, evaluations: () => evaluations, theta: new Float64Array(risk.numParams) };
}

test('each full-batch solver refuses a misspelt option with the closest name, before evaluating the objective', () => {
  const cases: [string, (o: never) => unknown, object, RegExp][] = [];
  const { risk, evaluations, theta } = countingRisk();
  cases.push(
    ['lbfgs', (o) => lbfgs(risk, theta, o), { maxiter: 5 }, /unknown lbfgs option "maxiter" \(did you mean "maxIter"\?\)/],
    ['newton', (o) => newtonCg(risk, theta, o), { cgtol: 0.5 }, /unknown newton option "cgtol" \(did you mean "cgTol"\?\)/],
    ['gd', (o) => gradientDescent(risk, theta, o), { learning_rate: 0.1 }, /unknown gradient descent option "learning_rate" \(did you mean "learningRate"\?\)/],
    ['owlqn', (o) => owlqn(risk, theta, 0.1, risk.penaltyMask, o), { memmory: 5 }, /unknown owlqn option "memmory" \(did you mean "memory"\?\)/],
  );
  for (const [, run, options, message] of cases) assert.throws(() => run(options as never), message);
  assert.equal(evaluations(), 0);
  // The correctly spelt options still run.
  assert.equal(lbfgs(risk, theta, { maxIter: 2 }).iterations <= 2, true);
});

test('crammerSingerDual, trainJoint, EmpiricalRisk and TextFeaturizer refuse a misspelt option, naming it and the closest name', () => {
  const X = toCsr(data.X);
  assert.throws(() => crammerSingerDual(X, data.y, 3, { C: 1, shrink: false } as never), /unknown crammerSingerDual option "shrink" \(did you mean "shrinking"\?\)/);
  const joint = conjoinLabels(X, data.labels, data.y);
  assert.throws(() => trainJoint(joint, { optimiser: 'sgd' } as never), /unknown joint training option "optimiser" \(did you mean "optimizer"\?\)/);
  assert.throws(
    () => new EmpiricalRisk(new LinearScores(3, data.X.cols, true, referenceKernels), softmaxCrossEntropy, data, { secondorder: true } as never),
    /unknown EmpiricalRisk option "secondorder" \(did you mean "secondOrder"\?\)/,
  );
  assert.throws(() => new TextFeaturizer({ lowerCase: false } as never), /unknown featurizer option "lowerCase" \(did you mean "lowercase"\?\)/);
});

test('refuseUnknownOptions lets undefined and known names through, and refuses null, arrays and other non-objects', () => {
  assert.doesNotThrow(() => refuseUnknownOptions(undefined, ['a'], 'test'));
  assert.doesNotThrow(() => refuseUnknownOptions({ a: 1 }, ['a', 'b'], 'test'));
  assert.throws(() => refuseUnknownOptions(null, ['a'], 'test'), /test options must be an object, got null/);
  assert.throws(() => refuseUnknownOptions([1], ['a'], 'test'), /got an array/);
  assert.throws(() => refuseUnknownOptions(5, ['a'], 'test'), /got number/);
  assert.throws(() => refuseUnknownOptions({ zzz: 1 }, ['alpha'], 'test'), (e: Error) => e.message === 'unknown test option "zzz"; the options are alpha');
});

test('crossValidate and learningCurve refuse a misspelt option with the closest name', () => {
  const examples = { kind: 'vectors' as const, data };
  const candidate = { train: { optimizer: 'lbfgs' as const } };
  assert.throws(() => crossValidate(examples, candidate, { fold: 3 } as never), /unknown crossValidate option "fold" \(did you mean "folds"\?\)/);
  assert.throws(() => learningCurve(examples, candidate, { sizes: [10], sead: 1 } as never), /unknown learningCurve option "sead" \(did you mean "seed"\?\)/);
});

/** Lines that count how many were read: a refusal must come before the first. */
function countingLines(): { lines: Iterable<{ line: string; number: number }>; read: () => number } {
  let read = 0;
  return {
    lines: (function* () {
      read++;
      yield { line: 'never read', number: 1 };
    })(),
    read: () => read,
  };
}

test('the per-format parsers refuse a misspelt option with the closest name, before reading a line', () => {
  const cases: [(lines: Iterable<{ line: string; number: number }>) => unknown, RegExp][] = [
    [(l) => parseLibsvm(l, 'a.svm', { numFeature: 784 } as never), /unknown parseLibsvm option "numFeature" \(did you mean "numFeatures"\?\)/],
    [(l) => parseCsv(l, 'a.csv', { labelColum: 'y' } as never), /unknown parseCsv option "labelColum" \(did you mean "labelColumn"\?\)/],
    [(l) => parseJsonl(l, 'a.jsonl', { textfield: 'body' } as never), /unknown parseJsonl option "textfield" \(did you mean "textField"\?\)/],
    [(l) => parseFastText(l, 'a.txt', { prefx: '#' } as never), /unknown parseFastText option "prefx" \(did you mean "prefix"\?\)/],
    [(l) => parseJointJsonl(l, 'a.jsonl', 16, { requiredGold: false } as never), /unknown parseJointJsonl option "requiredGold" \(did you mean "requireGold"\?\)/],
  ];
  for (const [parse, message] of cases) {
    const { lines, read } = countingLines();
    assert.throws(() => parse(lines), message);
    assert.equal(read(), 0);
  }
});

test('readRecords, loadExamples and loadHeldOut refuse a misspelt option before opening the file (a missing file is not the error)', () => {
  const missing = join(tmpdir(), 'argmax-no-such-dir', 'data.svm');
  assert.throws(() => readRecords(missing, { numFeature: 784 } as never), /unknown readRecords option "numFeature" \(did you mean "numFeatures"\?\)/);
  assert.throws(() => loadExamples(missing, { labelColum: 'y' } as never), /unknown loadExamples option "labelColum" \(did you mean "labelColumn"\?\)/);
  assert.throws(() => loadHeldOut(missing, { zerobased: true } as never, { kind: 'vectors', data }), /unknown loadHeldOut option "zerobased" \(did you mean "zeroBased"\?\)/);
  // Correctly spelt, the same call gets as far as the file.
  assert.throws(() => readRecords(missing, { numFeatures: 784 }), /ENOENT|cannot open|no such file/i);
});

test('the streaming fastText file functions refuse a misspelt read option before opening the file', () => {
  const missing = join(tmpdir(), 'argmax-no-such-dir', 'data.txt');
  const feed = { feedAscii: () => {}, feedText: () => {}, endLine: () => {} };
  const sink = { push: () => {} };
  const fitted = new TextFeaturizer().fit(['apple pear']);
  assert.throws(() => readFastTextFile(missing, feed, { keepEmptyLine: true } as never), /unknown readFastTextFile option "keepEmptyLine" \(did you mean "keepEmptyLines"\?\)/);
  assert.throws(() => fitTextFile(missing, {}, { prefx: '#' } as never), /unknown fitTextFile option "prefx" \(did you mean "prefix"\?\)/);
  assert.throws(() => transformTextFile(missing, fitted, sink, { rowOf: () => [] } as never), /unknown transformTextFile option "rowOf" \(did you mean "rowsOf"\?\)/);
  assert.throws(() => fitTransformTextFile(missing, {}, { validationFration: 0.1 } as never), /unknown fitTransformTextFile option "validationFration" \(did you mean "validationFraction"\?\)/);
  // Correctly spelt, the same calls get as far as the file.
  assert.throws(() => fitTransformTextFile(missing, {}, { validationFraction: 0.1, seed: 1 }), /cannot open the file/);
  assert.throws(() => transformTextFile(missing, fitted, sink, { rowsOf: () => [], keepEmptyLines: true }), /cannot open the file/);
});

test('RowCacheWriter refuses a misspelt option before creating its cache file', () => {
  const missingDir = join(tmpdir(), 'argmax-no-such-dir');
  assert.throws(() => new RowCacheWriter({ dir: missingDir, blockRow: 64 } as never), /unknown RowCacheWriter option "blockRow" \(did you mean "blockRows"\?\)/);
  assert.throws(() => new RowCacheWriter({ dir: missingDir, blockRows: 64 }), /ENOENT/);
});

test('search, its scoring, autotune and planFolds refuse a misspelt option with the closest name, before training', () => {
  const examples = { kind: 'vectors' as const, data };
  let fitted = 0;
  const candidate = { get train() { fitted++; return { optimizer: 'lbfgs' as const }; } };
  const entries = [{ setting: {}, candidate }];
  const metric = { kind: 'accuracy' as const };
  assert.throws(() => search(examples, entries, { scoring: { kind: 'cv', fold: 3 }, metric } as never), /unknown search cv scoring option "fold" \(did you mean "folds"\?\)/);
  assert.throws(() => search(examples, entries, { scoring: { kind: 'holdout', heldout: examples }, metric } as never), /unknown search holdout scoring option "heldout" \(did you mean "heldOut"\?\)/);
  assert.throws(() => search(examples, entries, { scoring: { kind: 'CV' }, metric } as never), /search: scoring.kind must be "cv" or "holdout", got "CV"/);
  assert.throws(() => search(examples, entries, { scoring: { kind: 'cv' }, metric, onresult: () => {} } as never), /unknown search option "onresult" \(did you mean "onResult"\?\)/);
  assert.throws(
    () => autotune(examples, examples, { metric, trial: 3, space: defaultSpace(false, ['softmax']), base: {}, candidateOf: () => candidate } as never),
    /unknown autotune option "trial" \(did you mean "trials"\?\)/,
  );
  assert.throws(() => planFolds(examples, { fold: 3 } as never), /unknown planFolds option "fold" \(did you mean "folds"\?\)/);
  assert.equal(fitted, 0);
  assert.equal(planFolds(examples, { folds: 3 }).length, 3);
});
