/**
 * Where a streaming reader or featurizer puts the examples it makes, one row at
 * a time, so a whole file never has to be held as strings or token arrays: an
 * in-memory sink grows CSR arrays, a disk sink writes blocks of rows to a cache
 * file for out-of-core training.
 */
export interface RowSink {
  /**
   * Appends one example: `length` entries of `columns` (strictly increasing)
   * and their `values`, and its class index (−1 when the example has no label).
   * The arrays are the caller's scratch: a sink copies what it keeps.
   */
  push(columns: Int32Array, values: Float64Array, length: number, label: number): void;
}
