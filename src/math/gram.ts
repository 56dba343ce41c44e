import type { Matrix } from '../data/csr.js';

/**
 * S = Σᵢ wᵢ x̃ᵢx̃ᵢᵀ (D̃×D̃, row-major, both triangles), x̃ᵢ = xᵢ (D values,
 * times the matrix's scale) followed by a 1 when withOne is set.
 * Sparse rows cost nnz(xᵢ)²/2 multiply-adds each. With stride t > 1, every
 * t-th row only, weighted t: an estimate of S from a sample of the rows.
 */
export function gramMatrix(X: Matrix, weights: Float64Array | null, withOne: boolean, stride = 1): Float64Array {
  const F = X.cols;
  const D = F + (withOne ? 1 : 0);
  const S = new Float64Array(D * D);
  const s2 = X.scale * X.scale;
  const idx = new Int32Array(F);
  const val = new Float64Array(F);
  for (let i = 0; i < X.rows; i += stride) {
    // The row's non-zeros as (index, value) pairs, then the upper triangle of their outer product.
    let m = 0;
    if (X.kind === 'csr') {
      for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) {
        idx[m] = X.indices[p];
        val[m++] = X.values[p];
      }
    } else {
      const off = i * F;
      for (let j = 0; j < F; j++) {
        const v = X.data[off + j];
        if (v !== 0) {
          idx[m] = j;
          val[m++] = v;
        }
      }
    }
    const w = (weights ? weights[i] : 1) * stride;
    if (w === 0) continue;
    const ws = w * s2;
    for (let a = 0; a < m; a++) {
      const row = idx[a] * D;
      const va = ws * val[a];
      for (let b = a; b < m; b++) S[row + idx[b]] += va * val[b];
      if (withOne) S[row + F] += w * X.scale * val[a];
    }
    if (withOne) S[F * D + F] += w;
  }
  for (let a = 0; a < D; a++) for (let b = a + 1; b < D; b++) S[b * D + a] = S[a * D + b];
  return S;
}

/**
 * Cholesky factorization A = LLᵀ of a symmetric positive definite n×n matrix
 * (row-major), in place: L in the lower triangle, the upper triangle zeroed.
 */
export function choleskyInPlace(A: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let sum = A[ri + j];
      for (let k = 0; k < j; k++) sum -= A[ri + k] * A[rj + k];
      if (i === j) {
        if (!(sum > 0)) throw new RangeError(`cholesky: the matrix is not positive definite (pivot ${i} is ${sum})`);
        A[ri + i] = Math.sqrt(sum);
      } else A[ri + j] = sum / A[rj + j];
    }
    for (let j = i + 1; j < n; j++) A[ri + j] = 0;
  }
}

/**
 * Solves A zₖ = bₖ in place for the `count` rows bₖ of B (count×n, row-major),
 * given the Cholesky factor L of A: forward substitution L y = b, then Lᵀ z = y,
 * both reading L by rows.
 */
export function solveCholeskyRows(L: Float64Array, n: number, B: Float64Array, count: number): void {
  for (let k = 0; k < count; k++) {
    const b = k * n;
    for (let i = 0; i < n; i++) {
      const ri = i * n;
      let sum = B[b + i];
      for (let j = 0; j < i; j++) sum -= L[ri + j] * B[b + j];
      B[b + i] = sum / L[ri + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      const ri = i * n;
      const zi = (B[b + i] /= L[ri + i]);
      for (let j = 0; j < i; j++) B[b + j] -= L[ri + j] * zi;
    }
  }
}
