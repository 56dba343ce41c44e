/**
 * How a full-batch solver stopped. 'converged' and 'relative_decrease' are
 * convergence (the gradient tolerance met, or the objective stationary to
 * ftol relative: rounding now dominates its changes); the others are not.
 */
export type SolverReason =
  /** ‖∇f‖ ≤ tol·‖∇f(x₀)‖ */
  | 'converged'
  /** the relative decrease of f fell below ftol: progress stalled before the gradient tolerance */
  | 'relative_decrease'
  /** maxIter iterations were run */
  | 'max_iter'
  /** the line search (or trust region) could not find a decrease: usually rounding at the optimum */
  | 'line_search_failed'
  /** stopped by the caller's callback (e.g. early stopping on validation data) */
  | 'callback';

export interface SolverStatus {
  reason: SolverReason;
  /** True for 'converged' and 'relative_decrease'. */
  converged: boolean;
  iterations: number;
  /** Objective (and gradient) evaluations. */
  functionEvaluations: number;
  /** Hessian-vector products (Newton–CG only). */
  hessianVectorProducts: number;
  value: number;
  gradientNorm: number;
  initialGradientNorm: number;
  /** Objective after each iteration (index 0: the start). */
  trace: number[];
  seconds: number;
}

export interface SolverOptions {
  /** Relative gradient tolerance: stop when ‖∇f‖ ≤ tol·‖∇f(x₀)‖. */
  tol?: number;
  /** Stop when (f_prev − f) ≤ ftol·max(|f_prev|, |f|, 1). */
  ftol?: number;
  /** Upper bound on iterations. */
  maxIter?: number;
  /** Called after every iteration with the current point; return true to stop. */
  onIteration?: (iteration: number, x: Float64Array, value: number, gradientNorm: number) => boolean | void;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function norm2(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

/** y += a·x */
export function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] += a * x[i];
}

export function checkSolverOptions(o: SolverOptions, defaults: { tol: number; ftol: number; maxIter: number }) {
  const tol = o.tol ?? defaults.tol;
  const ftol = o.ftol ?? defaults.ftol;
  const maxIter = o.maxIter ?? defaults.maxIter;
  if (!(tol >= 0 && Number.isFinite(tol))) throw new RangeError(`tol must be a finite number ≥ 0, got ${o.tol}`);
  if (!(ftol >= 0 && Number.isFinite(ftol))) throw new RangeError(`ftol must be a finite number ≥ 0, got ${o.ftol}`);
  if (!(Number.isInteger(maxIter) && maxIter >= 1)) throw new RangeError(`maxIter must be an integer ≥ 1, got ${o.maxIter}`);
  return { tol, ftol, maxIter };
}

/**
 * The checks after an accepted iteration, the same in every solver: the
 * caller's callback, the gradient tolerance, then the relative decrease.
 * Returns the reason to stop, or null to go on.
 */
export function afterIteration(
  options: SolverOptions, iteration: number, x: Float64Array, f: number, fPrev: number,
  gnorm: number, g0: number, tol: number, ftol: number,
): SolverReason | null {
  if (options.onIteration?.(iteration, x, f, gnorm)) return 'callback';
  if (gnorm <= tol * g0) return 'converged';
  if (fPrev - f <= ftol * Math.max(Math.abs(fPrev), Math.abs(f), 1)) return 'relative_decrease';
  return null;
}

/** The status a solver returns. */
export function solverStatus(
  reason: SolverReason,
  counts: { iterations: number; functionEvaluations: number; hessianVectorProducts: number },
  value: number, gradientNorm: number, initialGradientNorm: number, trace: number[], startedAt: number,
): SolverStatus {
  return {
    reason, converged: reason === 'converged' || reason === 'relative_decrease', ...counts,
    value, gradientNorm, initialGradientNorm, trace, seconds: (performance.now() - startedAt) / 1000,
  };
}

/** The first evaluation every solver makes: f(x₀), ∇f(x₀) into g, its norm, and the trace. */
export function startSolver(objective: { valueAndGradient(x: Float64Array, g: Float64Array): number }, x: Float64Array) {
  const startedAt = performance.now();
  const g = new Float64Array(x.length);
  const f = objective.valueAndGradient(x, g);
  const g0 = norm2(g);
  return { g, f, g0, trace: [f], startedAt };
}
