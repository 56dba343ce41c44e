import type { DenseMatrix } from '../data/dense.js';

/**
 * The hot loops of linear models, behind one small interface so that a fast
 * implementation (WebAssembly SIMD) can replace the readable reference.
 *
 * Layout: X is N×D row-major; W is K×D row-major (one row per class); Z, R
 * are n×K row-major where n is the number of rows used. `rows` lists the
 * rows of X to use, in order (a minibatch); null means all rows 0..N−1.
 */
export interface Kernels {
  readonly name: string;
  /** Z = X[rows]·Wᵀ + b  (b may be null: no bias). Z is overwritten. */
  linearForward(
    X: DenseMatrix,
    rows: Int32Array | null,
    W: Float64Array,
    b: Float64Array | null,
    K: number,
    Z: Float64Array,
  ): void;
  /** G += Rᵀ·X[rows] (K×D) and gb += Σᵢ Rᵢ (K), the chain rule from scores to weights. */
  linearBackward(
    X: DenseMatrix,
    rows: Int32Array | null,
    R: Float64Array,
    K: number,
    G: Float64Array,
    gb: Float64Array | null,
  ): void;
}

/** Number of rows a kernel call works on. */
export function rowCount(X: DenseMatrix, rows: Int32Array | null): number {
  return rows ? rows.length : X.rows;
}
