import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logSumExp, softmaxRows } from '../src/math/softmax.js';
import { softmaxCrossEntropy } from '../src/losses/softmax-cross-entropy.js';

test('log-sum-exp is exact for equal scores and stable at ±1e4', () => {
  // log(e^0 + e^0) = log 2
  assert.equal(logSumExp([0, 0]), Math.log(2));
  // log(e^1e4 + e^1e4) = 1e4 + log 2, where the naive form overflows to Infinity.
  assert.equal(logSumExp([1e4, 1e4]), 1e4 + Math.log(2));
  // log(e^−1e4 + e^−1e4) = −1e4 + log 2, where the naive form underflows to −Infinity.
  assert.equal(logSumExp([-1e4, -1e4]), -1e4 + Math.log(2));
  assert.equal(logSumExp([1e4, -1e4]), 1e4);
});

test('softmax rows lie in [0, 1] and sum to 1, even for extreme scores', () => {
  const P = softmaxRows([1e4, -1e4, 0, 5, 5, 5, -3e3, -3e3 + 1, -3e3 + 2], 3);
  for (const p of P) assert.ok(p >= 0 && p <= 1, `probability ${p} outside [0, 1]`);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(P[3 * i] + P[3 * i + 1] + P[3 * i + 2] - 1) < 1e-15);
  assert.deepEqual(Array.from(P.subarray(0, 3)), [1, 0, 0]);
  assert.ok(Math.abs(P[3] - 1 / 3) < 1e-16);
});

test('cross-entropy of scores ±1e4 is finite and exact', () => {
  // Gold class 1 has score −1e4, the other 1e4: L = logsumexp − z_gold = 1e4 − (−1e4) = 2e4.
  const Z = Float64Array.from([1e4, -1e4]);
  const dZ = new Float64Array(2);
  const loss = softmaxCrossEntropy.lossAndGradient(Z, 2, Int32Array.from([1]), null, dZ, null);
  assert.equal(loss, 2e4);
  // ∂L/∂z = softmax − one-hot = [1, 0] − [0, 1] = [1, −1]
  assert.deepEqual(Array.from(dZ), [1, -1]);
});

test('the loss may write its gradient over the scores (in place)', () => {
  const Z = Float64Array.from([0.5, -1, 2, 0, 0, 0]);
  const y = Int32Array.from([2, 0]);
  const separate = new Float64Array(6);
  const a = softmaxCrossEntropy.lossAndGradient(Z, 3, y, null, separate, null);
  const b = softmaxCrossEntropy.lossAndGradient(Z, 3, y, null, Z, null);
  assert.equal(a, b);
  assert.deepEqual(Array.from(Z), Array.from(separate));
});

test('softmax of infinite scores: the +∞ classes share the probability (no NaN), all −∞ gives uniform', () => {
  // Scores [∞, 0, ∞]: the limit of softmax([t, 0, t]) as t → ∞ is [1/2, 0, 1/2].
  assert.deepEqual(Array.from(softmaxRows([Infinity, 0, Infinity], 3)), [0.5, 0, 0.5]);
  assert.deepEqual(Array.from(softmaxRows([-Infinity, -Infinity], 2)), [0.5, 0.5]);
  assert.deepEqual(Array.from(softmaxRows([1, Infinity, -Infinity], 3)), [0, 1, 0]);
});
