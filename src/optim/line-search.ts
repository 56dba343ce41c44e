import { axpy, dot } from './status.js';

/**
 * Line searches along x + α·d for full-batch solvers. Both evaluate f and its
 * gradient at the trial points through `evaluate`, which writes the gradient
 * into g and returns f.
 */
export type Evaluate = (x: Float64Array, g: Float64Array) => number;

export interface LineSearchResult {
  ok: boolean;
  step: number;
  value: number;
  evaluations: number;
}

/**
 * Backtracking (Armijo): the first α = α₀·ρᵏ with f(x + αd) ≤ f(x) + c₁·α·∇fᵀd.
 * On return xNew and gNew hold the accepted point and its gradient.
 */
export function backtracking(
  evaluate: Evaluate, x: Float64Array, f0: number, g0: Float64Array, d: Float64Array,
  xNew: Float64Array, gNew: Float64Array, step0 = 1, c1 = 1e-4, rho = 0.5, maxTries = 60,
): LineSearchResult {
  const slope = dot(g0, d);
  let step = step0;
  for (let t = 1; t <= maxTries; t++) {
    xNew.set(x);
    axpy(step, d, xNew);
    const f = evaluate(xNew, gNew);
    if (Number.isFinite(f) && f <= f0 + c1 * step * slope) return { ok: true, step, value: f, evaluations: t };
    step *= rho;
  }
  return { ok: false, step: 0, value: f0, evaluations: maxTries };
}

/**
 * Strong Wolfe line search (Nocedal & Wright, Algorithms 3.5 and 3.6, with
 * cubic interpolation in the zoom): finds α with
 *   f(x + αd) ≤ f(x) + c₁ α ∇fᵀd   and   |∇f(x + αd)ᵀd| ≤ c₂ |∇fᵀd|.
 * On success xNew and gNew hold the accepted point and its gradient.
 */
export function strongWolfe(
  evaluate: Evaluate, x: Float64Array, f0: number, g0: Float64Array, d: Float64Array,
  xNew: Float64Array, gNew: Float64Array, step0 = 1, c1 = 1e-4, c2 = 0.9, maxEvaluations = 25,
): LineSearchResult {
  const dphi0 = dot(g0, d);
  if (!(dphi0 < 0)) return { ok: false, step: 0, value: f0, evaluations: 0 };
  let evaluations = 0;
  const phi = (a: number): [number, number] => {
    evaluations++;
    xNew.set(x);
    axpy(a, d, xNew);
    const f = evaluate(xNew, gNew);
    return [f, dot(gNew, d)];
  };
  const zoom = (lo: number, flo: number, dlo: number, hi: number, fhi: number, dhi: number): LineSearchResult => {
    while (evaluations < maxEvaluations) {
      let a = cubicMinimizer(lo, flo, dlo, hi, fhi, dhi);
      const left = Math.min(lo, hi);
      const width = Math.abs(hi - lo);
      // Keep the trial inside the middle of the interval (safeguard), else bisect.
      if (!Number.isFinite(a) || a < left + 0.1 * width || a > left + 0.9 * width) a = (lo + hi) / 2;
      const [fa, da] = phi(a);
      if (!Number.isFinite(fa) || fa > f0 + c1 * a * dphi0 || fa >= flo) {
        [hi, fhi, dhi] = [a, fa, da];
      } else {
        if (Math.abs(da) <= -c2 * dphi0) return { ok: true, step: a, value: fa, evaluations };
        if (da * (hi - lo) >= 0) [hi, fhi, dhi] = [lo, flo, dlo];
        [lo, flo, dlo] = [a, fa, da];
      }
      if (Math.abs(hi - lo) < 1e-16 * Math.max(1, Math.abs(lo))) break;
    }
    // Out of budget: accept the best point found if it decreased f (sufficient decrease holds at lo).
    if (lo > 0 && flo < f0) {
      const [f] = phi(lo);
      return { ok: true, step: lo, value: f, evaluations };
    }
    return { ok: false, step: 0, value: f0, evaluations };
  };

  let prev = 0;
  let fprev = f0;
  let dprev = dphi0;
  let a = step0;
  for (let i = 0; evaluations < maxEvaluations; i++) {
    const [fa, da] = phi(a);
    if (!Number.isFinite(fa) || fa > f0 + c1 * a * dphi0 || (i > 0 && fa >= fprev)) return zoom(prev, fprev, dprev, a, fa, da);
    if (Math.abs(da) <= -c2 * dphi0) return { ok: true, step: a, value: fa, evaluations };
    if (da >= 0) return zoom(a, fa, da, prev, fprev, dprev);
    [prev, fprev, dprev] = [a, fa, da];
    a *= 2;
  }
  return { ok: false, step: 0, value: f0, evaluations };
}

/** Minimizer of the cubic through (a, fa, da) and (b, fb, db). */
function cubicMinimizer(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - 3 * ((fa - fb) / (a - b));
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0) || !Number.isFinite(fb)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * ((db + d2 - d1) / (db - da + 2 * d2));
}
