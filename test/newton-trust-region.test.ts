/**
 * The trust region of Newton–CG grows after a very successful step that CG
 * ended on the region's boundary, even when the quadratic fit along the step
 * suggests keeping its size: otherwise, on functions whose curvature fades far
 * from the optimum, the region stays small and the run crawls.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newtonCg } from '../src/optim/newton-cg.js';
import { type Objective } from '../src/objective/objective.js';

/**
 * f(x) = Σᵢ aᵢ (√(1 + xᵢ²) − 1) + ½·10⁻³‖x‖² (pseudo-Huber terms, aᵢ = 10^(2i/19), i = 0…19):
 * minimum 0 at x = 0; far away the gradient is bounded and the curvature aᵢ/(1 + xᵢ²)^{3/2} + 10⁻³ is tiny.
 */
function pseudoHuber(): Objective {
  const n = 20;
  const a = Float64Array.from({ length: n }, (_, i) => 10 ** ((2 * i) / (n - 1)));
  const at = new Float64Array(n);
  return {
    numParams: n,
    value(x) {
      let f = 0;
      for (let i = 0; i < n; i++) f += a[i] * (Math.sqrt(1 + x[i] * x[i]) - 1) + 5e-4 * x[i] * x[i];
      return f;
    },
    valueAndGradient(x, g) {
      at.set(x);
      let f = 0;
      for (let i = 0; i < n; i++) {
        const q = Math.sqrt(1 + x[i] * x[i]);
        f += a[i] * (q - 1) + 5e-4 * x[i] * x[i];
        g[i] = (a[i] * x[i]) / q + 1e-3 * x[i];
      }
      return f;
    },
    hessianVector(v, out) {
      for (let i = 0; i < n; i++) {
        const q = Math.sqrt(1 + at[i] * at[i]);
        out[i] = (a[i] / (q * q * q) + 1e-3) * v[i];
      }
    },
  };
}

test('Newton–CG started at x = 1000·1 on a sum of pseudo-Huber terms converges (objective ≤ 1e-12) within 500 iterations', () => {
  const x = new Float64Array(20).fill(1000);
  const identity = { name: 'identity', refresh() {}, solve(r: Float64Array, z: Float64Array) { z.set(r); } };
  const status = newtonCg(pseudoHuber(), x, { tol: 1e-10, maxIter: 500, preconditioner: identity, preconditionerPairs: 0 });
  assert.ok(status.converged, `stopped by ${status.reason} after ${status.iterations} iterations at f = ${status.value}`);
  assert.ok(status.value <= 1e-12, `f = ${status.value}`);
});
