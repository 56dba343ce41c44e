import { type ScoreLoss } from './loss.js';

/**
 * Binary logistic loss on one score per example (K = 1): with gold class
 * yᵢ ∈ {0, 1} and s = 2yᵢ − 1,
 *
 *   Lᵢ = log(1 + exp(−s·z)),   ∂L/∂z = σ(z) − yᵢ,   ∂²L/∂z² = σ(z)(1 − σ(z)),
 *
 * computed stably (log1p of exp of a non-positive number). This is softmax
 * cross-entropy over two classes with the second score fixed at 0.
 */
export const binaryLogistic: ScoreLoss = {
  name: 'binary-logistic',
  lossAndGradient(Z, K, y, rows, dZ, sampleWeight) {
    if (K !== 1) throw new RangeError(`binary logistic loss takes one score per example, got ${K}`);
    let total = 0;
    for (let r = 0; r < Z.length; r++) {
      const i = rows ? rows[r] : r;
      const z = Z[r];
      const s = y[i] === 1 ? 1 : -1;
      const w = sampleWeight ? sampleWeight[i] : 1;
      total += w * softplus(-s * z);
      if (dZ) dZ[r] = w * (sigmoid(z) - (y[i] === 1 ? 1 : 0));
    }
    return total;
  },
  hessianVectorOnScores(Z, K, y, rows, U, out, sampleWeight) {
    for (let r = 0; r < Z.length; r++) {
      const p = sigmoid(Z[r]);
      const w = sampleWeight ? sampleWeight[rows ? rows[r] : r] : 1;
      out[r] = w * p * (1 - p) * U[r];
    }
  },
  hessianDiagonalOnScores(Z, K, y, rows, out, sampleWeight) {
    for (let r = 0; r < Z.length; r++) {
      const p = sigmoid(Z[r]);
      out[r] = (sampleWeight ? sampleWeight[rows ? rows[r] : r] : 1) * p * (1 - p);
    }
  },
};

/** log(1 + eˣ) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** 1 / (1 + e⁻ˣ) without overflow. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
