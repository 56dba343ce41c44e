/**
 * The quasi-Newton refinement of a preconditioner (L-BFGS updating from the
 * Hessian-vector products of the previous CG solve): the secant equation,
 * exactness after n conjugate pairs, symmetry and positive definiteness, the
 * uniform thinning of the recorded products, and fewer products for Newton–CG.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Preconditioner } from '../src/optim/preconditioner.js';
import { QuasiNewtonPreconditioner } from '../src/optim/quasi-newton-preconditioner.js';
import { newtonCg } from '../src/optim/newton-cg.js';
import { softmaxCrossEntropy } from '../src/losses/softmax-cross-entropy.js';
import { EmpiricalRisk } from '../src/objective/empirical-risk.js';
import { LinearScores } from '../src/scores/linear.js';
import { Random } from '../src/random.js';
import { randomDataset } from './helpers.js';

const n = 6;

/** A fixed SPD matrix A = BᵀB + I (B random 6×6, seed 3). */
function spdMatrix(): Float64Array {
  const rng = new Random(3);
  const B = Float64Array.from({ length: n * n }, () => rng.normal());
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let t = i === j ? 1 : 0;
    for (let k = 0; k < n; k++) t += B[k * n + i] * B[k * n + j];
    A[i * n + j] = t;
  }
  return A;
}

function mul(A: Float64Array, v: Float64Array): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i] += A[i * n + j] * v[j];
  return out;
}

const identity: Preconditioner = { name: 'identity', refresh() {}, solve(r, z) { z.set(r); } };

function randomVec(rng: Random): Float64Array {
  return Float64Array.from({ length: n }, () => rng.normal());
}

function dot(a: Float64Array, b: Float64Array): number {
  let t = 0;
  for (let i = 0; i < a.length; i++) t += a[i] * b[i];
  return t;
}

function maxRelDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return m;
}

test('quasi-Newton preconditioner: before any refresh with recorded products it is the base preconditioner', () => {
  const M = new QuasiNewtonPreconditioner(identity, n, 4);
  const r = randomVec(new Random(1));
  const z = new Float64Array(n);
  M.refresh();
  M.solve(r, z);
  assert.deepEqual(z, r);
});

test('quasi-Newton preconditioner: H_m satisfies the secant equation H_m·(A d) = d for the last recorded pair (to 1e-12)', () => {
  const A = spdMatrix();
  const rng = new Random(5);
  const M = new QuasiNewtonPreconditioner(identity, n, 3);
  let last: Float64Array = new Float64Array(n);
  for (let j = 0; j < 3; j++) {
    last = randomVec(rng);
    M.observeProduct(last, mul(A, last));
  }
  M.refresh();
  const z = new Float64Array(n);
  M.solve(mul(A, last), z);
  assert.ok(maxRelDiff(z, last) < 1e-12, `H_m A d = ${[...z]} against d = ${[...last]}`);
});

test('quasi-Newton preconditioner: after n A-conjugate pairs (the directions of CG on A) H_m = A⁻¹ (solve checked by A·z = r to 1e-9)', () => {
  const A = spdMatrix();
  const M = new QuasiNewtonPreconditioner(identity, n, n);
  // Plain CG on A x = b records its n conjugate directions d and products A d.
  const rng = new Random(7);
  const b = randomVec(rng);
  const r = Float64Array.from(b);
  const d = Float64Array.from(b);
  let rr = dot(r, r);
  for (let it = 0; it < n; it++) {
    const Ad = mul(A, d);
    M.observeProduct(d, Ad);
    const alpha = rr / dot(d, Ad);
    for (let i = 0; i < n; i++) r[i] -= alpha * Ad[i];
    const rrNew = dot(r, r);
    for (let i = 0; i < n; i++) d[i] = r[i] + (rrNew / rr) * d[i];
    rr = rrNew;
  }
  M.refresh();
  for (let trial = 0; trial < 3; trial++) {
    const q = randomVec(rng);
    const z = new Float64Array(n);
    M.solve(q, z);
    assert.ok(maxRelDiff(mul(A, z), q) < 1e-9, `A·(H_m q) = ${[...mul(A, z)]} against q = ${[...q]}`);
  }
});

test('quasi-Newton preconditioner: H_m is symmetric (uᵀH_m v = vᵀH_m u to 1e-12) and positive definite (rᵀH_m r > 0)', () => {
  const A = spdMatrix();
  const rng = new Random(9);
  const diagonal: Preconditioner = { name: 'diagonal', refresh() {}, solve(r, z) { for (let i = 0; i < n; i++) z[i] = r[i] / (1 + i); } };
  const M = new QuasiNewtonPreconditioner(diagonal, n, 4);
  for (let j = 0; j < 4; j++) {
    const v = randomVec(rng);
    M.observeProduct(v, mul(A, v));
  }
  M.refresh();
  for (let trial = 0; trial < 5; trial++) {
    const u = randomVec(rng), v = randomVec(rng);
    const Hu = new Float64Array(n), Hv = new Float64Array(n);
    M.solve(u, Hu);
    M.solve(v, Hv);
    assert.ok(Math.abs(dot(u, Hv) - dot(v, Hu)) <= 1e-12 * Math.max(1, Math.abs(dot(u, Hv))), `uᵀHv = ${dot(u, Hv)}, vᵀHu = ${dot(v, Hu)}`);
    assert.ok(dot(u, Hu) > 0, `uᵀHu = ${dot(u, Hu)}`);
  }
});

test('quasi-Newton preconditioner: of 10 products with 4 slots it keeps products 0, 4 and 8 (the last kept pair is the 9th: its secant equation holds, the 10th one\'s does not)', () => {
  const A = spdMatrix();
  const rng = new Random(11);
  const M = new QuasiNewtonPreconditioner(identity, n, 4);
  const products = Array.from({ length: 10 }, () => randomVec(rng));
  for (const v of products) M.observeProduct(v, mul(A, v));
  M.refresh();
  const z = new Float64Array(n);
  M.solve(mul(A, products[8]), z);
  assert.ok(maxRelDiff(z, products[8]) < 1e-12, 'secant equation of product 8');
  M.solve(mul(A, products[9]), z);
  assert.ok(maxRelDiff(z, products[9]) > 1e-3, 'product 9 was skipped (stride 4)');
});

test('quasi-Newton preconditioner: the pairs fit in the memory bound (2·m·n float64 values ≤ maxBytes; none when fewer than 2 fit)', () => {
  // 16 MiB / (16 bytes · 7,850) = 133.6 → 32 (the cap); / (16 · 600,000) = 1.7 → 0.
  assert.equal(QuasiNewtonPreconditioner.pairsFor(7850, 32), 32);
  assert.equal(QuasiNewtonPreconditioner.pairsFor(600_000, 32), 0);
  // 16 MiB / (16 · 100,000) = 10.5 → 10.
  assert.equal(QuasiNewtonPreconditioner.pairsFor(100_000, 32), 10);
  assert.equal(QuasiNewtonPreconditioner.pairsFor(7850, 0), 0);
});

test('Newton–CG with quasi-Newton pairs reaches the same optimum (1e-10 relative) with fewer Hessian-vector products than without', () => {
  const data = randomDataset(300, 12, 4, 21);
  const runs = [0, 32].map((pairs) => {
    const scores = new LinearScores(4, 12, true);
    const risk = new EmpiricalRisk(scores, softmaxCrossEntropy, data, { reduction: 'sum', l2: 0.01, secondOrder: true });
    const theta = new Float64Array(scores.numParams);
    return newtonCg(risk, theta, { tol: 1e-10, preconditionerPairs: pairs });
  });
  const [plain, refined] = runs;
  assert.ok(plain.converged && refined.converged, `${plain.reason}, ${refined.reason}`);
  assert.ok(Math.abs(refined.value - plain.value) <= 1e-10 * Math.abs(plain.value), `${refined.value} vs ${plain.value}`);
  assert.ok(refined.hessianVectorProducts < plain.hessianVectorProducts, `${refined.hessianVectorProducts} products with pairs, ${plain.hessianVectorProducts} without`);
});

test('Newton–CG refuses a preconditionerPairs that is not an integer ≥ 0', () => {
  const data = randomDataset(20, 3, 2, 1);
  const scores = new LinearScores(2, 3, true);
  const risk = new EmpiricalRisk(scores, softmaxCrossEntropy, data, { reduction: 'sum', l2: 1, secondOrder: true });
  assert.throws(() => newtonCg(risk, new Float64Array(scores.numParams), { preconditionerPairs: 2.5 }), /preconditionerPairs must be an integer ≥ 0, got 2.5/);
});
