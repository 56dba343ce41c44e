import { type Objective } from '../objective/objective.js';
import { strongWolfe } from './line-search.js';
import { afterIteration, gradientSmall, startSolver, axpy, checkSolverOptions, dot, norm2, solverStatus, type SolverOptions, type SolverReason, type SolverStatus } from './status.js';

export interface LbfgsOptions extends SolverOptions {
  /** Correction pairs kept (default 10). */
  memory?: number;
}

/**
 * Limited-memory BFGS (Nocedal & Wright, Algorithm 7.5) with the two-loop
 * recursion, initial scaling γ = sᵀy / yᵀy, and a strong Wolfe line search.
 * Minimizes in place: x holds the solution on return.
 */
export function lbfgs(objective: Objective, x: Float64Array, options: LbfgsOptions = {}): SolverStatus {
  const { tol, ftol, maxIter } = checkSolverOptions(options, { tol: 1e-6, ftol: 1e-12, maxIter: 1000 });
  const m = options.memory ?? 10;
  if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`memory must be an integer ≥ 1, got ${options.memory}`);
  const n = x.length;
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const S = Array.from({ length: m }, () => new Float64Array(n));
  const Y = Array.from({ length: m }, () => new Float64Array(n));
  const rhos = new Float64Array(m);
  const alphas = new Float64Array(m);
  let stored = 0;
  let newest = -1;
  const evaluate = (p: Float64Array, grad: Float64Array) => objective.valueAndGradient(p, grad);

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
      for (let t = 0; t < stored; t++) {
        const j = (newest - t + m) % m;
        alphas[j] = rhos[j] * dot(S[j], d);
        axpy(-alphas[j], Y[j], d);
      }
      if (stored > 0) {
        const gamma = dot(S[newest], Y[newest]) / dot(Y[newest], Y[newest]);
        for (let i = 0; i < n; i++) d[i] *= gamma;
      }
      for (let t = stored - 1; t >= 0; t--) {
        const j = (newest - t + m) % m;
        const beta = rhos[j] * dot(Y[j], d);
        axpy(alphas[j] - beta, S[j], d);
      }
      // First iteration: a step of length 1 in the gradient's direction (the scale is unknown).
      const step0 = stored === 0 ? Math.min(1, 1 / gnorm) : 1;
      const ls = strongWolfe(evaluate, x, f, g, d, xNew, gNew, step0);
      evals += ls.evaluations;
      if (!ls.ok) {
        if (stored === 0) {
          reason = 'line_search_failed';
          break;
        }
        stored = 0; // forget the curvature pairs and retry along −g
        continue;
      }
      iter++;
      const next = (newest + 1) % m;
      for (let i = 0; i < n; i++) {
        S[next][i] = xNew[i] - x[i];
        Y[next][i] = gNew[i] - g[i];
      }
      const sy = dot(S[next], Y[next]);
      if (sy > 1e-12 * norm2(S[next]) * norm2(Y[next])) {
        rhos[next] = 1 / sy;
        newest = next;
        stored = Math.min(stored + 1, m);
      }
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
