import { type CsrMatrix } from '../data/csr.js';
import { growInt32 } from './term-table.js';
import { type RowWeigher } from './row-weights.js';

/**
 * Documents kept as their distinct term ids and counts (8 bytes per distinct
 * term), with a label index each, until the vocabulary is known; then
 * turned into CSR rows, in place when the order is kept.
 */
export class InternedRows {
  ids = new Int32Array(1 << 16);
  counts = new Int32Array(1 << 16);
  length = 0;
  ends = new Int32Array(1024);
  labels = new Int32Array(1024);
  rows = 0;

  push(ids: Int32Array, counts: Int32Array, size: number, label: number): void {
    if (this.length + size > this.ids.length) {
      const cap = Math.max(2 * this.ids.length, this.length + size);
      this.ids = growInt32(this.ids, cap);
      this.counts = growInt32(this.counts, cap);
    }
    this.ids.set(ids.subarray(0, size), this.length);
    this.counts.set(counts.subarray(0, size), this.length);
    this.length += size;
    if (this.rows === this.ends.length) {
      this.ends = growInt32(this.ends, 2 * this.rows);
      this.labels = growInt32(this.labels, 2 * this.rows);
    }
    this.ends[this.rows] = this.length;
    this.labels[this.rows++] = label;
  }

  start(row: number): number {
    return row === 0 ? 0 : this.ends[row - 1];
  }

  /** All rows in order as CSR, reusing the id array for the column indices (the store is emptied). */
  toCsrInPlace(weigher: RowWeigher, cols: number, colOf: Int32Array, signOf: Int8Array | null): CsrMatrix {
    const { ids, counts, rows } = this;
    const indptr = new Int32Array(rows + 1);
    let q = 0;
    for (let r = 0; r < rows; r++) {
      q = weigher.merge(ids, counts, this.start(r), this.ends[r], colOf, signOf, ids, counts, q);
      indptr[r + 1] = q;
    }
    const values = new Float64Array(q);
    for (let r = 0; r < rows; r++) weigher.weigh(ids, counts, indptr[r], indptr[r + 1], values);
    // The id array, grown by doubling, is at most half unused: a copy would cost more at the peak than it saves after.
    const indices = ids.subarray(0, q);
    this.ids = new Int32Array(0);
    this.counts = new Int32Array(0);
    this.length = 0;
    return { kind: 'csr', rows, cols, indptr, indices, values, scale: 1 };
  }

  /** The given rows, in the given order, as CSR (a copy; the store is unchanged). */
  toCsr(weigher: RowWeigher, cols: number, colOf: Int32Array, signOf: Int8Array | null, order: ArrayLike<number>): CsrMatrix {
    let total = 0;
    for (let k = 0; k < order.length; k++) total += this.ends[order[k]] - this.start(order[k]);
    const indices = new Int32Array(total);
    const merged = new Int32Array(total);
    const indptr = new Int32Array(order.length + 1);
    let q = 0;
    for (let k = 0; k < order.length; k++) {
      const r = order[k];
      q = weigher.merge(this.ids, this.counts, this.start(r), this.ends[r], colOf, signOf, indices, merged, q);
      indptr[k + 1] = q;
    }
    const values = new Float64Array(q);
    for (let k = 0; k < order.length; k++) weigher.weigh(indices, merged, indptr[k], indptr[k + 1], values);
    return { kind: 'csr', rows: order.length, cols, indptr, indices: indices.slice(0, q), values, scale: 1 };
  }
}
