/**
 * Finite-difference checks (central differences, float64) of networks as
 * score functions: every layer alone and in compositions of 1–3 hidden
 * layers with each activation, with and without bias, on dense and sparse
 * input, under the softmax cross-entropy and the cost-sensitive multiclass
 * hinge (non-0/1 costs, sample weights, mean reduction), with both float64
 * kernel backends (the TypeScript reference and WebAssembly in f64 lanes).
 *
 * Checked: the gradient (backward), the Jacobian–vector product (forward
 * mode) and the Gauss–Newton–vector product Jᵀ(∇²_z L)J·v.
 *
 * Tolerance: relative error ≤ 1e-6 (|a − n| / max(1, |a|, |n|)). With h = 1e-5
 * the truncation error O(h²·f''') is ~1e-10 and the rounding error O(ε·f/h)
 * ~1e-10 for these sizes; 1e-6 leaves four orders of margin yet catches any
 * wrong term (a missing factor or a transposed block errs by ≥ 1e-2).
 * ReLU has kinks: the seeded data keep pre-activations away from 0 by far
 * more than h.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGradient } from '../src/gradcheck.js';
import { toCsr } from '../src/data/csr.js';
import { type Dataset } from '../src/data/dataset.js';
import { softmaxCrossEntropy } from '../src/losses/softmax-cross-entropy.js';
import { multiclassHinge } from '../src/losses/multiclass-hinge.js';
import { EmpiricalRisk } from '../src/objective/empirical-risk.js';
import { SequentialScores, mlpLayers } from '../src/scores/sequential.js';
import { Dense, DropoutLayer, ActivationLayer } from '../src/scores/layers.js';
import { ACTIVATION_NAMES } from '../src/scores/activations.js';
import { createLayerKernels, type LayerKernelName } from '../src/kernels/layer-select.js';
import { Random } from '../src/random.js';
import { randomDataset, randomVector } from './helpers.js';

const TOL = 1e-6;
const BACKENDS: LayerKernelName[] = ['reference', 'wasm'];
// A cost matrix that is not 0/1 (the lecture's style: some confusions cost more), K = 4.
const COSTS = Float64Array.from([0, 1, 3, 2, 1, 0, 1, 4, 2, 2, 0, 1, 5, 1, 1, 0]);

function sparse(data: Dataset): Dataset {
  // Zero out about half the entries so the CSR path has real gaps.
  const X = data.X as { data: Float64Array; rows: number; cols: number; scale: number; kind: 'dense' };
  const dense = Float64Array.from(X.data, (v, i) => (i % 3 === 1 || v < -0.8 ? 0 : v));
  return { ...data, X: toCsr({ ...X, data: dense }) };
}

function network(D: number, K: number, hidden: number[], activation: string, bias: boolean, backend: LayerKernelName): SequentialScores {
  // No hidden layer: the dense layer alone (a linear model written as a network).
  const layers = hidden.length ? mlpLayers(D, K, { hidden, activation: activation as 'relu' }, bias) : [new Dense(D, K, bias)];
  return new SequentialScores(layers, createLayerKernels(backend));
}

for (const backend of BACKENDS) {
  for (const input of ['dense', 'csr'] as const) {
    for (const hidden of [[], [5], [6, 4], [5, 4, 3]]) {
      for (const activation of hidden.length ? ACTIVATION_NAMES : ['identity']) {
        for (const bias of [true, false]) {
          const name = `${backend}, ${input} input, hidden [${hidden}], ${activation}, bias ${bias ? 'on' : 'off'}`;
          test(`network gradient, J·v and Gauss–Newton·v match finite differences (softmax CE; ${name})`, () => {
            const base = randomDataset(13, 7, 4, 31);
            const data = input === 'csr' ? sparse(base) : base;
            const scores = network(7, 4, hidden, activation, bias, backend);
            const risk = new EmpiricalRisk(scores, softmaxCrossEntropy, data, { reduction: 'mean', l2: 0.05, chunkRows: 5, secondOrder: true });
            const theta = new Float64Array(scores.numParams);
            scores.initialize(theta, new Random(3));
            for (let p = 0; p < theta.length; p++) theta[p] += 0.1 * Math.sin(p + 1); // biases away from 0 too
            checkNetworkGradient(risk, theta);
            checkJacobianVector(scores, data, theta);
            checkGaussNewton(risk, scores, data, theta, 0.05);
          });
          test(`network gradient matches finite differences (hinge with costs, sample weights; ${name})`, () => {
            const base = randomDataset(13, 7, 4, 37);
            const data = input === 'csr' ? sparse(base) : base;
            const scores = network(7, 4, hidden, activation, bias, backend);
            const sampleWeight = randomVector(13, 8).map((v) => 0.5 + Math.abs(v));
            const risk = new EmpiricalRisk(scores, multiclassHinge(COSTS), data, { reduction: 'mean', sampleWeight, chunkRows: 4 });
            const theta = new Float64Array(scores.numParams);
            scores.initialize(theta, new Random(5));
            // Biases start at 0: with dead ReLUs every class would score 0 and equal costs would tie
            // exactly at the hinge's kink. Moving θ off 0 keeps the check on a differentiable point.
            for (let p = 0; p < theta.length; p++) theta[p] += 0.1 * Math.sin(p + 1);
            checkNetworkGradient(risk, theta);
          });
        }
      }
    }
  }
}

for (const backend of BACKENDS) {
  test(`dropout: the gradient under a fixed mask matches finite differences, and evaluation mode is deterministic (${backend})`, () => {
    const data = randomDataset(11, 6, 3, 41);
    const layers = [new Dense(6, 5, true, 'he'), new ActivationLayer(5, 'tanh'), new DropoutLayer(5, 0.4), new Dense(5, 3)];
    const scores = new SequentialScores(layers, createLayerKernels(backend));
    const risk = new EmpiricalRisk(scores, softmaxCrossEntropy, data, {});
    const theta = new Float64Array(scores.numParams);
    scores.initialize(theta, new Random(9));
    // The same generator state before every evaluation gives the same mask.
    const f = (t: Float64Array, g: Float64Array | null) => {
      scores.setTraining(new Random(77));
      const v = g ? risk.valueAndGradient(t, g) : risk.value(t);
      scores.setTraining(null);
      return v;
    };
    const grad = new Float64Array(scores.numParams);
    f(theta, grad);
    const r = checkGradient((t) => f(t, null), grad, theta);
    assert.ok(r.maxError < TOL, `error ${r.maxError} at parameter ${r.worstIndex} (${r.analytic} vs ${r.numeric})`);
    // Training mode changes the scores (units dropped); evaluation mode uses the network as is.
    const evalValue = risk.value(theta);
    assert.notEqual(f(theta, null), evalValue);
    assert.equal(risk.value(theta), evalValue);
  });
}

test('a single dense layer is softmax regression: its Gauss–Newton product is the exact Hessian (finite differences of the gradient)', () => {
  const data = randomDataset(17, 5, 3, 43);
  const scores = network(5, 3, [], 'identity', true, 'reference');
  const risk = new EmpiricalRisk(scores, softmaxCrossEntropy, data, { secondOrder: true, l2: 0.1 });
  const theta = randomVector(scores.numParams, 4, 0.5);
  const grad = new Float64Array(scores.numParams);
  risk.valueAndGradient(theta, grad);
  const v = randomVector(scores.numParams, 6);
  const Hv = new Float64Array(scores.numParams);
  risk.hessianVector(v, Hv);
  const h = 1e-5;
  const gp = new Float64Array(scores.numParams);
  const gm = new Float64Array(scores.numParams);
  risk.valueAndGradient(theta.map((t, p) => t + h * v[p]), gp);
  risk.valueAndGradient(theta.map((t, p) => t - h * v[p]), gm);
  for (let p = 0; p < Hv.length; p++) {
    const numeric = (gp[p] - gm[p]) / (2 * h);
    assert.ok(Math.abs(Hv[p] - numeric) / Math.max(1, Math.abs(numeric)) < TOL, `(Hv)[${p}] = ${Hv[p]}, finite differences ${numeric}`);
  }
});

test('WebAssembly float32 layer kernels agree with the float64 reference (scores and gradient to 1e-4 relative)', () => {
  const data = sparse(randomDataset(40, 30, 5, 47));
  const make = (b: LayerKernelName) => network(30, 5, [33, 9], 'relu', true, b);
  const ref = make('reference');
  const f32 = make('wasm-f32');
  const theta = new Float64Array(ref.numParams);
  ref.initialize(theta, new Random(1));
  const rows = Int32Array.from([5, 0, 39, 17, 17, 2]);
  const Zr = new Float64Array(rows.length * 5);
  const Zf = new Float64Array(rows.length * 5);
  ref.forward(theta, data.X, rows, Zr);
  f32.forward(theta, data.X, rows, Zf);
  const scale = Math.max(...Zr.map(Math.abs));
  for (let t = 0; t < Zr.length; t++) assert.ok(Math.abs(Zr[t] - Zf[t]) <= 1e-4 * scale, `score ${t}: ${Zf[t]} vs ${Zr[t]}`);
  const dZ = randomVector(rows.length * 5, 2);
  const gr = new Float64Array(ref.numParams);
  const gf = new Float64Array(ref.numParams);
  ref.backward(theta, data.X, rows, dZ, gr);
  f32.backward(theta, data.X, rows, dZ, gf);
  const gscale = Math.max(...gr.map(Math.abs));
  for (let p = 0; p < gr.length; p++) assert.ok(Math.abs(gr[p] - gf[p]) <= 1e-4 * gscale, `gradient ${p}: ${gf[p]} vs ${gr[p]}`);
});

test('a network trained with the same seed is the same, byte for byte; initial weights follow He and Glorot scales', () => {
  const scores = network(400, 10, [300], 'relu', true, 'reference');
  const a = new Float64Array(scores.numParams);
  const b = new Float64Array(scores.numParams);
  scores.initialize(a, new Random(12));
  scores.initialize(b, new Random(12));
  assert.deepEqual(a, b);
  // He: first-layer weights have variance 2/400 = 0.005 (120,000 draws: standard error of the variance ≈ 0.005·√(2/120000) ≈ 2e-5).
  let s2 = 0;
  for (let p = 0; p < 400 * 300; p++) s2 += a[p] * a[p];
  assert.ok(Math.abs(s2 / (400 * 300) - 0.005) < 2e-4, `first-layer variance ${s2 / (400 * 300)}`);
  // Glorot uniform on the last layer: |w| ≤ √(6/(300 + 10)) ≈ 0.1391; biases start at 0.
  const last = 400 * 300 + 300;
  for (let p = last; p < last + 3000; p++) assert.ok(Math.abs(a[p]) <= Math.sqrt(6 / 310));
  for (let p = 400 * 300; p < last; p++) assert.equal(a[p], 0);
});

function checkNetworkGradient(risk: EmpiricalRisk, theta: Float64Array): void {
  const grad = new Float64Array(theta.length);
  const value = risk.valueAndGradient(theta, grad);
  assert.equal(value, risk.value(theta));
  const r = checkGradient((t) => risk.value(t), grad, theta);
  assert.ok(r.maxError < TOL, `gradient error ${r.maxError} at parameter ${r.worstIndex} (${r.analytic} vs ${r.numeric})`);
  assert.equal(r.checked, theta.length);
}

/** J·v against (f(θ + hv) − f(θ − hv)) / 2h on every score. */
function checkJacobianVector(scores: SequentialScores, data: Dataset, theta: Float64Array): void {
  const n = data.X.rows;
  const K = scores.numClasses;
  const v = randomVector(theta.length, 19);
  const Jv = new Float64Array(n * K);
  scores.jacobianVector(theta, data.X, null, v, Jv);
  const h = 1e-5;
  const zp = new Float64Array(n * K);
  const zm = new Float64Array(n * K);
  scores.forward(theta.map((t, p) => t + h * v[p]), data.X, null, zp);
  scores.forward(theta.map((t, p) => t - h * v[p]), data.X, null, zm);
  for (let t = 0; t < n * K; t++) {
    const numeric = (zp[t] - zm[t]) / (2 * h);
    assert.ok(Math.abs(Jv[t] - numeric) / Math.max(1, Math.abs(numeric)) < TOL, `(J·v)[${t}] = ${Jv[t]}, finite differences ${numeric}`);
  }
}

/**
 * Gauss–Newton·v = Jᵀ(∇²_z L)(J v): with J held at θ, it is the derivative at ε = 0 of
 * Jᵀ∇_z L(z(θ) + ε·Jv) — finite differences of the loss gradient on scores, pulled back
 * by backward at θ; plus λv on the penalised parameters.
 */
function checkGaussNewton(risk: EmpiricalRisk, scores: SequentialScores, data: Dataset, theta: Float64Array, l2: number): void {
  const n = data.X.rows;
  const K = scores.numClasses;
  const grad = new Float64Array(theta.length);
  risk.valueAndGradient(theta, grad);
  const v = randomVector(theta.length, 23);
  const GNv = new Float64Array(theta.length);
  risk.hessianVector(v, GNv);
  const Z = new Float64Array(n * K);
  scores.forward(theta, data.X, null, Z);
  const Jv = new Float64Array(n * K);
  scores.jacobianVector(theta, data.X, null, v, Jv);
  const h = 1e-5;
  const pulled = (eps: number) => {
    const z = Z.map((x, t) => x + eps * Jv[t]);
    const dZ = new Float64Array(n * K);
    softmaxCrossEntropy.lossAndGradient(z, K, data.y, null, dZ, null);
    const g = new Float64Array(theta.length);
    scores.forward(theta, data.X, null, new Float64Array(n * K));
    scores.backward(theta, data.X, null, dZ, g);
    return g;
  };
  const gp = pulled(h);
  const gm = pulled(-h);
  const mask = scores.penaltyMask();
  for (let p = 0; p < theta.length; p++) {
    const numeric = (gp[p] - gm[p]) / (2 * h) / n + (mask[p] ? l2 * v[p] : 0);
    assert.ok(Math.abs(GNv[p] - numeric) / Math.max(1, Math.abs(numeric)) < TOL, `(GN·v)[${p}] = ${GNv[p]}, finite differences ${numeric}`);
  }
}
