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
import { crossValidate } from '../src/select/cross-validate.js';
import { learningCurve } from '../src/select/learning-curve.js';
import { CLASSES, rows } from './support/three-classes.js';
import { makeDataset } from '../src/data/dataset.js';
import { fromRows } from '../src/data/dense.js';

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
