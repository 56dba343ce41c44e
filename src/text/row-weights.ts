import { type FeaturizerOptions } from './featurizer.js';
import { PairSorter } from './sort-pairs.js';

/**
 * A document's row from its distinct term ids and counts: ids → columns
 * (hashed terms sharing a bucket add their signed counts; a bucket whose
 * counts cancel is dropped), columns sorted, then the weights
 *   w = (binary ? 1 : sublinearTf ? 1 + ln|c| : |c|) · idf[col] · sign(c),
 * scaled to unit l2 norm when normalize is 'l2' (squares summed in column order).
 */
export class RowWeigher {
  /** Hashing only: per column, the row's signed count and the last row that touched it. */
  private sum: Int32Array | null = null;
  private seen: Int32Array | null = null;
  private row = 0;
  private cols = new Int32Array(1024);
  private counts = new Int32Array(1024);
  private readonly sorter = new PairSorter();
  /** The weight before idf of a count c < TF_TABLE (the same expression, computed once). */
  private readonly tf: Float64Array;

  constructor(
    private readonly options: FeaturizerOptions,
    private readonly numFeatures: number,
    private readonly idf: Float64Array | null,
  ) {
    this.tf = new Float64Array(TF_TABLE);
    for (let c = 1; c < TF_TABLE; c++) this.tf[c] = tfOf(options, c);
  }

  /**
   * Writes the sorted columns and signed counts of the terms ids[from, to)
   * (counts alongside) to outCols/outCounts from `at`; returns the end. The
   * input is read whole before anything is written, so out may be the input
   * with at ≤ from. colOf/signOf: each term id's column (−1: none) and sign;
   * signOf null means a vocabulary, whose distinct terms have distinct
   * columns, so a row's entries never share one (ids must be distinct).
   */
  merge(
    ids: Int32Array, counts: Int32Array, from: number, to: number,
    colOf: Int32Array, signOf: Int8Array | null,
    outCols: Int32Array, outCounts: Int32Array, at: number,
  ): number {
    if (this.cols.length < to - from) {
      this.cols = new Int32Array(Math.max(to - from, 2 * this.cols.length));
      this.counts = new Int32Array(this.cols.length);
    }
    const { cols, counts: merged } = this;
    let m = 0;
    if (signOf === null) {
      for (let p = from; p < to; p++) {
        const c = colOf[ids[p]];
        if (c < 0) continue;
        cols[m] = c;
        merged[m++] = counts[p];
      }
    } else {
      const row = this.row++;
      this.sum ??= new Int32Array(this.numFeatures);
      this.seen ??= new Int32Array(this.numFeatures).fill(-1);
      const { sum, seen } = this;
      for (let p = from; p < to; p++) {
        const c = colOf[ids[p]];
        if (c < 0) continue;
        const s = signOf[ids[p]] * counts[p];
        if (seen[c] !== row) {
          seen[c] = row;
          sum[c] = s;
          cols[m++] = c;
        } else sum[c] += s;
      }
      for (let k = 0; k < m; k++) merged[k] = sum[cols[k]];
    }
    this.sorter.sort(cols, merged, m, this.numFeatures - 1);
    for (let k = 0; k < m; k++) {
      if (merged[k] === 0) continue; // signed collisions cancelled
      outCols[at] = cols[k];
      outCounts[at++] = merged[k];
    }
    return at;
  }

  /** The weights of the merged entries [from, to) into values[from, to). */
  weigh(cols: Int32Array, counts: Int32Array, from: number, to: number, values: Float64Array, valuesAt = from): void {
    const { idf, tf, options } = this;
    let sq = 0;
    for (let p = from, q = valuesAt; p < to; p++, q++) {
      const c = counts[p];
      const mag = Math.abs(c);
      let v = mag < TF_TABLE ? tf[mag] : tfOf(options, mag);
      if (idf) v *= idf[cols[p]];
      v *= Math.sign(c);
      values[q] = v;
      sq += v * v;
    }
    if (options.normalize === 'l2' && sq > 0) {
      const inv = 1 / Math.sqrt(sq);
      for (let q = valuesAt; q < valuesAt + (to - from); q++) values[q] *= inv;
    }
  }
}

const TF_TABLE = 256;

function tfOf(o: FeaturizerOptions, mag: number): number {
  return o.weighting === 'binary' ? 1 : o.sublinearTf ? 1 + Math.log(mag) : mag;
}
