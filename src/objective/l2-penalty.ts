/**
 * The L2 penalty (λ/2)‖θ_penalised‖² of an objective: returns it and, when
 * grad is given, adds its gradient λθ on the penalised parameters.
 */
export function addL2Penalty(theta: Float64Array, mask: Uint8Array, l2: number, grad: Float64Array | null): number {
  if (!(l2 > 0)) return 0;
  let sq = 0;
  for (let p = 0; p < theta.length; p++) {
    if (!mask[p]) continue;
    sq += theta[p] * theta[p];
    if (grad) grad[p] += l2 * theta[p];
  }
  return 0.5 * l2 * sq;
}

/** Second-order results scaled like the objective, plus the penalty's curvature: out = s·out + λ·(v or 1) on penalised parameters. */
export function finishSecondOrder(out: Float64Array, v: Float64Array | null, scale: number, mask: Uint8Array, l2: number): void {
  for (let p = 0; p < out.length; p++) {
    out[p] *= scale;
    if (mask[p] && l2 > 0) out[p] += l2 * (v ? v[p] : 1);
  }
}
