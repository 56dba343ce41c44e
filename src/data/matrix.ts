/**
 * Reading a feature matrix of either storage, dense or CSR: an element, a row,
 * or a copy of chosen rows. Values come back with the matrix's scale applied.
 */
import { type DenseMatrix, selectDenseRows } from './dense.js';
import { type CsrMatrix, type Matrix, selectCsrRows } from './csr.js';

/** Element (i, j) with the scale applied (0 where a CSR row stores nothing). */
export function get(m: Matrix, i: number, j: number): number {
  checkRow(m, i);
  if (!(Number.isInteger(j) && j >= 0 && j < m.cols)) throw new RangeError(`column index ${j} is outside 0..${m.cols - 1}`);
  if (m.kind === 'dense') return m.data[i * m.cols + j] * m.scale;
  const p = findColumn(m, i, j);
  return p < 0 ? 0 : m.values[p] * m.scale;
}

/** Row i as a new Float64Array of length cols, with the scale applied. */
export function rowOf(m: Matrix, i: number): Float64Array {
  checkRow(m, i);
  const out = new Float64Array(m.cols);
  if (m.kind === 'dense') {
    const off = i * m.cols;
    for (let j = 0; j < m.cols; j++) out[j] = m.data[off + j] * m.scale;
  } else {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) out[m.indices[p]] = m.values[p] * m.scale;
  }
  return out;
}

/** The rows listed in `indices` (in that order, repeats allowed), copied into a new matrix of the same storage and value type. */
export function selectRows<M extends Matrix>(m: M, indices: ArrayLike<number>): M {
  return (m.kind === 'dense' ? selectDenseRows(m as DenseMatrix, indices) : selectCsrRows(m as CsrMatrix, indices)) as M;
}

function checkRow(m: Matrix, i: number): void {
  if (!(Number.isInteger(i) && i >= 0 && i < m.rows)) throw new RangeError(`row index ${i} is outside 0..${m.rows - 1}`);
}

/** Position of column j among row i's stored entries (binary search: they increase), or −1. */
function findColumn(m: CsrMatrix, i: number, j: number): number {
  let lo = m.indptr[i], hi = m.indptr[i + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = m.indices[mid];
    if (c === j) return mid;
    if (c < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
