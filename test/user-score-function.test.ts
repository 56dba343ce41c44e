/**
 * What a user writing their own differentiable model f(x; θ) relies on: the
 * gradient check must flag a wrong or non-finite gradient (never pass one
 * silently), and the objective must refuse a score function whose shape does
 * not fit the data, or parameter and gradient vectors of the wrong length,
 * before computing anything.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGradient } from '../src/gradcheck.js';
import { softmaxCrossEntropy } from '../src/losses/softmax-cross-entropy.js';
import { binaryLogistic } from '../src/losses/binary-logistic.js';
import { EmpiricalRisk } from '../src/objective/empirical-risk.js';
import { LinearScores } from '../src/scores/linear.js';
import { type ScoreFunction } from '../src/scores/score-function.js';
import { type Matrix } from '../src/data/csr.js';
import { checkMlpSpec, type MlpSpec } from '../src/scores/sequential.js';
import { randomDataset } from './helpers.js';

/** f(θ) = Σ θₚ², gradient 2θ. */
const sumOfSquares = (t: Float64Array): number => t.reduce((s, v) => s + v * v, 0);

test('checkGradient reports a NaN analytic gradient after correct coordinates as an infinite error at that coordinate', () => {
  const theta = Float64Array.from([1, 2, 3]);
  const gradient = Float64Array.from([2, 4, NaN]);
  const r = checkGradient(sumOfSquares, gradient, theta);
  assert.equal(r.maxError, Infinity);
  assert.equal(r.worstIndex, 2);
});

test('checkGradient reports a non-finite function value as an infinite error', () => {
  const theta = Float64Array.from([1, 2]);
  const r = checkGradient((t) => (t[1] > 2 ? NaN : sumOfSquares(t)), Float64Array.from([2, 4]), theta);
  assert.equal(r.maxError, Infinity);
  assert.equal(r.worstIndex, 1);
});

test('checkGradient refuses a gradient of another length than θ, an index outside θ and a step that is not positive', () => {
  const theta = Float64Array.from([1, 2, 3]);
  assert.throws(() => checkGradient(sumOfSquares, Float64Array.from([2]), theta), /gradient has 1 values but θ has 3/);
  assert.throws(() => checkGradient(sumOfSquares, Float64Array.from([2, 4, 6]), theta, { indices: [0, 3] }), /indices: 3 is not a coordinate of θ \(0\.\.2\)/);
  assert.throws(() => checkGradient(sumOfSquares, Float64Array.from([2, 4, 6]), theta, { step: 0 }), /step must be a finite number > 0, got 0/);
});

test('checkGradient still finds the exact gradient of Σθ² within 1e-9 (central differences are exact on a quadratic up to rounding)', () => {
  const theta = Float64Array.from([1, -2, 3]);
  const r = checkGradient(sumOfSquares, Float64Array.from([2, -4, 6]), theta);
  assert.ok(r.maxError < 1e-9, `max error ${r.maxError}`);
  assert.equal(r.checked, 3);
});

/** A user's score function: linear scores with any declared shape (the shape checks are what is tested). */
function declaredShape(numClasses: number, numFeatures: number): ScoreFunction {
  const inner = new LinearScores(numClasses, numFeatures, true);
  return {
    numClasses, numFeatures, numParams: inner.numParams,
    forward: (theta: Float64Array, X: Matrix, rows: Int32Array | null, Z: Float64Array) => inner.forward(theta, X, rows, Z),
    backward: (theta: Float64Array, X: Matrix, rows: Int32Array | null, dZ: Float64Array, g: Float64Array) => inner.backward(theta, X, rows, dZ, g),
    penaltyMask: () => inner.penaltyMask(),
  };
}

test('EmpiricalRisk refuses a score function with fewer or more scores than the data has classes, naming both counts', () => {
  const data = randomDataset(20, 4, 3, 1);
  assert.throws(() => new EmpiricalRisk(declaredShape(2, 4), softmaxCrossEntropy, data), /score function gives 2 scores per example but the data has 3 classes/);
  assert.throws(() => new EmpiricalRisk(declaredShape(4, 4), softmaxCrossEntropy, data), /score function gives 4 scores per example but the data has 3 classes/);
  // Binary logistic: one score for two classes.
  const binary = randomDataset(20, 4, 2, 2);
  assert.doesNotThrow(() => new EmpiricalRisk(declaredShape(1, 4), binaryLogistic, binary));
  assert.throws(() => new EmpiricalRisk(declaredShape(2, 4), binaryLogistic, binary), /score function gives 2 scores per example but the binary logistic loss takes 1/);
});

test('EmpiricalRisk refuses a score function whose input width differs from the data', () => {
  const data = randomDataset(20, 4, 3, 3);
  assert.throws(() => new EmpiricalRisk(declaredShape(3, 5), softmaxCrossEntropy, data), /score function takes 5 features but the data has 4/);
});

test('EmpiricalRisk refuses θ and gradient vectors of the wrong length before evaluating', () => {
  const data = randomDataset(20, 4, 3, 4);
  const risk = new EmpiricalRisk(declaredShape(3, 4), softmaxCrossEntropy, data);
  const n = risk.numParams;
  assert.throws(() => risk.value(new Float64Array(n - 1)), new RegExp(`θ has ${n - 1} values, expected ${n}`));
  assert.throws(() => risk.valueAndGradient(new Float64Array(n), new Float64Array(3)), new RegExp(`gradient has 3 values, expected ${n}`));
  assert.throws(() => risk.valueAndGradientOn(new Float64Array(n), Int32Array.from([0, 1]), new Float64Array(n + 1)), new RegExp(`gradient has ${n + 1} values, expected ${n}`));
});

test('checkMlpSpec names a misspelled key, hidden given as a number, and a dropout that is not a number (plain JavaScript callers get no type check)', () => {
  const spec = (o: object) => o as MlpSpec;
  assert.throws(() => checkMlpSpec(spec({ hidden: [4], dropot: 0.1 })), /mlp: unknown option "dropot"; expected hidden, activation, dropout/);
  assert.throws(() => checkMlpSpec(spec({ hiden: [4] })), /mlp: unknown option "hiden"; expected hidden, activation, dropout/);
  assert.throws(() => checkMlpSpec(spec({ hidden: 100 })), /hidden must be an array of layer sizes, e\.g\. \[256\]; got 100/);
  assert.throws(() => checkMlpSpec(spec({ hidden: [4], dropout: '0.1' })), /dropout must be a number in \[0, 1\), got "0\.1"/);
  assert.doesNotThrow(() => checkMlpSpec({ hidden: [4], activation: 'tanh', dropout: 0.1 }));
});
