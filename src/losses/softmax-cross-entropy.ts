import { softmaxInto } from '../math/softmax.js';
import { type ScoreLoss } from './loss.js';

/**
 * Softmax cross-entropy on scores:
 *
 *   Lᵢ = −log softmax(zᵢ)_{yᵢ} = log Σₖ exp(zᵢₖ) − zᵢ,yᵢ
 *   ∂Lᵢ/∂zᵢₖ = softmax(zᵢ)ₖ − 1[k = yᵢ]        (softmax − one-hot)
 *
 * computed through log-sum-exp, so scores of ±1e4 neither overflow nor lose
 * the loss to rounding. dZ may be Z itself (in place).
 */
export const softmaxCrossEntropy: ScoreLoss = {
  name: 'softmax-cross-entropy',
  lossAndGradient(Z, K, y, rows, dZ, sampleWeight) {
    const n = Z.length / K;
    const p = dZ ?? new Float64Array(K);
    let total = 0;
    for (let r = 0; r < n; r++) {
      const i = rows ? rows[r] : r;
      const yi = y[i];
      const zo = r * K;
      const po = dZ ? zo : 0;
      const zy = Z[zo + yi]; // read before softmaxInto, which may write over Z when dZ === Z
      const lse = softmaxInto(Z, zo, K, p, po);
      const w = sampleWeight ? sampleWeight[i] : 1;
      total += w * (lse - zy);
      if (dZ) {
        dZ[po + yi] -= 1;
        if (w !== 1) for (let k = 0; k < K; k++) dZ[po + k] *= w;
      }
    }
    return total;
  },

  // ∇²_z L = diag(p) − p pᵀ, so (∇²L·u)ₖ = pₖ (uₖ − pᵀu).
  hessianVectorOnScores(Z, K, y, rows, U, out, sampleWeight) {
    const n = Z.length / K;
    const p = new Float64Array(K);
    for (let r = 0; r < n; r++) {
      const o = r * K;
      softmaxInto(Z, o, K, p, 0);
      let pu = 0;
      for (let k = 0; k < K; k++) pu += p[k] * U[o + k];
      const w = sampleWeight ? sampleWeight[rows ? rows[r] : r] : 1;
      for (let k = 0; k < K; k++) out[o + k] = w * p[k] * (U[o + k] - pu);
    }
  },

  // diag(∇²_z L)ₖ = pₖ (1 − pₖ).
  hessianDiagonalOnScores(Z, K, y, rows, out, sampleWeight) {
    const n = Z.length / K;
    for (let r = 0; r < n; r++) {
      const o = r * K;
      softmaxInto(Z, o, K, out, o);
      const w = sampleWeight ? sampleWeight[rows ? rows[r] : r] : 1;
      for (let k = 0; k < K; k++) out[o + k] = w * out[o + k] * (1 - out[o + k]);
    }
  },
};
