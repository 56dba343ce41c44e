import { effectiveRate, type OptimizerState } from './stochastic.js';

/**
 * L1 for minibatch optimizers by the cumulative-penalty truncated gradient
 * (Tsuruoka, Tsujii & Ananiadou, ACL 2009): after each step, weight p is
 * pulled toward zero by the penalty it should have received so far,
 * uₚ = Σ_t ηₚ,t·l1, minus what it actually received, qₚ, and clipped at
 * zero instead of crossing it:
 *
 *   θₚ > 0: θₚ ← max(0, θₚ − (uₚ + qₚ));   θₚ < 0: θₚ ← min(0, θₚ + (uₚ − qₚ));   qₚ += θₚ(new) − θₚ(old).
 *
 * Unlike a plain proximal step, the noise of one minibatch cannot keep a
 * weight away from zero: the penalty it skipped is remembered, so weights
 * the data does not support end exactly at 0. ηₚ,t is the optimizer's
 * effective rate for p (AdaGrad's per-parameter rate). uₚ and qₚ live in the
 * optimizer state's slots, so checkpoints resume exactly. penalized[p] = 1
 * marks the weights under the penalty (never the biases).
 */
export function cumulativeL1(theta: Float64Array, penalized: Uint8Array, state: OptimizerState, lr: number, l1: number): void {
  const u = (state.slots.l1Total ??= new Float64Array(theta.length));
  const q = (state.slots.l1Applied ??= new Float64Array(theta.length));
  for (let p = 0; p < theta.length; p++) {
    if (!penalized[p]) continue;
    u[p] += effectiveRate(state, p, lr) * l1;
    const z = theta[p];
    if (z > 0) theta[p] = Math.max(0, z - (u[p] + q[p]));
    else if (z < 0) theta[p] = Math.min(0, z + (u[p] - q[p]));
    q[p] += theta[p] - z;
  }
}
