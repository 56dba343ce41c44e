/**
 * The lecture's multiclass SVM example (seed 002), exactly: "too many drug
 * trials, too few patients", gold Health.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lossAugmentedArgmax, multiclassHinge, perceptronLoss, checkCosts, zeroOneCosts } from '../src/losses/multiclass-hinge.js';
import { fromRows } from '../src/data/dense.js';
import { LabelTable } from '../src/data/labels.js';
import { LinearScores } from '../src/scores/linear.js';
import { EmpiricalRisk } from '../src/objective/empirical-risk.js';
import { kernelsByName } from '../src/kernels/select.js';
import { checkGradient } from '../src/gradcheck.js';
import { randomDataset, randomVector } from './helpers.js';
import { trainSoftmax } from '../src/train/train.js';

// Classes in the order Health, Science, Sports.
const HEALTH = 0;
const SCIENCE = 1;
const SPORTS = 2;
// ℓ(y, y*) with y* = Health: ℓ(Science, Health) = 1, ℓ(Sports, Health) = 3 (row = true class, column = predicted).
const costs = Float64Array.from([
  0, 1, 3,
  1, 0, 1,
  3, 1, 0,
]);
// Scores w·f(x, y): Health 2.4, Science 1.8, Sports 1.3.
const scores = Float64Array.from([2.4, 1.8, 1.3]);
const gold = Int32Array.from([HEALTH]);

test('loss-augmented scores 2.4, 2.8, 4.3: the most violated constraint is Sports, ξ = 1.9', () => {
  // Loss-augmented: Health 2.4 + 0 = 2.4, Science 1.8 + 1 = 2.8, Sports 1.3 + 3 = 4.3.
  const augmented = [0, 1, 2].map((y) => scores[y] + costs[HEALTH * 3 + y]);
  assert.deepEqual(augmented.map((v) => Math.round(v * 10) / 10), [2.4, 2.8, 4.3]);
  assert.equal(lossAugmentedArgmax(scores, 0, 3, HEALTH, costs), SPORTS);
  // With 0/1 costs the most violated constraint would be Science instead: 1.8 + 1 = 2.8 > 1.3 + 1 = 2.3.
  assert.equal(lossAugmentedArgmax(scores, 0, 3, HEALTH, null), SCIENCE);
  // Does gold beat every label + loss? No: 2.4 < 4.3. ξ = 4.3 − 2.4 = 1.9.
  const dZ = new Float64Array(3);
  const xi = multiclassHinge(costs).lossAndGradient(scores, 3, gold, null, dZ, null);
  assert.ok(Math.abs(xi - 1.9) < 1e-12, `ξ = ${xi}`);
  // ∂ξ/∂z = e_Sports − e_Health.
  assert.deepEqual(Array.from(dZ), [-1, 0, 1]);
});

test('the perceptron makes no update on this example: its argmax is already Health', () => {
  const dZ = new Float64Array(3);
  const loss = perceptronLoss.lossAndGradient(scores, 3, gold, null, dZ, null);
  assert.equal(loss, 0);
  assert.deepEqual(Array.from(dZ), [0, 0, 0]);
});

test('through a linear model the subgradient is f(x, Sports) − f(x, Health)', () => {
  // Base features f(x) = [drug, patients, baseball] = [1, 1, 0]; weights chosen to give the scores
  // 2.4, 1.8, 1.3 (Health [1.2, 1.2, 0], Science [0.9, 0.9, 0], Sports [0.65, 0.65, 0]).
  const X = fromRows([[1, 1, 0]]);
  const model = new LinearScores(3, 3, false, kernelsByName('reference'));
  const theta = Float64Array.from([1.2, 1.2, 0, 0.9, 0.9, 0, 0.65, 0.65, 0]);
  const data = { X, y: gold, labels: new LabelTable(['Health', 'Science', 'Sports']) };
  const risk = new EmpiricalRisk(model, multiclassHinge(costs), data, { reduction: 'sum' });
  const grad = new Float64Array(9);
  const xi = risk.valueAndGradient(theta, grad);
  assert.ok(Math.abs(xi - 1.9) < 1e-12);
  // Label-conjoined blocks: f(x, Health) = [1,1,0, 0,0,0, 0,0,0], f(x, Sports) = [0,0,0, 0,0,0, 1,1,0].
  // f(x, Sports) − f(x, Health) = [−1, −1, 0, 0, 0, 0, 1, 1, 0].
  assert.deepEqual(Array.from(grad), [-1, -1, 0, 0, 0, 0, 1, 1, 0]);
});

test('the SVM objective gradient matches finite differences where it is differentiable', () => {
  // Away from ties of the loss-augmented argmax the hinge is linear in θ, so central differences are exact
  // up to rounding; random continuous data makes ties have probability 0 (checked: the argmax is stable at ±h).
  const data = randomDataset(17, 5, 4, 23);
  const model = new LinearScores(4, 5, true, kernelsByName('reference'));
  const risk = new EmpiricalRisk(model, multiclassHinge(checkCosts(zeroOneCosts(4), 4)), data, { reduction: 'sum', l2: 0.5 });
  const theta = randomVector(model.numParams, 24);
  const grad = new Float64Array(model.numParams);
  risk.valueAndGradient(theta, grad);
  const r = checkGradient((t) => risk.value(t), grad, theta, { step: 1e-6 });
  assert.ok(r.maxError < 1e-7, `error ${r.maxError} at ${r.worstIndex}`);
});

test('cost matrices are validated: shape, sign, zero diagonal', () => {
  assert.throws(() => checkCosts(new Float64Array(3), 2), /expected 2×2 = 4 costs, got 3/);
  assert.throws(() => checkCosts(Float64Array.from([0, -1, 1, 0]), 2), /cost of predicting class 1 for true class 0 is -1/);
  assert.throws(() => checkCosts(Float64Array.from([1, 1, 1, 0]), 2), /cost of a correct prediction \(class 0\) must be 0/);
});

test('SVM training history: its own objective, and the validation error rate that early stopping watches', () => {
  const data = randomDataset(200, 5, 3, 41);
  const validation = randomDataset(80, 5, 3, 42);
  const r = trainSoftmax(data, { loss: 'svm', maxEpochs: 4, validation });
  for (const e of r.history) {
    assert.equal(e.valLoss, 1 - e.valAccuracy!);
    assert.ok(e.trainLoss >= 0); // a hinge objective is never negative
  }
});
