/**
 * How a full-batch solver stopped, naming the test that fired.
 * 'gradient_tolerance', 'newton_decrement' and 'relative_decrease' are
 * convergence; the others are not. No test depends on the starting point:
 * a solver started far away (huge ‖∇f(x₀)‖, as on unscaled features) must
 * reach the same accuracy as one started close.
 */
export type SolverReason =
  /** ‖∇f‖∞ ≤ tol·max(1, |f|): scikit-learn's max |gᵢ| test, relative to the objective's size */
  | 'gradient_tolerance'
  /**
   * Newton–CG: the step just taken came from an unconstrained CG solve whose
   * predicted decrease −(gᵀs + ½sᵀHs) ≈ ½λ² (λ the Newton decrement, an
   * estimate of f − f*) was at most decrementTol·max(1, |f|): the objective
   * is then optimal to that relative accuracy before the step, and
   * (Newton's quadratic convergence) far better after it.
   */
  | 'newton_decrement'
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
  /** True for 'gradient_tolerance', 'newton_decrement' and 'relative_decrease'. */
  converged: boolean;
  iterations: number;
  /** Objective (and gradient) evaluations. */
  functionEvaluations: number;
  /** Hessian-vector products (Newton–CG only). */
  hessianVectorProducts: number;
  value: number;
  /** ‖∇f‖₂ at the end. */
  gradientNorm: number;
  /** ‖∇f‖∞ = maxᵢ |gᵢ| at the end (the quantity of the gradient test). */
  gradientMaxNorm: number;
  initialGradientNorm: number;
  /** Objective after each iteration (index 0: the start). */
  trace: number[];
  seconds: number;
}

export interface SolverOptions {
  /** Gradient tolerance: stop when ‖∇f‖∞ ≤ tol·max(1, |f|). */
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

/** maxᵢ |aᵢ| */
export function normInf(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m) m = v;
  }
  return m;
}

/** The gradient test: ‖g‖∞ ≤ tol·max(1, |f|), invariant to where the solver started and (above 1) to the objective's scale. */
export function gradientSmall(g: Float64Array, f: number, tol: number): boolean {
  return normInf(g) <= tol * Math.max(1, Math.abs(f));
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
  g: Float64Array, tol: number, ftol: number,
): SolverReason | null {
  if (options.onIteration?.(iteration, x, f, norm2(g))) return 'callback';
  if (gradientSmall(g, f, tol)) return 'gradient_tolerance';
  if (fPrev - f <= ftol * Math.max(Math.abs(fPrev), Math.abs(f), 1)) return 'relative_decrease';
  return null;
}

/** The status a solver returns. */
export function solverStatus(
  reason: SolverReason,
  counts: { iterations: number; functionEvaluations: number; hessianVectorProducts: number },
  value: number, g: Float64Array, initialGradientNorm: number, trace: number[], startedAt: number,
): SolverStatus {
  return {
    reason, converged: isConvergence(reason), ...counts,
    value, gradientNorm: norm2(g), gradientMaxNorm: normInf(g), initialGradientNorm, trace, seconds: (performance.now() - startedAt) / 1000,
  };
}

/** Whether a stop reason is one of the convergence tests. */
export function isConvergence(reason: string): boolean {
  return reason === 'gradient_tolerance' || reason === 'newton_decrement' || reason === 'relative_decrease' || reason === 'duality_gap';
}

/** The first evaluation every solver makes: f(x₀), ∇f(x₀) into g, its norm, and the trace. */
export function startSolver(objective: { valueAndGradient(x: Float64Array, g: Float64Array): number }, x: Float64Array) {
  const startedAt = performance.now();
  const g = new Float64Array(x.length);
  const f = objective.valueAndGradient(x, g);
  const g0 = norm2(g);
  return { g, f, g0, trace: [f], startedAt };
}
