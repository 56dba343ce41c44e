import { type Objective } from '../objective/objective.js';
import { strongWolfe } from './line-search.js';
import { type Preconditioner } from './preconditioner.js';
import { CurvaturePairs } from './curvature-pairs.js';
import { afterIteration, gradientSmall, startSolver, checkSolverOptions, dot, norm2, solverStatus, type SolverOptions, type SolverReason, type SolverStatus } from './status.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';

export interface LbfgsOptions extends SolverOptions {
  /** Correction pairs kept (default 10). */
  memory?: number;
  /**
   * The initial inverse Hessian H₀ = γ·M⁻¹ of the two-loop recursion, e.g. the
   * objective's fixed preconditioner (`objective.preconditioner('fixed')`:
   * Böhning's bound for softmax regression). Default none: H₀ = γ·I.
   */
  preconditioner?: Preconditioner | null;
}

const LBFGS_OPTION_NAMES = optionNames<LbfgsOptions>()(['tol', 'ftol', 'maxIter', 'onIteration', 'memory', 'preconditioner']);

/**
 * Limited-memory BFGS (Nocedal & Wright, Algorithm 7.5) with the two-loop
 * recursion, initial scaling γ = sᵀy / yᵀy, and a strong Wolfe line search.
 * Minimizes in place: x holds the solution on return.
 */
export function lbfgs(objective: Objective, x: Float64Array, options: LbfgsOptions = {}): SolverStatus {
  refuseUnknownOptions(options, LBFGS_OPTION_NAMES, 'lbfgs');
  const { tol, ftol, maxIter } = checkSolverOptions(options, { tol: 1e-6, ftol: 1e-12, maxIter: 1000 });
  const m = options.memory ?? 10;
  if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`memory must be an integer ≥ 1, got ${options.memory}`);
  const n = x.length;
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const pairs = new CurvaturePairs(m, n);
  const evaluate = (p: Float64Array, grad: Float64Array) => objective.valueAndGradient(p, grad);
  const M = options.preconditioner ?? null;
  M?.refresh();
  const Md = M ? new Float64Array(n) : d;

  const start = startSolver(objective, x);
  const { g, g0, trace, startedAt: t0 } = start;
  let f = start.f;
  let evals = 1;
  let gnorm = g0;
  let reason: SolverReason = 'max_iter';
  let iter = 0;
  if (gradientSmall(g, f, tol)) reason = 'gradient_tolerance';
  else {
    while (iter < maxIter) {
      // d = −H·g by the two-loop recursion.
      for (let i = 0; i < n; i++) d[i] = -g[i];
      pairs.firstLoop(d);
      if (M) {
        // H₀ = γ·M⁻¹ with γ = sᵀy / yᵀM⁻¹y (γ = 1 before any pair).
        M.solve(d, Md);
        d.set(Md);
        if (pairs.stored > 0) {
          const s = pairs.S[pairs.newest];
          const y = pairs.Y[pairs.newest];
          M.solve(y, Md);
          const gamma = dot(s, y) / dot(y, Md);
          for (let i = 0; i < n; i++) d[i] *= gamma;
        }
      } else if (pairs.stored > 0) {
        const gamma = pairs.identityScale();
        for (let i = 0; i < n; i++) d[i] *= gamma;
      }
      pairs.secondLoop(d);
      // First iteration: a step of length 1 in the gradient's direction (the scale is unknown).
      const step0 = pairs.stored === 0 && !M ? Math.min(1, 1 / gnorm) : 1;
      const ls = strongWolfe(evaluate, x, f, g, d, xNew, gNew, step0);
      evals += ls.evaluations;
      if (!ls.ok) {
        if (pairs.stored === 0) {
          reason = 'line_search_failed';
          break;
        }
        pairs.clear(); // forget the curvature pairs and retry along −g
        continue;
      }
      iter++;
      pairs.push(x, xNew, g, gNew);
      const fPrev = f;
      x.set(xNew);
      g.set(gNew);
      f = ls.value;
      gnorm = norm2(g);
      trace.push(f);
      const stop = afterIteration(options, iter, x, f, fPrev, g, tol, ftol);
      if (stop) {
        reason = stop;
        break;
      }
    }
  }
  return solverStatus(reason, { iterations: iter, functionEvaluations: evals, hessianVectorProducts: 0 }, f, g, g0, trace, t0);
}
