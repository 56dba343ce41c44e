import { type Preconditioner } from '../optim/preconditioner.js';

/**
 * A differentiable objective over a flat parameter vector. Full-batch solvers
 * see only this: they know nothing of classes, data or losses.
 */
export interface Objective {
  readonly numParams: number;
  value(theta: Float64Array): number;
  /** Returns the value and writes the gradient into grad (overwritten). */
  valueAndGradient(theta: Float64Array, grad: Float64Array): number;
  /** H·v, the Hessian at the θ of the last valueAndGradient call times v (out overwritten). */
  hessianVector?(v: Float64Array, out: Float64Array): void;
  /** The diagonal of that Hessian (or of its Gauss–Newton part), for preconditioning. */
  hessianDiagonal?(out: Float64Array): void;
  /**
   * A preconditioner built from the objective's structure, or null: 'refreshed'
   * may follow the current point (Newton–CG refreshes it after each step),
   * 'fixed' must not (L-BFGS's initial inverse Hessian).
   */
  preconditioner?(kind: 'fixed' | 'refreshed'): Preconditioner | null;
}
