/**
 * Every optimizer on a quadratic and on the Rosenbrock function, cross-solver
 * agreement on a seeded multiclass problem, and checkpoint/resume.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Objective } from '../src/objective/objective.js';
import { gradientDescent } from '../src/optim/gradient-descent.js';
import { lbfgs } from '../src/optim/lbfgs.js';
import { newtonCg } from '../src/optim/newton-cg.js';
import { adagrad, adam, sgd, type StochasticOptimizer } from '../src/optim/stochastic.js';
import { trainSoftmax } from '../src/train/train.js';
import { randomDataset } from './helpers.js';

/** f(x) = ½ xᵀAx − bᵀx with A = diag(1, 10, 100) + a coupling; minimizer A⁻¹b. */
function quadratic(): Objective & { solution: number[] } {
  // A = [[4, 1, 0], [1, 10, 2], [0, 2, 50]], b = [1, 2, 3].
  // Solving A x = b by hand (Cramer): det A = 4(500 − 4) − 1(50 − 0) = 1934;
  // x = [(1·496 − 1·(100 − 6)) / 1934, (4·(100 − 6) − 1·(50 − 0)) / 1934, …] computed below exactly.
  const A = [[4, 1, 0], [1, 10, 2], [0, 2, 50]];
  const b = [1, 2, 3];
  const Av = (v: ArrayLike<number>, out: Float64Array) => {
    for (let i = 0; i < 3; i++) out[i] = A[i][0] * v[0] + A[i][1] * v[1] + A[i][2] * v[2];
  };
  const solution = solve3(A, b);
  return {
    numParams: 3,
    solution,
    value(x) {
      const t = new Float64Array(3);
      Av(x, t);
      return 0.5 * (x[0] * t[0] + x[1] * t[1] + x[2] * t[2]) - (b[0] * x[0] + b[1] * x[1] + b[2] * x[2]);
    },
    valueAndGradient(x, g) {
      Av(x, g);
      for (let i = 0; i < 3; i++) g[i] -= b[i];
      return this.value(x);
    },
    hessianVector(v, out) {
      Av(v, out);
    },
    hessianDiagonal(out) {
      out.set([4, 10, 50]);
    },
  };
}

function solve3(A: number[][], b: number[]): number[] {
  const det = (m: number[][]) =>
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const d = det(A);
  return [0, 1, 2].map((c) => det(A.map((row, i) => row.map((v, j) => (j === c ? b[i] : v)))) / d);
}

/** Rosenbrock f(x, y) = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1). */
function rosenbrock(): Objective {
  let at = new Float64Array(2);
  return {
    numParams: 2,
    value: (p) => (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2,
    valueAndGradient(p, g) {
      at = Float64Array.from(p);
      g[0] = -2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] ** 2);
      g[1] = 200 * (p[1] - p[0] ** 2);
      return this.value(p);
    },
    // ∇²f = [[2 − 400(y − 3x²), −400x], [−400x, 200]] at the last evaluated point.
    hessianVector(v, out) {
      const [x, y] = at;
      out[0] = (2 - 400 * (y - 3 * x * x)) * v[0] - 400 * x * v[1];
      out[1] = -400 * x * v[0] + 200 * v[1];
    },
  };
}

const solvers = {
  gd: (f: Objective, x: Float64Array, maxIter: number) => gradientDescent(f, x, { tol: 1e-10, maxIter, learningRate: 1 }),
  lbfgs: (f: Objective, x: Float64Array, maxIter: number) => lbfgs(f, x, { tol: 1e-10, maxIter }),
  newton: (f: Objective, x: Float64Array, maxIter: number) => newtonCg(f, x, { tol: 1e-10, maxIter }),
};

for (const [name, solve] of Object.entries(solvers)) {
  test(`${name} minimizes a quadratic to its exact solution`, () => {
    const f = quadratic();
    const x = new Float64Array(3);
    const st = solve(f, x, 5000);
    assert.ok(st.converged, st.reason);
    // 1e-8: a line search that compares function values stalls once ½λ|Δx|² falls below the
    // rounding of f (≈ 1e-17 here), i.e. at |Δx| ≈ 2e-9 for the smallest curvature λ ≈ 3.8.
    for (let i = 0; i < 3; i++) assert.ok(Math.abs(x[i] - f.solution[i]) < 1e-8, `x[${i}] = ${x[i]}, expected ${f.solution[i]}`);
    assert.ok(st.trace.every((v, i) => i === 0 || v <= st.trace[i - 1] + 1e-15), 'objective must not increase');
  });

  test(`${name} finds the Rosenbrock minimum (1, 1) from (−1.2, 1)`, () => {
    const x = Float64Array.from([-1.2, 1]);
    // Gradient descent needs many steps in the curved valley; the others a few dozen.
    const st = solve(rosenbrock(), x, name === 'gd' ? 200000 : 500);
    assert.ok(Math.abs(x[0] - 1) < 1e-4 && Math.abs(x[1] - 1) < 1e-4, `${name} ended at (${x[0]}, ${x[1]}) (${st.reason}, ${st.iterations} iterations)`);
  });
}

test('newton solves the quadratic in one iteration (the lecture: "optimizes quadratic instantly")', () => {
  const f = quadratic();
  const x = new Float64Array(3);
  // With an unconstrained trust region (large first radius) a single CG solve is exact for n = 3.
  const st = newtonCg(f, x, { tol: 1e-10, cgTol: 1e-12, maxIter: 50 });
  assert.ok(st.converged, st.reason);
  assert.ok(st.iterations <= 3, `${st.iterations} iterations`);
});

const stochastic: Record<string, () => [StochasticOptimizer, number, number]> = {
  // [optimizer, learning rate, steps]
  sgd: () => [sgd(), 0.02, 5000],
  'sgd momentum': () => [sgd(0.9), 0.005, 5000],
  'sgd nesterov': () => [sgd(0.9, true), 0.005, 5000],
  adagrad: () => [adagrad(), 0.5, 20000],
  adam: () => [adam(), 0.01, 20000],
};

for (const [name, make] of Object.entries(stochastic)) {
  test(`${name} minimizes the quadratic and the Rosenbrock function with exact gradients`, () => {
    const [opt, lr, steps] = make();
    const q = quadratic();
    const x = new Float64Array(3);
    const g = new Float64Array(3);
    let state = opt.init(3);
    for (let t = 0; t < steps; t++) {
      q.valueAndGradient(x, g);
      opt.update(x, g, state, lr);
    }
    for (let i = 0; i < 3; i++) assert.ok(Math.abs(x[i] - q.solution[i]) < 1e-4, `quadratic x[${i}] = ${x[i]}, expected ${q.solution[i]}`);
    const r = rosenbrock();
    const p = Float64Array.from([-1.2, 1]);
    const gp = new Float64Array(2);
    state = opt.init(2);
    const rate = name.startsWith('sgd') ? lr / 20 : lr; // the valley's curvature (~1000) bounds plain steps
    for (let t = 0; t < 200000; t++) {
      r.valueAndGradient(p, gp);
      opt.update(p, gp, state, rate);
    }
    assert.ok(Math.abs(p[0] - 1) < 2e-2 && Math.abs(p[1] - 1) < 4e-2, `Rosenbrock ended at (${p[0]}, ${p[1]})`);
  });
}

test('GD, L-BFGS and Newton reach the same θ on a seeded multiclass problem', () => {
  const data = randomDataset(150, 6, 4, 42);
  const run = (optimizer: 'gd' | 'lbfgs' | 'newton') =>
    trainSoftmax(data, { optimizer, C: 0.5, tol: 1e-10, maxIter: 20000, learningRate: 1 });
  const [gd, lb, nt] = [run('gd'), run('lbfgs'), run('newton')];
  for (const r of [gd, lb, nt]) assert.ok(r.converged, `${r.stopReason} after ${r.epochs}`);
  // Tolerance: with ‖∇L‖ ≤ 1e-10·‖∇L₀‖ and curvature ≥ 1/C = 2, each θ is within ~1e-9 of the optimum;
  // 1e-6 leaves room for the solvers' different paths.
  for (const other of [lb, nt]) {
    for (let p = 0; p < gd.model.W.length; p++) assert.ok(Math.abs(gd.model.W[p] - other.model.W[p]) < 1e-6, `W[${p}]: ${gd.model.W[p]} vs ${other.model.W[p]}`);
    // The biases are unpenalised and softmax ignores a common shift of all of them, so they agree up to that shift.
    const centred = (b: Float64Array) => Array.from(b, (v) => v - b.reduce((a, c) => a + c, 0) / b.length);
    const [cg, co] = [centred(gd.model.b!), centred(other.model.b!)];
    for (let k = 0; k < 4; k++) assert.ok(Math.abs(cg[k] - co[k]) < 1e-6, `b[${k}] (centred): ${cg[k]} vs ${co[k]}`);
    assert.ok(Math.abs(gd.objective - other.objective) < 1e-9 * Math.abs(gd.objective));
  }
});

for (const optimizer of ['sgd', 'adagrad', 'adam'] as const) {
  test(`${optimizer}: a run resumed from its checkpoint gives the same weights as an uninterrupted run`, () => {
    const data = randomDataset(200, 5, 3, 9);
    const opts = { optimizer, maxEpochs: 4, batchSize: 16, seed: 3, momentum: optimizer === 'sgd' ? 0.9 : undefined, evaluateTrain: false };
    let saved = '';
    // Checkpoints are written after every epoch; keep the one after epoch 2, through JSON as a file would hold it.
    const straight = trainSoftmax(data, { ...opts, onCheckpoint: (c) => { if (c.epoch === 2) saved = JSON.stringify(c); } });
    assert.equal(straight.epochs, 4);
    const checkpoint = JSON.parse(saved);
    assert.equal(checkpoint.epoch, 2);
    const resumed = trainSoftmax(data, { ...opts, resumeFrom: checkpoint });
    assert.equal(resumed.epochs, 4);
    assert.deepEqual(resumed.model.W, straight.model.W);
    assert.deepEqual(resumed.model.b, straight.model.b);
    assert.notDeepEqual(checkpoint.theta.slice(0, 15), Array.from(straight.model.W.subarray(0, 15)));
  });
}
