import { type Matrix } from '../data/csr.js';
import { type CostMatrix } from '../losses/multiclass-hinge.js';
import { defaultKernels } from '../kernels/select.js';

/**
 * The Crammer–Singer primal with costs at given weights, in LIBLINEAR's scale:
 *
 *   P(W, b) = ½(‖W‖² + ‖b‖²/B²) + C Σᵢ wᵢ max_m [ℓ(yᵢ, m) + z_m − z_{yᵢ}],   z = W xᵢ + b,
 *
 * where b = B·(weights of the constant bias feature of value B), so ‖b‖²/B²
 * is the penalty on those weights (b null, or B = 0: no bias). An
 * evaluation independent of the dual solver, through the model's kernels.
 */
export function crammerSingerPrimal(
  X: Matrix, y: Int32Array, K: number, W: Float64Array, b: Float64Array | null, C: number,
  options: { costs?: CostMatrix | null; sampleWeight?: Float64Array | null; bias?: number } = {},
): number {
  const Z = new Float64Array(X.rows * K);
  defaultKernels().linearForward(X, null, W, b, K, Z);
  let hinge = 0;
  for (let i = 0; i < X.rows; i++) {
    const yi = y[i];
    let worst = 0;
    for (let m = 0; m < K; m++) {
      if (m === yi) continue;
      const cost = options.costs ? options.costs[yi * K + m] : 1;
      worst = Math.max(worst, cost + Z[i * K + m] - Z[i * K + yi]);
    }
    hinge += (options.sampleWeight ? options.sampleWeight[i] : 1) * worst;
  }
  let sq = 0;
  for (let p = 0; p < W.length; p++) sq += W[p] * W[p];
  if (b) {
    const B = options.bias ?? 1;
    for (let k = 0; k < K; k++) sq += (b[k] / B) ** 2;
  }
  return 0.5 * sq + C * hinge;
}
