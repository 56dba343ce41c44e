import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newtonCg } from '../src/optim/newton-cg.js';
import { type Objective } from '../src/objective/objective.js';

test('trust-region Newton stops with line_search_failed, not an endless loop, when Hessian products are NaN', () => {
  // f(x) = ½‖x − 1‖², whose Hessian-vector products are broken (NaN): every step is rejected.
  const objective: Objective = {
    numParams: 3,
    value: (x) => 0.5 * x.reduce((s, v) => s + (v - 1) ** 2, 0),
    valueAndGradient: (x, g) => {
      for (let i = 0; i < x.length; i++) g[i] = x[i] - 1;
      return 0.5 * x.reduce((s, v) => s + (v - 1) ** 2, 0);
    },
    hessianVector: (_v, out) => out.fill(NaN),
  };
  const status = newtonCg(objective, new Float64Array(3), { maxIter: 50 });
  assert.equal(status.reason, 'line_search_failed');
  assert.equal(status.converged, false);
});
