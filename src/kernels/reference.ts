import type { DenseMatrix } from '../data/dense.js';
import { type Kernels } from './kernels.js';

/**
 * The plain TypeScript kernels: the readable reference that tests compare
 * faster kernels against.
 *
 * Both loops walk one example's features and skip zeros (about 81% of MNIST
 * pixels), touching W through its transpose Wᵀ (D×K) so that the K weights of
 * one feature are contiguous.
 */
export const referenceKernels: Kernels = {
  name: 'reference',

  linearForward(X, rows, W, b, K, Z) {
    const D = X.cols;
    const data = X.data;
    const n = rows ? rows.length : X.rows;
    const Wt = transpose(W, K, D);
    const z = new Float64Array(K);
    for (let r = 0; r < n; r++) {
      const off = (rows ? rows[r] : r) * D;
      z.fill(0);
      for (let j = 0; j < D; j++) {
        const v = data[off + j];
        if (v === 0) continue;
        const wo = j * K;
        for (let k = 0; k < K; k++) z[k] += v * Wt[wo + k];
      }
      const zo = r * K;
      for (let k = 0; k < K; k++) Z[zo + k] = z[k] * X.scale + (b ? b[k] : 0);
    }
  },

  linearBackward(X, rows, R, K, G, gb) {
    const D = X.cols;
    const data = X.data;
    const n = rows ? rows.length : X.rows;
    const Gt = new Float64Array(D * K);
    for (let r = 0; r < n; r++) {
      const off = (rows ? rows[r] : r) * D;
      const ro = r * K;
      for (let j = 0; j < D; j++) {
        const v = data[off + j];
        if (v === 0) continue;
        const go = j * K;
        for (let k = 0; k < K; k++) Gt[go + k] += v * R[ro + k];
      }
      if (gb) for (let k = 0; k < K; k++) gb[k] += R[ro + k];
    }
    const s = X.scale;
    for (let k = 0; k < K; k++) {
      const go = k * D;
      for (let j = 0; j < D; j++) G[go + j] += Gt[j * K + k] * s;
    }
  },
};

function transpose(W: Float64Array, K: number, D: number): Float64Array {
  const Wt = new Float64Array(D * K);
  for (let k = 0; k < K; k++) for (let j = 0; j < D; j++) Wt[j * K + k] = W[k * D + j];
  return Wt;
}
