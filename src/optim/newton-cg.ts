import { type Objective } from '../objective/objective.js';
import { diagonalPreconditioner, type Preconditioner } from './preconditioner.js';
import { QuasiNewtonPreconditioner } from './quasi-newton-preconditioner.js';
import { cgWork, steihaugCg } from './steihaug-cg.js';
import { afterIteration, gradientSmall, startSolver, axpy, checkSolverOptions, dot, norm2, solverStatus, type SolverOptions, type SolverReason, type SolverStatus } from './status.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';

export interface NewtonOptions extends SolverOptions {
  /** CG stops when its residual falls below cgTol times the first one (default 0.1, LIBLINEAR's value). */
  cgTol?: number;
  /** Mixing of the diagonal preconditioner: M = (1 − α)·I + α·diag(H) (default 0.01, as LIBLINEAR). */
  preconditionerMix?: number;
  /**
   * Stop ('newton_decrement') after an accepted step from an unconstrained CG
   * solve whose predicted decrease ½λ² ≈ f − f* was at most
   * decrementTol·max(1, |f|) (default 1e-10·(tol/1e-8)²: 1e-10 at the training default tol = 1e-8,
   * and tighter with tol, since f − f* shrinks with the square of the gradient; 0 turns the test off).
   */
  decrementTol?: number;
  /**
   * Refine the preconditioner with up to this many pairs (d, Hd) from the
   * previous step's CG solve, by L-BFGS updating (QuasiNewtonPreconditioner;
   * default 32, fewer when the 4·m·n values of the pairs in use and being collected would pass 16 MiB; 0: off).
   */
  preconditionerPairs?: number;
  /**
   * The CG preconditioner: default the objective's own (e.g. the Kronecker
   * bound of softmax regression when the features are few), else the diagonal one.
   */
  preconditioner?: Preconditioner;
}

const NEWTON_OPTION_NAMES = optionNames<NewtonOptions>()(['tol', 'ftol', 'maxIter', 'onIteration', 'cgTol', 'preconditionerMix', 'decrementTol', 'preconditionerPairs', 'preconditioner']);

/**
 * Trust-region Newton–CG (TRON: Lin & Moré 1999; LIBLINEAR's newton solver):
 * each iteration solves the Newton system H s = −g approximately by
 * preconditioned conjugate gradients (Steihaug–Toint), inside a trust region
 * measured in the preconditioner's norm, using only Hessian-vector products.
 * The objective must provide hessianVector (and hessianDiagonal for the
 * diagonal preconditioner; without it M = I). Minimizes in place.
 */
export function newtonCg(objective: Objective, x: Float64Array, options: NewtonOptions = {}): SolverStatus {
  refuseUnknownOptions(options, NEWTON_OPTION_NAMES, 'newton');
  const { tol, ftol, maxIter } = checkSolverOptions(options, { tol: 1e-6, ftol: 1e-12, maxIter: 200 });
  if (!objective.hessianVector) throw new RangeError('newton: this objective has no Hessian-vector product');
  const cgTol = options.cgTol ?? 0.1;
  const decrementTol = options.decrementTol ?? 1e-10 * (tol / 1e-8) ** 2;
  if (!(decrementTol >= 0 && Number.isFinite(decrementTol))) throw new RangeError(`decrementTol must be a finite number ≥ 0, got ${options.decrementTol}`);
  const mix = options.preconditionerMix ?? 0.01;
  if (options.preconditionerPairs !== undefined && !(Number.isInteger(options.preconditionerPairs) && options.preconditionerPairs >= 0)) {
    throw new RangeError(`preconditionerPairs must be an integer ≥ 0, got ${options.preconditionerPairs}`);
  }
  const eta0 = 1e-4, eta1 = 0.25, eta2 = 0.75;
  const sigma1 = 0.25, sigma2 = 0.5, sigma3 = 4;
  const n = x.length;
  const s = new Float64Array(n);
  const r = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const cg = cgWork(n);
  let hvps = 0;

  const start = startSolver(objective, x);
  const { g, g0, trace, startedAt: t0 } = start;
  let f = start.f;
  let evals = 1;
  let reason: SolverReason = 'max_iter';
  let iter = 0;
  const baseM = options.preconditioner ?? objective.preconditioner?.('refreshed') ?? diagonalPreconditioner(objective, mix);
  const pairs = QuasiNewtonPreconditioner.pairsFor(n, options.preconditionerPairs ?? 32);
  const M = pairs > 0 ? new QuasiNewtonPreconditioner(baseM, n, pairs) : baseM;
  M.refresh();
  M.solve(g, cg.z);
  let delta = Math.sqrt(dot(g, cg.z)); // ‖g‖ in the M⁻¹ norm
  if (gradientSmall(g, f, tol)) reason = 'gradient_tolerance';
  while (reason === 'max_iter' && iter < maxIter) {
    const solve = steihaugCg(objective, g, M, delta, cgTol, s, r, cg);
    hvps += solve.products;
    xNew.set(x);
    axpy(1, s, xNew);
    const gs = dot(g, s);
    const prered = -0.5 * (gs - dot(s, r));
    if (!Number.isFinite(prered)) {
      // Non-finite Hessian products: the quadratic model is broken and no step can be judged.
      reason = 'line_search_failed';
      break;
    }
    const fNew = objective.valueAndGradient(xNew, gNew);
    evals++;
    const actred = f - fNew;
    const snorm = Math.sqrt(solve.stepNormSq);
    if (iter === 0) delta = Math.min(delta, snorm);
    // Step-size factor from a quadratic fit of f along s, then the trust-region update.
    const alpha = fNew - f - gs <= 0 ? sigma3 : Math.max(sigma1, -0.5 * (gs / (fNew - f - gs)));
    if (!Number.isFinite(fNew) || actred < eta0 * prered) delta = Math.min(Math.max(alpha, sigma1) * snorm, sigma2 * delta);
    else if (actred < eta1 * prered) delta = Math.max(sigma1 * delta, Math.min(alpha * snorm, sigma2 * delta));
    else if (actred < eta2 * prered) delta = Math.max(sigma1 * delta, Math.min(alpha * snorm, sigma3 * delta));
    // A very successful step stopped by the boundary: the region was too small, so enlarge it
    // whatever the quadratic fit says (LIBLINEAR's TRON since 2.11; Hsia, Zhu & Lin 2017).
    else if (solve.onBoundary) delta = sigma3 * delta;
    else delta = Math.max(delta, Math.min(alpha * snorm, sigma3 * delta));

    const accepted = Number.isFinite(fNew) && actred > eta0 * prered;
    // A step that lands on the optimum can raise f by an ulp: a trial point that passes the
    // gradient test with its value equal to f up to rounding is taken too (and the run stops).
    const atOptimum = !accepted && Number.isFinite(fNew) && Math.abs(actred) <= 1e-12 * Math.abs(f) && gradientSmall(gNew, fNew, tol);
    if (accepted || atOptimum) {
      iter++;
      x.set(xNew);
      g.set(gNew);
      const fPrev = f;
      f = fNew;
      trace.push(f);
      // The decrement test: the quadratic model, minimized inside the region, predicted f − f* ≈ prered.
      const stop = afterIteration(options, iter, x, f, fPrev, g, tol, ftol)
        ?? (accepted && solve.interior && prered <= decrementTol * Math.max(1, Math.abs(fPrev)) ? 'newton_decrement' : null);
      if (stop) reason = stop;
      else M.refresh();
    } else {
      // Rejected: the objective must be re-evaluated at x for the next Hessian products.
      objective.valueAndGradient(x, gNew);
      evals++;
      // A NaN radius fails the test too, instead of rejecting steps forever.
      if (!(delta > 1e-14 * Math.max(1, norm2(x))) || (Math.abs(actred) <= 1e-14 * Math.abs(f) && Math.abs(prered) <= 1e-14 * Math.abs(f))) {
        reason = 'line_search_failed';
      }
    }
  }
  return solverStatus(reason, { iterations: iter, functionEvaluations: evals, hessianVectorProducts: hvps }, f, g, g0, trace, t0);
}
