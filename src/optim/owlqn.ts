import { type Objective } from '../objective/objective.js';
import { afterIteration, checkSolverOptions, gradientSmall, norm2, solverStatus, type SolverOptions, type SolverReason, type SolverStatus } from './status.js';
import { CurvaturePairs } from './curvature-pairs.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';

export interface OwlqnOptions extends SolverOptions {
  /** Correction pairs kept (default 10). */
  memory?: number;
}

const OWLQN_OPTION_NAMES = optionNames<OwlqnOptions>()(['tol', 'ftol', 'maxIter', 'onIteration', 'memory']);

/**
 * Orthant-wise limited-memory quasi-Newton (OWL-QN; Andrew & Gao, ICML 2007)
 * for F(x) = f(x) + λ Σ_{p penalized} |x_p|, f smooth: L-BFGS on f inside the
 * orthant of the current point, which makes weights exactly zero.
 *
 * - The pseudo-gradient ◇F: ∂f/∂x_p + λ·sign(x_p) off zero; at zero the
 *   one-sided derivative that decreases F (g + λ if < 0, g − λ if > 0), else 0.
 * - The direction −H·◇F (two-loop recursion on the pairs of f's gradients),
 *   with every component whose sign disagrees with −◇F set to 0.
 * - A backtracking line search along the projection onto the chosen orthant:
 *   coordinates that would cross zero stop at zero.
 *
 * Stops on ‖◇F‖∞ ≤ tol·max(1, |F|) ('gradient_tolerance': ◇F = 0 is the
 * optimality condition) or a relative decrease of F below ftol. Minimizes in
 * place; `penalized[p]` = 1 marks the coordinates under the L1 term.
 */
export function owlqn(objective: Objective, x: Float64Array, lambda: number, penalized: Uint8Array, options: OwlqnOptions = {}): SolverStatus {
  refuseUnknownOptions(options, OWLQN_OPTION_NAMES, 'owlqn');
  const { tol, ftol, maxIter } = checkSolverOptions(options, { tol: 1e-8, ftol: 1e-12, maxIter: 1000 });
  if (!(lambda >= 0 && Number.isFinite(lambda))) throw new RangeError(`l1 strength must be a finite number ≥ 0, got ${lambda}`);
  if (penalized.length !== x.length) throw new RangeError(`penalized mask has ${penalized.length} entries, the point ${x.length}`);
  const m = options.memory ?? 10;
  if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`memory must be an integer ≥ 1, got ${options.memory}`);
  const t0 = performance.now();
  const n = x.length;
  const g = new Float64Array(n);
  const pg = new Float64Array(n);
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const pairs = new CurvaturePairs(m, n);
  const l1 = (p: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) if (penalized[i]) s += Math.abs(p[i]);
    return lambda * s;
  };

  let F = objective.valueAndGradient(x, g) + l1(x);
  let evals = 1;
  pseudoGradient(x, g, lambda, penalized, pg);
  const g0 = norm2(pg);
  const trace = [F];
  let reason: SolverReason = 'max_iter';
  let iter = 0;
  if (gradientSmall(pg, F, tol)) reason = 'gradient_tolerance';
  while (reason === 'max_iter' && iter < maxIter) {
    // d = −H·◇F by the two-loop recursion, then kept only where it agrees in sign with −◇F.
    for (let i = 0; i < n; i++) d[i] = -pg[i];
    pairs.firstLoop(d);
    if (pairs.stored > 0) {
      const gamma = pairs.identityScale();
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    pairs.secondLoop(d);
    for (let i = 0; i < n; i++) if (d[i] * pg[i] >= 0) d[i] = 0;
    // Backtracking along the orthant projection: F(x⁺) ≤ F(x) + c₁·◇Fᵀ(x⁺ − x).
    let step = pairs.stored === 0 ? Math.min(1, 1 / norm2(pg)) : 1;
    let accepted = false;
    let FNew = F;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) {
        const orthant = x[i] !== 0 ? Math.sign(x[i]) : -Math.sign(pg[i]);
        const v = x[i] + step * d[i];
        xNew[i] = penalized[i] && v * orthant <= 0 ? 0 : v;
      }
      FNew = objective.valueAndGradient(xNew, gNew) + l1(xNew);
      evals++;
      let decrease = 0;
      for (let i = 0; i < n; i++) decrease += pg[i] * (xNew[i] - x[i]);
      if (Number.isFinite(FNew) && FNew <= F + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) {
      if (pairs.stored === 0) {
        reason = 'line_search_failed';
        break;
      }
      pairs.clear(); // forget the curvature pairs and retry along −◇F
      continue;
    }
    iter++;
    pairs.push(x, xNew, g, gNew);
    const FPrev = F;
    x.set(xNew);
    g.set(gNew);
    F = FNew;
    pseudoGradient(x, g, lambda, penalized, pg);
    trace.push(F);
    reason = afterIteration(options, iter, x, F, FPrev, pg, tol, ftol) ?? reason;
  }
  return solverStatus(reason, { iterations: iter, functionEvaluations: evals, hessianVectorProducts: 0 }, F, pg, g0, trace, t0);
}

/** ◇F: the gradient of f plus λ·sign(x) off zero, and at zero the steepest one-sided slope (0 inside [−λ, λ]). */
export function pseudoGradient(x: Float64Array, g: Float64Array, lambda: number, penalized: Uint8Array, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) {
    if (!penalized[i]) out[i] = g[i];
    else if (x[i] > 0) out[i] = g[i] + lambda;
    else if (x[i] < 0) out[i] = g[i] - lambda;
    else if (g[i] + lambda < 0) out[i] = g[i] + lambda;
    else if (g[i] - lambda > 0) out[i] = g[i] - lambda;
    else out[i] = 0;
  }
}
