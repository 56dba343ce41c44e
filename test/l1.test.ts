/**
 * L1 with exact zeros on a synthetic problem with a known sparse truth
 * (600 × 60, 3 classes, 12 informative features per class; written by
 * scripts/make-optima-fixtures.py) against scikit-learn's saga (multinomial,
 * penalty l1, tol 1e-12): objective (1/N) Σ CEᵢ + α‖W‖₁ with α = 1/(C·N);
 * and the elastic net against saga's (penalty 'elasticnet', l1_ratio ρ):
 * (1/N) Σ CEᵢ + (l2/2)‖W‖² + l1‖W‖₁ with l2 = (1 − ρ)/(C·N), l1 = ρ/(C·N).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainSoftmax } from '../src/train/train.js';
import { pseudoGradient } from '../src/optim/owlqn.js';
import { isConvergence } from '../src/optim/status.js';
import { loadFixture, reference } from './optima-fixtures.js';
import { randomVector } from './helpers.js';

/**
 * Weights zero in one solution and not in saga's, not counting those saga leaves at |w| < 1e-6: its
 * proximal steps leave a weight exactly 0 or not, and one at |w| < 1e-6 is zero to its tolerance.
 */
function zeroSetsDiffer(ours: Float64Array, saga: number[]): number {
  let differ = 0;
  for (let p = 0; p < saga.length; p++) if ((ours[p] === 0) !== (saga[p] === 0) && Math.abs(saga[p]) >= 1e-6) differ++;
  return differ;
}

const ref = reference().l1;
const enet = reference().elastic_net;
const data = () => loadFixture('l1.train.svm', 60, 3);

test('full-batch L1 (lbfgs → OWL-QN) reaches saga\'s objective to 1e-6 relative with the same zero weights (up to saga\'s |w| < 1e-6)', () => {
  const r = trainSoftmax(data(), { optimizer: 'lbfgs', l1: ref.alpha });
  assert.ok(isConvergence(r.stopReason), r.stopReason);
  const rel = (r.objective - ref.objective) / ref.objective;
  assert.ok(Math.abs(rel) <= 1e-6, `objective ${r.objective}, saga ${ref.objective}`);
  const differ = zeroSetsDiffer(r.model.W, ref.W);
  assert.equal(differ, 0, `${differ} weights are zero in one solution and clearly non-zero in the other`);
  assert.ok(ref.zeros >= 0.5 * ref.weights, `the problem is sparse: saga has ${ref.zeros} zeros of ${ref.weights}`);
});

test('full-batch elastic net (lbfgs → OWL-QN with the L2 term in the smooth part) reaches saga\'s objective to 1e-6 relative with the same zero weights (up to saga\'s |w| < 1e-6)', () => {
  const r = trainSoftmax(data(), { optimizer: 'lbfgs', l1: enet.l1, l2: enet.l2 });
  assert.ok(isConvergence(r.stopReason), r.stopReason);
  const rel = (r.objective - enet.objective) / enet.objective;
  assert.ok(Math.abs(rel) <= 1e-6, `objective ${r.objective}, saga ${enet.objective}`);
  const differ = zeroSetsDiffer(r.model.W, enet.W);
  assert.equal(differ, 0, `${differ} weights are zero in one solution and clearly non-zero in the other`);
  // The L2 term changes the solution: not the pure-L1 one.
  assert.ok(enet.zeros >= 0.3 * enet.weights, `the problem is sparse: saga has ${enet.zeros} zeros of ${enet.weights}`);
  let moved = 0;
  for (let p = 0; p < enet.W.length; p++) moved = Math.max(moved, Math.abs(enet.W[p] - ref.W[p]));
  assert.ok(moved > 1e-3, `elastic net and L1 solutions differ by ${moved} at most`);
});

test('SGD with the cumulative-penalty truncated gradient makes ≥ 90% of saga\'s zero weights exactly 0 (batch 16, η 0.5, 50 epochs)', () => {
  const r = trainSoftmax(data(), { optimizer: 'sgd', l1: ref.alpha, maxEpochs: 50, batchSize: 16, learningRate: 0.5 });
  let both = 0;
  for (let p = 0; p < ref.W.length; p++) if (ref.W[p] === 0 && r.model.W[p] === 0) both++;
  assert.ok(both >= 0.9 * ref.zeros, `${both} of saga's ${ref.zeros} zeros`);
  assert.ok(r.objective <= ref.objective * (1 + 1e-3), `objective ${r.objective}, saga ${ref.objective}`);
});

test('the pseudo-gradient matches central differences of F = f + λ‖x‖₁ away from zero, and is 0 at a zero inside [−λ, λ]', () => {
  // f(x) = ½ Σ cᵢ xᵢ² (∇f = c ⊙ x), λ = 0.3, the last coordinate unpenalized.
  const n = 6;
  const c = randomVector(n, 3).map((v) => 1 + Math.abs(v));
  const x = randomVector(n, 4);
  const penalized = Uint8Array.from([1, 1, 1, 1, 1, 0]);
  const F = (p: Float64Array) => p.reduce((s, v, i) => s + 0.5 * c[i] * v * v + (penalized[i] ? 0.3 * Math.abs(v) : 0), 0);
  const g = Float64Array.from(x, (v, i) => c[i] * v);
  const pg = new Float64Array(n);
  pseudoGradient(x, g, 0.3, penalized, pg);
  const h = 1e-6;
  for (let i = 0; i < n; i++) {
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[i] += h;
    xm[i] -= h;
    const fd = (F(xp) - F(xm)) / (2 * h);
    assert.ok(Math.abs(fd - pg[i]) < 1e-8, `coordinate ${i}: finite difference ${fd}, pseudo-gradient ${pg[i]}`);
  }
  // At x = 0 with |∇f| = 0.2 < λ: no descent direction along that coordinate.
  pseudoGradient(Float64Array.from([0]), Float64Array.from([0.2]), 0.3, Uint8Array.from([1]), pg.subarray(0, 1));
  assert.equal(pg[0], 0);
  // With ∇f = 0.5 > λ: the one-sided slope toward negative x, 0.5 − 0.3 = 0.2.
  pseudoGradient(Float64Array.from([0]), Float64Array.from([0.5]), 0.3, Uint8Array.from([1]), pg.subarray(0, 1));
  assert.ok(Math.abs(pg[0] - 0.2) < 1e-15);
});
