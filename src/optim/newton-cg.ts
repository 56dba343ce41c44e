import { type Objective } from '../objective/objective.js';
import { afterIteration, gradientSmall, startSolver, axpy, checkSolverOptions, dot, norm2, solverStatus, type SolverOptions, type SolverReason, type SolverStatus } from './status.js';

export interface NewtonOptions extends SolverOptions {
  /** CG stops when its residual falls below cgTol times the first one (default 0.1, LIBLINEAR's value). */
  cgTol?: number;
  /** Mixing of the preconditioner: M = (1 − α)·I + α·diag(H) (default 0.01, as LIBLINEAR). */
  preconditionerMix?: number;
  /**
   * Stop ('newton_decrement') after an accepted step from an unconstrained CG
   * solve whose predicted decrease ½λ² ≈ f − f* was at most
   * decrementTol·max(1, |f|) (default 1e-10; 0 turns the test off).
   */
  decrementTol?: number;
}

/**
 * Trust-region Newton–CG (TRON: Lin & Moré 1999; LIBLINEAR's newton solver):
 * each iteration solves the Newton system H s = −g approximately by
 * preconditioned conjugate gradients (Steihaug–Toint), inside a trust region
 * measured in the preconditioner's norm, using only Hessian-vector products.
 * The objective must provide hessianVector (and hessianDiagonal for the
 * diagonal preconditioner; without it M = I). Minimizes in place.
 */
export function newtonCg(objective: Objective, x: Float64Array, options: NewtonOptions = {}): SolverStatus {
  const { tol, ftol, maxIter } = checkSolverOptions(options, { tol: 1e-6, ftol: 1e-12, maxIter: 200 });
  if (!objective.hessianVector) throw new RangeError('newton: this objective has no Hessian-vector product');
  const cgTol = options.cgTol ?? 0.1;
  const decrementTol = options.decrementTol ?? 1e-10;
  if (!(decrementTol >= 0 && Number.isFinite(decrementTol))) throw new RangeError(`decrementTol must be a finite number ≥ 0, got ${options.decrementTol}`);
  const mix = options.preconditionerMix ?? 0.01;
  const eta0 = 1e-4, eta1 = 0.25, eta2 = 0.75;
  const sigma1 = 0.25, sigma2 = 0.5, sigma3 = 4;
  const n = x.length;
  const s = new Float64Array(n);
  const r = new Float64Array(n);
  const M = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const cg = { z: new Float64Array(n), d: new Float64Array(n), Hd: new Float64Array(n) };
  let hvps = 0;

  const start = startSolver(objective, x);
  const { g, g0, trace, startedAt: t0 } = start;
  let f = start.f;
  let evals = 1;
  let reason: SolverReason = 'max_iter';
  let iter = 0;
  const preconditioner = () => {
    if (objective.hessianDiagonal) {
      objective.hessianDiagonal(M);
      for (let i = 0; i < n; i++) M[i] = 1 - mix + mix * M[i];
    } else M.fill(1);
  };
  preconditioner();
  let delta = Math.sqrt(dotScaled(g, g, M, -1)); // ‖g‖ in the M⁻¹ norm
  if (gradientSmall(g, f, tol)) reason = 'gradient_tolerance';
  while (reason === 'max_iter' && iter < maxIter) {
    const solve = steihaugCg(objective, g, M, delta, cgTol, s, r, cg);
    hvps += solve.products;
    xNew.set(x);
    axpy(1, s, xNew);
    const gs = dot(g, s);
    const prered = -0.5 * (gs - dot(s, r));
    const fNew = objective.valueAndGradient(xNew, gNew);
    evals++;
    const actred = f - fNew;
    const snorm = Math.sqrt(dotScaled(s, s, M, 1));
    if (iter === 0) delta = Math.min(delta, snorm);
    // Step-size factor from a quadratic fit of f along s, then the trust-region update.
    const alpha = fNew - f - gs <= 0 ? sigma3 : Math.max(sigma1, -0.5 * (gs / (fNew - f - gs)));
    if (!Number.isFinite(fNew) || actred < eta0 * prered) delta = Math.min(Math.max(alpha, sigma1) * snorm, sigma2 * delta);
    else if (actred < eta1 * prered) delta = Math.max(sigma1 * delta, Math.min(alpha * snorm, sigma2 * delta));
    else if (actred < eta2 * prered) delta = Math.max(sigma1 * delta, Math.min(alpha * snorm, sigma3 * delta));
    else delta = Math.max(delta, Math.min(alpha * snorm, sigma3 * delta));

    if (Number.isFinite(fNew) && actred > eta0 * prered) {
      iter++;
      x.set(xNew);
      g.set(gNew);
      const fPrev = f;
      f = fNew;
      trace.push(f);
      // The decrement test: the quadratic model, minimized inside the region, predicted f − f* ≈ prered.
      const stop = afterIteration(options, iter, x, f, fPrev, g, tol, ftol)
        ?? (solve.interior && prered <= decrementTol * Math.max(1, Math.abs(fPrev)) ? 'newton_decrement' : null);
      if (stop) reason = stop;
      else preconditioner();
    } else {
      // Rejected: the objective must be re-evaluated at x for the next Hessian products.
      objective.valueAndGradient(x, gNew);
      evals++;
      if (delta <= 1e-14 * Math.max(1, norm2(x)) || (Math.abs(actred) <= 1e-14 * Math.abs(f) && Math.abs(prered) <= 1e-14 * Math.abs(f))) {
        reason = 'line_search_failed';
      }
    }
  }
  return solverStatus(reason, { iterations: iter, functionEvaluations: evals, hessianVectorProducts: hvps }, f, g, g0, trace, t0);
}

/** Σ a·b·Mᵖ (p = 1: the M norm's inner product; p = −1: M⁻¹'s). */
function dotScaled(a: Float64Array, b: Float64Array, M: Float64Array, p: 1 | -1): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += p === 1 ? a[i] * b[i] * M[i] : (a[i] * b[i]) / M[i];
  return s;
}

/**
 * Preconditioned CG on H s = −g, stopped at the trust-region boundary
 * ‖s‖_M = delta or when ‖r‖_{M⁻¹} ≤ cgTol·‖g‖_{M⁻¹}. Writes s and the residual
 * r = −g − H s; returns the number of Hessian-vector products and whether
 * s is an interior solution (CG met its tolerance inside the region).
 */
function steihaugCg(
  objective: Objective, g: Float64Array, M: Float64Array, delta: number, cgTol: number,
  s: Float64Array, r: Float64Array, w: { z: Float64Array; d: Float64Array; Hd: Float64Array },
): { products: number; interior: boolean } {
  const n = g.length;
  const { z, d, Hd } = w;
  s.fill(0);
  for (let i = 0; i < n; i++) {
    r[i] = -g[i];
    z[i] = r[i] / M[i];
    d[i] = z[i];
  }
  let zTr = dot(z, r);
  const stop = cgTol * Math.sqrt(zTr);
  let products = 0;
  for (let it = 0; it < n + 1; it++) {
    if (Math.sqrt(zTr) <= stop) break;
    objective.hessianVector!(d, Hd);
    products++;
    const dHd = dot(d, Hd);
    let alpha = zTr / dHd;
    axpy(alpha, d, s);
    if (!(dHd > 0) || dotScaled(s, s, M, 1) > delta * delta) {
      // Back to the boundary along d: solve ‖s + τd‖_M = delta for τ ≥ 0 from the previous s.
      axpy(-alpha, d, s);
      const std = dotScaled(s, d, M, 1);
      const sts = dotScaled(s, s, M, 1);
      const dtd = dotScaled(d, d, M, 1);
      const dsq = delta * delta;
      const rad = Math.sqrt(Math.max(0, std * std + dtd * (dsq - sts)));
      alpha = std >= 0 ? (dsq - sts) / (std + rad) : (rad - std) / dtd;
      axpy(alpha, d, s);
      axpy(-alpha, Hd, r);
      return { products, interior: false };
    }
    axpy(-alpha, Hd, r);
    for (let i = 0; i < n; i++) z[i] = r[i] / M[i];
    const zTrNew = dot(z, r);
    const beta = zTrNew / zTr;
    for (let i = 0; i < n; i++) d[i] = z[i] + beta * d[i];
    zTr = zTrNew;
  }
  return { products, interior: Math.sqrt(zTr) <= stop };
}
