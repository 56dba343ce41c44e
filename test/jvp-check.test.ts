import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJacobianVector } from '../src/jvp-check.js';
import { checkGradient } from '../src/gradcheck.js';
import { SequentialScores, mlpLayers } from '../src/scores/sequential.js';
import { createLayerKernels } from '../src/kernels/layer-select.js';
import { fromRows } from '../src/data/dense.js';
import { Random } from '../src/random.js';
import { SquaredScores } from './support/squared-scores.js';

const X = fromRows([[0.5, -1, 2], [1.5, 0.25, -0.75], [-2, 1, 0], [0.1, 0.2, 0.3]]);

test('checkJacobianVector passes a tanh network\'s exact J·u (float64 layers, error ≤ 1e-7, every score entry checked)', () => {
  const scores = new SequentialScores(mlpLayers(3, 4, { hidden: [5], activation: 'tanh' }), createLayerKernels('reference'));
  const theta = new Float64Array(scores.numParams);
  scores.initialize(theta, new Random(1));
  const r = checkJacobianVector(scores, theta, X);
  assert.equal(r.checked, 4 * 4);
  assert.ok(r.maxError <= 1e-7, `error ${r.maxError}`);
});

test('checkJacobianVector flags a J·u that lacks the factor 2 of ∂(v·x)²/∂v (error ≥ 0.1) and a NaN in it (infinite error)', () => {
  class MissingTwo extends SquaredScores {
    override jacobianVector(theta: Float64Array, M: typeof X, rows: Int32Array | null, u: Float64Array, out: Float64Array): void {
      super.jacobianVector!(theta, M, rows, u, out);
      // J·u = u_b + 2(v·x)(u_v·x): halve the second term by removing half of what is not u_b.
      const K = this.numClasses, D = this.numFeatures;
      for (let t = 0; t < out.length; t++) out[t] = u[K * D + (t % K)] + (out[t] - u[K * D + (t % K)]) / 2;
    }
  }
  class WithNaN extends SquaredScores {
    override jacobianVector(theta: Float64Array, M: typeof X, rows: Int32Array | null, u: Float64Array, out: Float64Array): void {
      super.jacobianVector!(theta, M, rows, u, out);
      out[5] = NaN;
    }
  }
  const theta = new Float64Array(new SquaredScores(2, 3).numParams);
  new SquaredScores(2, 3).initialize(theta, new Random(2));
  assert.ok(checkJacobianVector(new SquaredScores(2, 3), theta, X).maxError <= 1e-7);
  assert.ok(checkJacobianVector(new MissingTwo(2, 3), theta, X).maxError >= 0.1);
  const nan = checkJacobianVector(new WithNaN(2, 3), theta, X);
  assert.equal(nan.maxError, Infinity);
  assert.equal(nan.worstIndex, 5);
});

test('checkJacobianVector refuses a score function without jacobianVector, θ or a direction of the wrong length, and misspelt options (as checkGradient does)', () => {
  const theta = new Float64Array(8);
  assert.throws(() => checkJacobianVector(new SquaredScores(2, 3, false), theta, X), /no jacobianVector/);
  assert.throws(() => checkJacobianVector(new SquaredScores(2, 3), new Float64Array(7), X), /θ has 7 values, expected 8/);
  assert.throws(() => checkJacobianVector(new SquaredScores(2, 3), theta, X, { direction: new Float64Array(3) }), /direction has 3 values/);
  assert.throws(() => checkJacobianVector(new SquaredScores(2, 3), theta, X, { stp: 0.1 } as never), /unknown checkJacobianVector option "stp" \(did you mean "step"\?\)/);
  assert.throws(() => checkGradient(() => 0, theta, theta, { indexes: [0] } as never), /unknown checkGradient option "indexes" \(did you mean "indices"\?\)/);
});
