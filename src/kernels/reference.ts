import type { Matrix } from '../data/csr.js';
import { softmaxCrossEntropy } from '../losses/softmax-cross-entropy.js';
import { softmaxInto } from '../math/softmax.js';
import { type CholeskyFactor, type Kernels } from './kernels.js';
import { choleskyInPlace, gramMatrix, solveCholeskyRows } from '../math/gram.js';

/**
 * The plain TypeScript kernels: the readable reference that tests compare
 * the WebAssembly kernels against. Straight loops in float64, in the order
 * the formulas read; the CSR loops visit only the stored non-zeros.
 */
export const referenceKernels: Kernels = {
  name: 'reference',

  linearForward(X, rows, W, b, K, Z) {
    const n = rows ? rows.length : X.rows;
    for (let r = 0; r < n; r++) {
      const i = rows ? rows[r] : r;
      for (let k = 0; k < K; k++) Z[r * K + k] = dotRow(X, i, W, k * X.cols) + (b ? b[k] : 0);
    }
  },

  linearBackward(X, rows, R, K, G, gb) {
    backwardRows(X, rows, R, K, G, gb, false);
  },

  linearBackwardSquared(X, rows, R, K, G, gb) {
    backwardRows(X, rows, R, K, G, gb, true);
  },

  linearSoftmaxStep(X, rows, y, sampleWeight, W, b, K, G, gb, P) {
    const n = rows ? rows.length : X.rows;
    const Z = new Float64Array(n * K);
    this.linearForward(X, rows, W, b, K, Z);
    if (P) for (let r = 0; r < n; r++) softmaxInto(Z, r * K, K, P, r * K);
    const loss = softmaxCrossEntropy.lossAndGradient(Z, K, y, rows, G ? Z : null, sampleWeight);
    if (G) this.linearBackward(X, rows, Z, K, G, gb);
    return loss;
  },

  linearSoftmaxHessianVector(X, rows, sampleWeight, P, V, vb, K, out, outb) {
    const n = rows ? rows.length : X.rows;
    const U = new Float64Array(n * K);
    this.linearForward(X, rows, V, vb, K, U);
    for (let r = 0; r < n; r++) {
      const o = r * K;
      let pu = 0;
      for (let k = 0; k < K; k++) pu += P[o + k] * U[o + k];
      const w = sampleWeight ? sampleWeight[rows ? rows[r] : r] : 1;
      for (let k = 0; k < K; k++) U[o + k] = w * P[o + k] * (U[o + k] - pu);
    }
    this.linearBackward(X, rows, U, K, out, outb);
  },

  gram: gramMatrix,
  cholesky: choleskyInPlace,
  choleskySolveRows: solveCholeskyRows,
  choleskyFactor: referenceCholeskyFactor,
};

function referenceCholeskyFactor(n: number): CholeskyFactor {
  let L: Float64Array | null = null;
  return {
    factor(A) {
      const F = A.slice(0, n * n);
      choleskyInPlace(F, n);
      L = F;
    },
    solveRows(B, count) {
      if (!L) throw new Error('choleskyFactor: solveRows before factor');
      solveCholeskyRows(L, n, B, count);
    },
  };
}

/** x_i · w[wOff .. wOff+D) */
function dotRow(X: Matrix, i: number, w: Float64Array, wOff: number): number {
  let s = 0;
  if (X.kind === 'dense') {
    const { data, cols } = X;
    const off = i * cols;
    for (let j = 0; j < cols; j++) s += data[off + j] * w[wOff + j];
  } else {
    const { indptr, indices, values } = X;
    for (let p = indptr[i]; p < indptr[i + 1]; p++) s += values[p] * w[wOff + indices[p]];
  }
  return s * X.scale;
}

/** G += Rᵀ·X[rows] and gb += Σ R, with X's entries squared (scale²) as they are read when `squared`. */
function backwardRows(X: Matrix, rows: Int32Array | null, R: Float64Array, K: number, G: Float64Array, gb: Float64Array | null, squared: boolean): void {
  const n = rows ? rows.length : X.rows;
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r] : r;
    for (let k = 0; k < K; k++) {
      addScaledRow(X, i, R[r * K + k], G, k * X.cols, squared);
      if (gb) gb[k] += R[r * K + k];
    }
  }
}

/** g[gOff .. gOff+D) += a · x_i (a · (x_i ∘ x_i), scale², when squared) */
function addScaledRow(X: Matrix, i: number, a: number, g: Float64Array, gOff: number, squared: boolean): void {
  if (a === 0) return;
  const as = a * (squared ? X.scale * X.scale : X.scale);
  if (X.kind === 'dense') {
    const { data, cols } = X;
    const off = i * cols;
    for (let j = 0; j < cols; j++) g[gOff + j] += as * (squared ? data[off + j] * data[off + j] : data[off + j]);
  } else {
    const { indptr, indices, values } = X;
    for (let p = indptr[i]; p < indptr[i + 1]; p++) g[gOff + indices[p]] += as * (squared ? values[p] * values[p] : values[p]);
  }
}
