import { type DenseMatrix } from './dense.js';

/**
 * Compressed sparse rows: the non-zeros of row i are
 * `values[p] * scale` at column `indices[p]`, for p in indptr[i] .. indptr[i+1].
 * Column indices within a row are strictly increasing.
 *
 * Values may be bytes with a scale (MNIST pixels), so a sparse copy of image
 * data costs 5 bytes per non-zero.
 */
export type CsrValues = Float64Array | Float32Array | Uint8Array;

export interface CsrMatrix {
  readonly kind: 'csr';
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: CsrValues;
  readonly scale: number;
}

/** A feature matrix: dense or sparse. Every kernel takes either. */
export type Matrix = DenseMatrix | CsrMatrix;

/** Builds a CSR matrix, checking its structure (the error names the row). */
export function csrMatrix(
  rows: number,
  cols: number,
  indptr: Int32Array,
  indices: Int32Array,
  values: CsrValues,
  scale = 1,
): CsrMatrix {
  if (indptr.length !== rows + 1) throw new RangeError(`CSR indptr has ${indptr.length} entries, expected rows + 1 = ${rows + 1}`);
  if (indptr[0] !== 0) throw new RangeError(`CSR indptr[0] is ${indptr[0]}, expected 0`);
  const nnz = indptr[rows];
  if (indices.length !== nnz || values.length !== nnz) {
    throw new RangeError(`CSR has ${indices.length} indices and ${values.length} values but indptr says ${nnz} non-zeros`);
  }
  for (let i = 0; i < rows; i++) {
    if (indptr[i + 1] < indptr[i]) throw new RangeError(`CSR row ${i}: indptr decreases (${indptr[i]} → ${indptr[i + 1]})`);
    for (let p = indptr[i]; p < indptr[i + 1]; p++) {
      const j = indices[p];
      if (!(j >= 0 && j < cols)) throw new RangeError(`CSR row ${i}: column index ${j} is outside 0..${cols - 1}`);
      if (p > indptr[i] && j <= indices[p - 1]) throw new RangeError(`CSR row ${i}: column indices must increase (${indices[p - 1]} then ${j})`);
    }
  }
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`scale must be a positive finite number, got ${scale}`);
  return { kind: 'csr', rows, cols, indptr, indices, values, scale };
}

/** Fraction of entries that are non-zero. */
export function density(m: Matrix): number {
  if (m.rows * m.cols === 0) return 0;
  return (m.kind === 'csr' ? m.indptr[m.rows] : countNonZeros(m.data)) / (m.rows * m.cols);
}

function countNonZeros(data: ArrayLike<number>): number {
  let nz = 0;
  for (let p = 0; p < data.length; p++) if (data[p] !== 0) nz++;
  return nz;
}

/** The sparse form of a dense matrix, keeping its storage type and scale. */
export function toCsr(m: DenseMatrix, nnz = countNonZeros(m.data)): CsrMatrix {
  const { rows, cols, data } = m;
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(nnz);
  const values =
    data instanceof Uint8Array ? new Uint8Array(nnz) : data instanceof Float32Array ? new Float32Array(nnz) : new Float64Array(nnz);
  let q = 0;
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[off + j];
      if (v !== 0) {
        indices[q] = j;
        values[q] = v;
        q++;
      }
    }
    indptr[i + 1] = q;
  }
  return { kind: 'csr', rows, cols, indptr, indices, values, scale: m.scale };
}

const preferred = new WeakMap<DenseMatrix, Matrix>();

/**
 * The storage that makes linear kernels cheapest: CSR when at most
 * `threshold` of the entries are non-zero (then the kernels skip the zeros),
 * the matrix itself otherwise. Remembered per matrix, so repeated training on
 * the same data converts once (matrices are treated as immutable).
 */
export function preferredStorage(m: Matrix, threshold = 0.5): Matrix {
  if (m.kind === 'csr') return m;
  let hit = preferred.get(m);
  if (!hit) {
    const nnz = countNonZeros(m.data);
    hit = nnz <= threshold * m.data.length ? toCsr(m, nnz) : m;
    preferred.set(m, hit);
  }
  return hit;
}

/** Rows of a CSR matrix, copied. */
export function selectCsrRows(m: CsrMatrix, rowsWanted: ArrayLike<number>): CsrMatrix {
  let nnz = 0;
  for (let r = 0; r < rowsWanted.length; r++) {
    const i = rowsWanted[r];
    if (!(i >= 0 && i < m.rows)) throw new RangeError(`row index ${i} is outside 0..${m.rows - 1}`);
    nnz += m.indptr[i + 1] - m.indptr[i];
  }
  const indptr = new Int32Array(rowsWanted.length + 1);
  const indices = new Int32Array(nnz);
  const values = new (m.values.constructor as { new (n: number): CsrValues })(nnz);
  let q = 0;
  for (let r = 0; r < rowsWanted.length; r++) {
    const i = rowsWanted[r];
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++, q++) {
      indices[q] = m.indices[p];
      values[q] = m.values[p];
    }
    indptr[r + 1] = q;
  }
  return { kind: 'csr', rows: rowsWanted.length, cols: m.cols, indptr, indices, values, scale: m.scale };
}

