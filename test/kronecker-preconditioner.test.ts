/**
 * The Kronecker preconditioner of softmax regression: its solve inverts the
 * matrix M it describes (built here entry by entry), Böhning's M bounds the
 * Hessian from above, and the dense kernels behind it (Gram matrix, Cholesky,
 * solves) agree between backends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCsr } from '../src/data/csr.js';
import { kernelsByName } from '../src/kernels/select.js';
import { referenceKernels } from '../src/kernels/reference.js';
import { softmaxCrossEntropy } from '../src/losses/softmax-cross-entropy.js';
import { EmpiricalRisk } from '../src/objective/empirical-risk.js';
import { KroneckerPreconditioner } from '../src/optim/kronecker-preconditioner.js';
import { LinearScores } from '../src/scores/linear.js';
import { randomDataset, randomVector } from './helpers.js';

const N = 40, D = 5, K = 3;

/** M = c·(I − 11ᵀ/K) ⊗ Σᵢ wᵢ x̃ᵢx̃ᵢᵀ + λI as a dense matrix over θ = [W (K×D), b (K)], x̃ = [x, 1]. */
function denseM(X: Float64Array, w: Float64Array, c: number, lambda: number): Float64Array {
  const n = K * D + K;
  const at = (k: number, j: number) => (j < D ? k * D + j : K * D + k);
  const M = new Float64Array(n * n);
  for (let i = 0; i < N; i++) {
    const x = [...X.subarray(i * D, (i + 1) * D), 1];
    for (let k = 0; k < K; k++) for (let l = 0; l < K; l++) {
      const a = (k === l ? 1 : 0) - 1 / K;
      for (let j = 0; j <= D; j++) for (let m = 0; m <= D; m++) M[at(k, j) * n + at(l, m)] += c * a * w[i] * x[j] * x[m];
    }
  }
  for (let p = 0; p < n; p++) M[p * n + p] += lambda;
  return M;
}

function matVec(M: Float64Array, v: Float64Array): Float64Array {
  const n = v.length;
  const out = new Float64Array(n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) out[a] += M[a * n + b] * v[b];
  return out;
}

for (const name of ['reference', 'wasm'] as const) {
  test(`${name}: the Kronecker solve z = M⁻¹r satisfies Mz = r (Böhning's fixed M and the curvature-weighted one)`, () => {
    const data = randomDataset(N, D, K, 11);
    const kernels = kernelsByName(name);
    const X = data.X.data as Float64Array;
    const lambda = 0.7;
    const c = Float64Array.from({ length: N }, (_, i) => 0.1 + (i % 5) / 10);
    for (const weighted of [false, true]) {
      const M = new KroneckerPreconditioner({
        kernels, X: data.X, sampleWeight: null, numClasses: K, fitIntercept: true, dataScale: 1, l2: lambda,
        ...(weighted ? { curvature: (out: Float64Array) => out.set(c) } : {}),
      });
      M.refresh();
      // Fixed: c·½ with all weights 1; weighted: c = 1 with weights cᵢ/(K − 1).
      const w = weighted ? c.map((v) => v / (K - 1)) : new Float64Array(N).fill(1);
      const dense = denseM(X, w, weighted ? 1 : 0.5, lambda);
      const r = randomVector(K * D + K, 3);
      const z = new Float64Array(r.length);
      M.solve(r, z);
      const back = matVec(dense, z);
      for (let p = 0; p < r.length; p++) assert.ok(Math.abs(back[p] - r[p]) <= 1e-9 * (1 + Math.abs(r[p])), `${weighted ? 'weighted' : 'fixed'} (Mz)[${p}] = ${back[p]}, r = ${r[p]}`);
    }
  });
}

test("Böhning's M bounds the softmax Hessian: vᵀHv ≤ vᵀMv for random v at a random θ", () => {
  const data = randomDataset(N, D, K, 12);
  const risk = new EmpiricalRisk(new LinearScores(K, D, true, referenceKernels), softmaxCrossEntropy, data, { reduction: 'sum', l2: 0.5, secondOrder: true });
  const theta = randomVector(risk.numParams, 4);
  risk.valueAndGradient(theta, new Float64Array(risk.numParams));
  const dense = denseM(data.X.data as Float64Array, new Float64Array(N).fill(1), 0.5, 0.5);
  for (let s = 0; s < 20; s++) {
    const v = randomVector(risk.numParams, 100 + s);
    const Hv = new Float64Array(v.length);
    risk.hessianVector(v, Hv);
    const vHv = Hv.reduce((a, h, p) => a + h * v[p], 0);
    const vMv = matVec(dense, v).reduce((a, m, p) => a + m * v[p], 0);
    // The bias is not penalised in H but gets λ in M: M − H ≽ 0 all the same.
    assert.ok(vHv <= vMv * (1 + 1e-12), `v #${s}: vᵀHv = ${vHv} > vᵀMv = ${vMv}`);
  }
});

test('wasm Gram matrix, Cholesky factor and solves agree with the reference (dense and CSR, uint8 with a scale, weights, stride)', () => {
  const wasm = kernelsByName('wasm');
  const base = randomDataset(23, 7, 2, 13).X;
  const u8 = { ...base, data: Uint8Array.from(base.data, (v) => (v > 0 ? Math.round(v * 50) : 0)), scale: 1 / 255 };
  const weights = randomVector(23, 5).map((v) => Math.abs(v));
  for (const X of [base, toCsr(base), u8, toCsr(u8)]) {
    for (const [c, stride] of [[null, 1], [weights, 1], [weights, 3]] as const) {
      const S1 = referenceKernels.gram(X, c, true, stride);
      const S2 = wasm.gram(X, c, true, stride);
      for (let p = 0; p < S1.length; p++) assert.ok(Math.abs(S1[p] - S2[p]) <= 1e-12 * (1 + Math.abs(S1[p])), `gram[${p}]: ${S2[p]} vs ${S1[p]}`);
      const n = 8;
      for (let j = 0; j < n; j++) { S1[j * n + j] += 1; S2[j * n + j] += 1; }
      referenceKernels.cholesky(S1, n);
      wasm.cholesky(S2, n);
      for (let p = 0; p < S1.length; p++) assert.ok(Math.abs(S1[p] - S2[p]) <= 1e-12 * (1 + Math.abs(S1[p])), `cholesky[${p}]: ${S2[p]} vs ${S1[p]}`);
      const B1 = randomVector(3 * n, 6);
      const B2 = B1.slice();
      referenceKernels.choleskySolveRows(S1, n, B1, 3);
      wasm.choleskySolveRows(S2, n, B2, 3);
      for (let p = 0; p < B1.length; p++) assert.ok(Math.abs(B1[p] - B2[p]) <= 1e-10 * (1 + Math.abs(B1[p])), `solve[${p}]: ${B2[p]} vs ${B1[p]}`);
    }
  }
});

test('cholesky names the pivot of a matrix that is not positive definite', () => {
  for (const k of [referenceKernels, kernelsByName('wasm')]) {
    assert.throws(() => k.cholesky(Float64Array.from([1, 2, 2, 1]), 2), /not positive definite \(pivot 1/);
  }
});

for (const name of ['reference', 'wasm'] as const) {
  test(`${name}: features whose XᵀX overflows (values near 1e300) leave M the identity instead of failing its factorization`, () => {
    const data = randomDataset(N, D, K, 12);
    const X = toCsr(data.X);
    for (let p = 0; p < X.values.length; p++) X.values[p] *= 1e300;
    const M = new KroneckerPreconditioner({ kernels: kernelsByName(name), X, sampleWeight: null, numClasses: K, fitIntercept: true, dataScale: 1, l2: 1 });
    assert.doesNotThrow(() => M.refresh());
    const r = randomVector(K * D + K, 5);
    const z = new Float64Array(r.length);
    M.solve(r, z);
    assert.deepEqual(Array.from(z), Array.from(r));
  });
}
