/**
 * Finite-difference checks (central differences, float64) of every analytic
 * gradient: the loss on scores (softmax cross-entropy, and the cost-sensitive
 * hinge with non-0/1 costs), the linear score function with and without
 * bias, under both reductions, with and without sample weights and L2, on
 * float and byte-scaled storage, full batch and minibatch.
 *
 * Tolerance: relative error ≤ 1e-7. With h = 1e-5 the truncation error is
 * O(h²·f''') ≈ 1e-10 and the rounding error O(ε·f/h) ≈ 1e-11 for these sizes,
 * so 1e-7 leaves three orders of margin yet catches any wrong term.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGradient } from '../src/gradcheck.js';
import { denseMatrix } from '../src/data/dense.js';
import { softmaxCrossEntropy } from '../src/losses/softmax-cross-entropy.js';
import { binaryLogistic } from '../src/losses/binary-logistic.js';
import { multiclassHinge } from '../src/losses/multiclass-hinge.js';
import { EmpiricalRisk } from '../src/objective/empirical-risk.js';
import { LinearScores } from '../src/scores/linear.js';
import { kernelsByName } from '../src/kernels/select.js';
import { crossEntropy, crossEntropyGrad, prediction } from '../src/notebook.js';
import { Random } from '../src/random.js';
import { randomDataset, randomVector } from './helpers.js';

const TOL = 1e-7;

test('softmax cross-entropy: ∂L/∂Z = softmax − one-hot matches finite differences', () => {
  const n = 7;
  const K = 5;
  const Z = randomVector(n * K, 1, 3);
  const y = Int32Array.from({ length: n }, (_, i) => (i * 3) % K);
  const w = randomVector(n, 2).map(Math.abs);
  for (const weights of [null, w]) {
    const dZ = new Float64Array(n * K);
    softmaxCrossEntropy.lossAndGradient(Z, K, y, null, dZ, weights);
    const f = (z: Float64Array) => softmaxCrossEntropy.lossAndGradient(z, K, y, null, null, weights);
    const r = checkGradient(f, dZ, Z);
    assert.ok(r.maxError < TOL, `weights ${weights ? 'on' : 'off'}: error ${r.maxError} at ${r.worstIndex}`);
  }
});

// Backends: the float64 reference and the WebAssembly kernels in float64 lanes;
// 'fused' is the one-sweep kernel, otherwise forward → loss on scores → backward.
for (const [backend, fused] of [['reference', false], ['reference', true], ['wasm', false], ['wasm', true]] as const)
for (const bias of [true, false]) {
  for (const reduction of ['mean', 'sum'] as const) {
    for (const weighted of [false, true]) {
      for (const l2 of [0, 0.3]) {
        test(`linear model gradient (${backend}, ${fused ? 'fused' : 'chained'}): bias ${bias ? 'on' : 'off'}, ${reduction}, sample weights ${weighted ? 'on' : 'off'}, L2 ${l2}`, () => {
          const data = randomDataset(23, 6, 4, 11);
          const sampleWeight = weighted ? randomVector(23, 5).map((v) => 0.5 + Math.abs(v)) : null;
          const scores = new LinearScores(4, 6, bias, kernelsByName(backend));
          // chunkRows 8 forces several chunks per full-batch pass.
          const risk = new EmpiricalRisk(scores, softmaxCrossEntropy, data, { reduction, l2, sampleWeight, chunkRows: 8, fused });
          const theta = randomVector(scores.numParams, 3, 0.7);
          const grad = new Float64Array(scores.numParams);
          const value = risk.valueAndGradient(theta, grad);
          assert.equal(value, risk.value(theta));
          const r = checkGradient((t) => risk.value(t), grad, theta);
          assert.ok(r.maxError < TOL, `error ${r.maxError} at parameter ${r.worstIndex} (${r.analytic} vs ${r.numeric})`);
          assert.equal(r.checked, scores.numParams);
        });
      }
    }
  }
}

// The cost-sensitive multiclass hinge on linear scores: a cost matrix that is not 0/1, sample
// weights, the mean reduction; both backends, with and without bias. θ is drawn away from 0 so no
// example sits at a tie of the loss-augmented argmax (the hinge's kinks).
const HINGE_COSTS = Float64Array.from([0, 1, 3, 2, 1, 0, 1, 4, 2, 2, 0, 1, 5, 1, 1, 0]);
for (const backend of ['reference', 'wasm'] as const) {
  for (const bias of [true, false]) {
    test(`linear model gradient under the cost-sensitive hinge (${backend}): bias ${bias ? 'on' : 'off'}, costs not 0/1, sample weights, mean`, () => {
      const data = randomDataset(23, 6, 4, 13);
      const sampleWeight = randomVector(23, 7).map((v) => 0.5 + Math.abs(v));
      const scores = new LinearScores(4, 6, bias, kernelsByName(backend));
      const risk = new EmpiricalRisk(scores, multiclassHinge(HINGE_COSTS), data, { reduction: 'mean', l2: 0.2, sampleWeight, chunkRows: 8 });
      const theta = randomVector(scores.numParams, 9, 0.7);
      const grad = new Float64Array(scores.numParams);
      risk.valueAndGradient(theta, grad);
      const r = checkGradient((t) => risk.value(t), grad, theta);
      assert.ok(r.maxError < TOL, `error ${r.maxError} at parameter ${r.worstIndex} (${r.analytic} vs ${r.numeric})`);
    });
  }
}

test('minibatch gradient matches finite differences of the minibatch objective', () => {
  const data = randomDataset(40, 5, 3, 21);
  const scores = new LinearScores(3, 5, true);
  const risk = new EmpiricalRisk(scores, softmaxCrossEntropy, data, { l2: 0.1 });
  const rows = Int32Array.from([3, 17, 17, 39, 0, 8]);
  const theta = randomVector(scores.numParams, 4);
  const grad = new Float64Array(scores.numParams);
  risk.valueAndGradientOn(theta, rows, grad);
  const scratch = new Float64Array(scores.numParams);
  const r = checkGradient((t) => risk.valueAndGradientOn(t, rows, scratch), grad, theta);
  assert.ok(r.maxError < TOL, `error ${r.maxError}`);
});

test('byte storage with a scale gives the same objective and gradient as the float values', () => {
  const rng = new Random(9);
  const n = 15;
  const d = 12;
  const bytes = Uint8Array.from({ length: n * d }, () => (rng.next() < 0.6 ? 0 : rng.int(256)));
  const floats = Float64Array.from(bytes, (b) => b / 255);
  const y = Int32Array.from({ length: n }, (_, i) => i % 3);
  const labels = randomDataset(3, 1, 3, 0).labels;
  const scores = new LinearScores(3, d, true);
  const theta = randomVector(scores.numParams, 8);
  const results = [denseMatrix(bytes, n, d, 1 / 255), denseMatrix(floats, n, d)].map((X) => {
    const risk = new EmpiricalRisk(scores, softmaxCrossEntropy, { X, y, labels });
    const g = new Float64Array(scores.numParams);
    return { v: risk.valueAndGradient(theta, g), g };
  });
  assert.ok(Math.abs(results[0].v - results[1].v) < 1e-14);
  for (let p = 0; p < theta.length; p++) assert.ok(Math.abs(results[0].g[p] - results[1].g[p]) < 1e-14);
  const risk = new EmpiricalRisk(scores, softmaxCrossEntropy, { X: denseMatrix(bytes, n, d, 1 / 255), y, labels });
  const r = checkGradient((t) => risk.value(t), results[0].g, theta);
  assert.ok(r.maxError < TOL, `error ${r.maxError}`);
});

test("the notebook's cross_entropy_grad is the gradient of cross_entropy(prediction(...))", () => {
  const data = randomDataset(9, 4, 3, 31);
  const W = randomVector(12, 6);
  const b = randomVector(3, 7);
  const g = crossEntropyGrad(data.X, data.y, prediction(data.X, W, b));
  assert.deepEqual([g.W.rows, g.W.cols], [3, 4]); // a (C, D) array
  const rW = checkGradient((w) => crossEntropy(prediction(data.X, w, b), data.y), g.W.data as Float64Array, W);
  const rb = checkGradient((bb) => crossEntropy(prediction(data.X, W, bb), data.y), g.b, b);
  assert.ok(rW.maxError < TOL && rb.maxError < TOL, `errors ${rW.maxError}, ${rb.maxError}`);
});

test('the gradient checker itself catches a wrong gradient', () => {
  // f(θ) = θ₀² + 3θ₁ has gradient [2θ₀, 3]; hand it [2θ₀, 3.01].
  const theta = Float64Array.from([1.5, -2]);
  const r = checkGradient((t) => t[0] * t[0] + 3 * t[1], Float64Array.from([3, 3.01]), theta);
  assert.equal(r.worstIndex, 1);
  assert.ok(Math.abs(r.maxError - 0.01 / 3.01) < 1e-8, `error ${r.maxError}`);
});

/**
 * Hessian-vector products against central differences of the analytic
 * gradient: (∇f(θ + hv) − ∇f(θ − hv)) / 2h, relative error ≤ 1e-6 (h = 1e-5:
 * truncation O(h²) ≈ 1e-10 times the third derivative, rounding ≈ 1e-11/h).
 * The diagonal preconditioner is checked entry by entry against H·eₚ.
 */
for (const [backend, fused] of [['reference', false], ['reference', true], ['wasm', false], ['wasm', true]] as const)
for (const bias of [true, false]) {
  for (const weighted of [false, true]) {
    for (const l2 of [0, 0.3]) {
      test(`Hessian-vector product and diagonal (${backend}, ${fused ? 'fused' : 'chained'}): bias ${bias ? 'on' : 'off'}, sample weights ${weighted ? 'on' : 'off'}, L2 ${l2}`, () => {
        const data = randomDataset(19, 5, 3, 12);
        const sampleWeight = weighted ? randomVector(19, 6).map((v) => 0.5 + Math.abs(v)) : null;
        const scores = new LinearScores(3, 5, bias, kernelsByName(backend));
        const risk = new EmpiricalRisk(scores, softmaxCrossEntropy, data, { reduction: 'sum', l2, sampleWeight, chunkRows: 7, secondOrder: true, fused });
        const theta = randomVector(scores.numParams, 13, 0.5);
        const v = randomVector(scores.numParams, 14);
        const h = 1e-5;
        const gp = new Float64Array(scores.numParams);
        const gm = new Float64Array(scores.numParams);
        risk.valueAndGradient(theta.map((t, p) => t + h * v[p]), gp);
        risk.valueAndGradient(theta.map((t, p) => t - h * v[p]), gm);
        const grad = new Float64Array(scores.numParams);
        risk.valueAndGradient(theta, grad); // Hv is taken at the last full-batch gradient's θ
        const Hv = new Float64Array(scores.numParams);
        risk.hessianVector(v, Hv);
        for (let p = 0; p < Hv.length; p++) {
          const numeric = (gp[p] - gm[p]) / (2 * h);
          const err = Math.abs(Hv[p] - numeric) / Math.max(1, Math.abs(numeric));
          assert.ok(err < 1e-6, `(Hv)[${p}] = ${Hv[p]}, finite differences ${numeric}`);
        }
        const diag = new Float64Array(scores.numParams);
        risk.hessianDiagonal!(diag);
        const e = new Float64Array(scores.numParams);
        const He = new Float64Array(scores.numParams);
        for (let p = 0; p < e.length; p++) {
          e.fill(0);
          e[p] = 1;
          risk.hessianVector(e, He);
          assert.ok(Math.abs(diag[p] - He[p]) <= 1e-10 * Math.max(1, Math.abs(He[p])), `diag[${p}] = ${diag[p]}, (H·e)[${p}] = ${He[p]}`);
        }
      });
    }
  }
}

/**
 * The binary logistic loss (one score per example) through the linear score
 * function: gradient and Hessian-vector product against finite differences,
 * bias on/off × sample weights on/off × L2 on/off (tolerances as above).
 */
for (const bias of [true, false]) {
  for (const weighted of [false, true]) {
    for (const l2 of [0, 0.3]) {
      test(`binary logistic: gradient and Hessian-vector product, bias ${bias ? 'on' : 'off'}, sample weights ${weighted ? 'on' : 'off'}, L2 ${l2}`, () => {
        const base = randomDataset(21, 4, 2, 17);
        const sampleWeight = weighted ? randomVector(21, 18).map((v) => 0.5 + Math.abs(v)) : null;
        const scores = new LinearScores(1, 4, bias, kernelsByName('reference'));
        const risk = new EmpiricalRisk(scores, binaryLogistic, base, { reduction: 'sum', l2, sampleWeight, secondOrder: true });
        const theta = randomVector(scores.numParams, 19);
        const grad = new Float64Array(scores.numParams);
        risk.valueAndGradient(theta, grad);
        const r = checkGradient((t) => risk.value(t), grad, theta);
        assert.ok(r.maxError < TOL, `gradient error ${r.maxError}`);
        const v = randomVector(scores.numParams, 20);
        const h = 1e-5;
        const gp = new Float64Array(scores.numParams);
        const gm = new Float64Array(scores.numParams);
        risk.valueAndGradient(theta.map((t, p) => t + h * v[p]), gp);
        risk.valueAndGradient(theta.map((t, p) => t - h * v[p]), gm);
        risk.valueAndGradient(theta, grad);
        const Hv = new Float64Array(scores.numParams);
        risk.hessianVector(v, Hv);
        for (let p = 0; p < Hv.length; p++) {
          const numeric = (gp[p] - gm[p]) / (2 * h);
          assert.ok(Math.abs(Hv[p] - numeric) / Math.max(1, Math.abs(numeric)) < 1e-6, `(Hv)[${p}] = ${Hv[p]} vs ${numeric}`);
        }
      });
    }
  }
}

test('binary logistic loss is stable for scores of ±1e4 and equals two-class softmax cross-entropy', () => {
  const y = Int32Array.from([1, 0]);
  const Z = Float64Array.from([-1e4, -1e4]);
  const dZ = new Float64Array(2);
  // Gold 1 with z = −1e4: log(1 + e^1e4) = 1e4 (+ log1p(e^−1e4) = 0); gold 0: log(1 + e^−1e4) = e^−1e4 ≈ 0.
  assert.equal(binaryLogistic.lossAndGradient(Z, 1, y, null, dZ, null), 1e4);
  assert.deepEqual(Array.from(dZ), [-1, 0]);
  // z = 0.7, gold 1 vs softmax over scores [0, 0.7] with gold index 1: both log(1 + e^−0.7).
  const a = binaryLogistic.lossAndGradient(Float64Array.from([0.7]), 1, Int32Array.from([1]), null, null, null);
  const b = softmaxCrossEntropy.lossAndGradient(Float64Array.from([0, 0.7]), 2, Int32Array.from([1]), null, null, null);
  assert.ok(Math.abs(a - b) < 1e-15 && Math.abs(a - Math.log1p(Math.exp(-0.7))) < 1e-15);
});
