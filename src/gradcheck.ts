import { optionNames, refuseUnknownOptions } from './option-names.js';

/**
 * Numerical gradient checking by central differences in float64:
 *
 *   ∂f/∂θₚ ≈ (f(θ + h·eₚ) − f(θ − h·eₚ)) / 2h,   error O(h²)
 *
 * compared with the analytic gradient by the relative error
 * |a − n| / max(1, |a|, |n|) per coordinate (absolute near zero, relative
 * for large values). A non-finite analytic or numeric value counts as an
 * infinite error, so a NaN anywhere can never pass.
 */
export interface GradientCheckResult {
  /** Largest relative error over the checked coordinates (Infinity when a value is not finite). */
  maxError: number;
  /** Coordinate where it occurs. */
  worstIndex: number;
  analytic: number;
  numeric: number;
  checked: number;
}

export interface GradientCheckOptions {
  /** Step h (default 1e-5: balances truncation O(h²) against rounding O(ε/h)). */
  step?: number;
  /** Coordinates to check (default all). */
  indices?: ArrayLike<number>;
}

const GRADIENT_CHECK_OPTION_NAMES = optionNames<GradientCheckOptions>()(['step', 'indices']);

export function checkGradient(
  f: (theta: Float64Array) => number,
  gradient: Float64Array,
  theta: Float64Array,
  options: GradientCheckOptions = {},
): GradientCheckResult {
  refuseUnknownOptions(options, GRADIENT_CHECK_OPTION_NAMES, 'checkGradient');
  const h = options.step ?? 1e-5;
  if (!(h > 0 && Number.isFinite(h))) throw new RangeError(`step must be a finite number > 0, got ${h}`);
  if (gradient.length !== theta.length) throw new RangeError(`gradient has ${gradient.length} values but θ has ${theta.length}`);
  const indices = options.indices ?? Array.from({ length: theta.length }, (_, i) => i);
  for (let t = 0; t < indices.length; t++) {
    const p = indices[t];
    if (!(Number.isInteger(p) && p >= 0 && p < theta.length)) throw new RangeError(`indices: ${p} is not a coordinate of θ (0..${theta.length - 1})`);
  }
  const x = Float64Array.from(theta);
  const result: GradientCheckResult = { maxError: 0, worstIndex: -1, analytic: 0, numeric: 0, checked: 0 };
  for (let t = 0; t < indices.length; t++) {
    const p = indices[t];
    const saved = x[p];
    x[p] = saved + h;
    const fPlus = f(x);
    x[p] = saved - h;
    const fMinus = f(x);
    x[p] = saved;
    const numeric = (fPlus - fMinus) / (2 * h);
    const analytic = gradient[p];
    // NaN compares false with everything: without this a NaN would never become the worst error.
    const err = relativeError(analytic, numeric);
    result.checked++;
    if (err > result.maxError || result.worstIndex < 0) {
      Object.assign(result, { maxError: err, worstIndex: p, analytic, numeric });
    }
  }
  return result;
}

/** |a − n| / max(1, |a|, |n|), or Infinity when either is not finite (NaN compares false with everything). */
export function relativeError(analytic: number, numeric: number): number {
  return Number.isFinite(analytic) && Number.isFinite(numeric)
    ? Math.abs(analytic - numeric) / Math.max(1, Math.abs(analytic), Math.abs(numeric))
    : Infinity;
}
