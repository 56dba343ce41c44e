/** Binary logistic regression, one-vs-all and all-vs-all (seed 002). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows } from '../src/data/dense.js';
import { makeDataset } from '../src/data/dataset.js';
import { trainSoftmax } from '../src/train/train.js';
import { trainOneVsAll } from '../src/reduce/one-vs-all.js';
import { PairwiseModel, trainAllVsAll } from '../src/reduce/all-vs-all.js';
import { perceptronLearner, svmLearner } from '../src/reduce/binary-learner.js';
import { accuracy } from '../src/metrics/classification.js';
import { modelFromJson, modelToJson } from '../src/io/model-json.js';
import { randomDataset } from './helpers.js';

/**
 * The lecture's picture in one dimension: class 1 on the left (x ∈ [−3, −1.1]),
 * class 2 on the right (x ∈ [1.1, 3]), class 3 in the middle (x ∈ [−0.9, 0.9]).
 * "Can separate 1 from 2+3 and 2 from 1+3 but not 3 from the others": no
 * single threshold splits the middle class from both sides, so its
 * one-vs-rest classifier is nearly constant, and with the same
 * regularization (C = 0.1) the gentle side classifiers outscore it near the
 * edges of the middle. A multiclass model (three lines zₖ = wₖx + bₖ, the
 * middle one flat and high) separates all three. Measured: multiclass 1.000,
 * one-vs-all 0.883 (all its errors in the middle class).
 */
function middleClassData() {
  const rows: number[][] = [];
  const labels: string[] = [];
  for (let i = 0; i < 40; i++) {
    rows.push([-1.1 - (2 * i) / 39]);
    labels.push('1');
    rows.push([1.1 + (2 * i) / 39]);
    labels.push('2');
    rows.push([-0.9 + (1.8 * i) / 39]);
    labels.push('3');
  }
  return makeDataset(fromRows(rows), labels);
}

const REDUCTION_OPTIONS = { optimizer: 'lbfgs' as const, C: 0.1, tol: 1e-8 };

test('one-vs-all fails on the middle class where a multiclass model does not', () => {
  const data = middleClassData();
  const multi = trainSoftmax(data, REDUCTION_OPTIONS).model;
  const ova = trainOneVsAll(data, REDUCTION_OPTIONS).model;
  assert.equal(accuracy(data.y, multi.predictIndex(data.X)), 1);
  const ovaPred = ova.predictIndex(data.X);
  const errors = Array.from(data.y.keys()).filter((i) => ovaPred[i] !== data.y[i]);
  assert.ok(errors.length > 0, 'one-vs-all separated the middle class');
  // Every mistake is on the class that no single linear boundary can split off.
  const middle = data.labels.indexOf('3');
  assert.ok(errors.every((i) => data.y[i] === middle), `errors on classes ${errors.map((i) => data.y[i])}`);
});

test('all-vs-all trains K(K−1)/2 classifiers and separates the middle class pairwise', () => {
  const data = middleClassData();
  const { model, results } = trainAllVsAll(data, REDUCTION_OPTIONS);
  assert.equal(results.length, 3); // K = 3: 3·2/2
  assert.equal(model.numPairs, 3);
  assert.deepEqual(Array.from(model.pairs), [0, 1, 0, 2, 1, 2]);
  assert.equal(accuracy(data.y, model.predictIndex(data.X)), 1);
  const five = randomDataset(200, 4, 5, 3);
  assert.equal(trainAllVsAll(five, { maxEpochs: 2 }).results.length, 10); // K = 5: 5·4/2
});

test('binary logistic regression: labels of any two values, one weight vector, probabilities', () => {
  const X = fromRows([[0, 1], [1, 1], [3, 0], [4, 0]]);
  const data = makeDataset(X, ['no', 'no', 'yes', 'yes']);
  const r = trainSoftmax(data, { loss: 'logistic', optimizer: 'lbfgs', C: 10 });
  assert.deepEqual(r.model.predict(X), ['no', 'no', 'yes', 'yes']);
  // Stored as rows [0, w]: the first row is zero, probabilities are σ(w·x + b).
  assert.deepEqual(Array.from(r.model.W.subarray(0, 2)), [0, 0]);
  const P = r.model.predictProba(X);
  const z = r.model.W[2] * 4 + r.model.W[3] * 0 + r.model.b![1];
  assert.ok(Math.abs(P.data[7] - 1 / (1 + Math.exp(-z))) < 1e-15);
  assert.throws(() => trainSoftmax(randomDataset(30, 2, 3, 1), { loss: 'logistic' }), /needs exactly 2 classes, the data has 3/);
});

test('one-vs-all probabilities are the normalized logistic outputs; pairwise models round-trip through the file', () => {
  const data = randomDataset(120, 3, 3, 8);
  const ova = trainOneVsAll(data, { optimizer: 'lbfgs' }).model;
  assert.equal(ova.scoreKind, 'one-vs-all');
  const P = ova.predictProba(data.X);
  const Z = ova.decisionFunction(data.X);
  const s = [0, 1, 2].map((k) => 1 / (1 + Math.exp(-Z[k])));
  const total = s[0] + s[1] + s[2];
  for (let k = 0; k < 3; k++) assert.ok(Math.abs(P.data[k] - s[k] / total) < 1e-15);
  const ava = trainAllVsAll(data, { optimizer: 'lbfgs' }).model;
  const back = modelFromJson(modelToJson(ava)).model;
  assert.ok(back instanceof PairwiseModel);
  assert.deepEqual(back.predictIndex(data.X), ava.predictIndex(data.X));
  const ovaBack = modelFromJson(modelToJson(ova)).model;
  assert.deepEqual(Array.from((ovaBack as typeof ova).predictProba(data.X).data), Array.from(P.data));
});

test('margin models refuse to give probabilities', () => {
  const data = randomDataset(60, 3, 3, 2);
  const svm = trainSoftmax(data, { loss: 'svm', maxEpochs: 2 }).model;
  assert.equal(svm.scoreKind, 'margin');
  assert.throws(() => svm.predictProba(data.X), /margin scores \(SVM or perceptron\), not probabilities/);
  assert.throws(() => trainSoftmax(data, { loss: 'svm', optimizer: 'newton' }), /newton needs a differentiable loss.*Use dual-cd/);
});

test('any binary learner plugs into the reductions: the two-class SVM and the perceptron', () => {
  const data = randomDataset(300, 4, 3, 12);
  for (const learner of [svmLearner, perceptronLearner]) {
    const ova = trainOneVsAll(data, { maxEpochs: 10 }, learner).model;
    const ava = trainAllVsAll(data, { maxEpochs: 10 }, learner).model;
    // The labels come from a noisy linear model: a linear learner reaches well above chance (1/3).
    assert.ok(accuracy(data.y, ova.predictIndex(data.X)) > 0.7);
    assert.ok(accuracy(data.y, ava.predictIndex(data.X)) > 0.7);
    assert.equal(ova.scoreKind, 'margin');
  }
});
