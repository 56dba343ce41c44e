/**
 * A differentiable objective over a flat parameter vector. Full-batch solvers
 * see only this: they know nothing of classes, data or losses.
 */
export interface Objective {
  readonly numParams: number;
  value(theta: Float64Array): number;
  /** Returns the value and writes the gradient into grad (overwritten). */
  valueAndGradient(theta: Float64Array, grad: Float64Array): number;
}
