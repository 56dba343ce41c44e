import { type Objective } from '../objective/objective.js';
import { backtracking } from './line-search.js';
import { afterIteration, gradientSmall, startSolver, checkSolverOptions, solverStatus, type SolverOptions, type SolverReason, type SolverStatus } from './status.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';

export interface GradientDescentOptions extends SolverOptions {
  /** First step tried each iteration (default 1); the line search halves it until f decreases enough. */
  learningRate?: number;
}

const GD_OPTION_NAMES = optionNames<GradientDescentOptions>()(['tol', 'ftol', 'maxIter', 'onIteration', 'learningRate']);

/**
 * Full-batch gradient descent x ← x − α∇f(x) with a backtracking (Armijo)
 * line search starting from the learning rate: with a small enough rate this
 * is exactly fixed-step gradient descent, and a rate that is too large
 * is cut back instead of diverging. Minimizes in place.
 */
export function gradientDescent(objective: Objective, x: Float64Array, options: GradientDescentOptions = {}): SolverStatus {
  refuseUnknownOptions(options, GD_OPTION_NAMES, 'gradient descent');
  const { tol, ftol, maxIter } = checkSolverOptions(options, { tol: 1e-6, ftol: 0, maxIter: 1000 });
  const lr = options.learningRate ?? 1;
  if (!(lr > 0 && Number.isFinite(lr))) throw new RangeError(`learningRate must be a finite number > 0, got ${options.learningRate}`);
  const n = x.length;
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const evaluate = (p: Float64Array, grad: Float64Array) => objective.valueAndGradient(p, grad);
  const start = startSolver(objective, x);
  const { g, g0, trace, startedAt: t0 } = start;
  let f = start.f;
  let evals = 1;
  let reason: SolverReason = 'max_iter';
  let iter = 0;
  if (gradientSmall(g, f, tol)) reason = 'gradient_tolerance';
  while (reason === 'max_iter' && iter < maxIter) {
    for (let i = 0; i < n; i++) d[i] = -g[i];
    const ls = backtracking(evaluate, x, f, g, d, xNew, gNew, lr);
    evals += ls.evaluations;
    if (!ls.ok) {
      reason = 'line_search_failed';
      break;
    }
    iter++;
    const fPrev = f;
    x.set(xNew);
    g.set(gNew);
    f = ls.value;
    trace.push(f);
    reason = afterIteration(options, iter, x, f, fPrev, g, tol, ftol) ?? reason;
  }
  return solverStatus(reason, { iterations: iter, functionEvaluations: evals, hessianVectorProducts: 0 }, f, g, g0, trace, t0);
}
