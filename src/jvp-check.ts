import { type Matrix } from './data/csr.js';
import { type GradientCheckResult, relativeError } from './gradcheck.js';
import { Random } from './random.js';
import { optionNames, refuseUnknownOptions } from './option-names.js';
import { type ScoreFunction } from './scores/score-function.js';

export interface JacobianVectorCheckOptions {
  /** Direction u (default: a seeded standard normal vector). */
  direction?: Float64Array;
  /** Step h (default 1e-5). */
  step?: number;
  /** Rows of X to check (default all). */
  rows?: Int32Array | null;
  /** Seed of the default direction (default 0). */
  seed?: number;
}

const JVP_CHECK_OPTION_NAMES = optionNames<JacobianVectorCheckOptions>()(['direction', 'step', 'rows', 'seed']);

/**
 * Checks a score function's Jacobian-vector product J·u (what newton needs)
 * against central differences of its forward pass in float64:
 *
 *   (∂Z/∂θ)·u ≈ (f(X; θ + h·u) − f(X; θ − h·u)) / 2h,   error O(h²)
 *
 * entry by entry of the n×K scores, by the relative error of checkGradient
 * (worstIndex is the entry t·K + k). A non-finite value counts as an infinite error.
 */
export function checkJacobianVector(scores: ScoreFunction, theta: Float64Array, X: Matrix, options: JacobianVectorCheckOptions = {}): GradientCheckResult {
  refuseUnknownOptions(options, JVP_CHECK_OPTION_NAMES, 'checkJacobianVector');
  if (typeof scores.jacobianVector !== 'function') throw new TypeError('the score function has no jacobianVector to check');
  if (theta.length !== scores.numParams) throw new RangeError(`θ has ${theta.length} values, expected ${scores.numParams}`);
  const h = options.step ?? 1e-5;
  if (!(h > 0 && Number.isFinite(h))) throw new RangeError(`step must be a finite number > 0, got ${h}`);
  const rng = new Random(options.seed ?? 0);
  const u = options.direction ?? Float64Array.from({ length: theta.length }, () => rng.normal());
  if (u.length !== theta.length) throw new RangeError(`direction has ${u.length} values but θ has ${theta.length}`);
  const rows = options.rows ?? null;
  const n = rows ? rows.length : X.rows;
  const size = n * scores.numClasses;
  const analytic = new Float64Array(size);
  scores.jacobianVector(theta, X, rows, u, analytic);
  const plus = new Float64Array(size);
  const minus = new Float64Array(size);
  scores.forward(theta.map((t, p) => t + h * u[p]), X, rows, plus);
  scores.forward(theta.map((t, p) => t - h * u[p]), X, rows, minus);
  const result: GradientCheckResult = { maxError: 0, worstIndex: -1, analytic: 0, numeric: 0, checked: size };
  for (let r = 0; r < size; r++) {
    const numeric = (plus[r] - minus[r]) / (2 * h);
    const err = relativeError(analytic[r], numeric);
    if (err > result.maxError || result.worstIndex < 0) Object.assign(result, { maxError: err, worstIndex: r, analytic: analytic[r], numeric });
  }
  return result;
}
