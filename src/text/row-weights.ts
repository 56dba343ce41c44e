import { type FeaturizerOptions } from './featurizer.js';

/**
 * A document's row from its distinct term ids and counts: ids → columns
 * (hashed terms sharing a bucket add their signed counts; a bucket whose
 * counts cancel is dropped), columns sorted, then the weights
 *   w = (binary ? 1 : sublinearTf ? 1 + ln|c| : |c|) · idf[col] · sign(c),
 * scaled to unit l2 norm when normalize is 'l2' (squares summed in column order).
 */
export class RowWeigher {
  private readonly sum: Int32Array;
  private readonly seen: Int32Array;
  private touched = new Int32Array(1024);
  private row = 0;

  constructor(
    private readonly options: FeaturizerOptions,
    numFeatures: number,
    private readonly idf: Float64Array | null,
  ) {
    this.sum = new Int32Array(numFeatures);
    this.seen = new Int32Array(numFeatures).fill(-1);
  }

  /**
   * Writes the sorted columns and signed counts of the terms ids[from, to)
   * (counts alongside) to outCols/outCounts from `at`; returns the end. The
   * input is read whole before anything is written, so out may be the input
   * with at ≤ from. colOf/signOf: each term id's column (−1: none) and sign (null: all +1).
   */
  merge(
    ids: Int32Array, counts: Int32Array, from: number, to: number,
    colOf: Int32Array, signOf: Int8Array | null,
    outCols: Int32Array, outCounts: Int32Array, at: number,
  ): number {
    const row = this.row++;
    const { sum, seen } = this;
    if (this.touched.length < to - from) this.touched = new Int32Array(Math.max(to - from, 2 * this.touched.length));
    const touched = this.touched;
    let m = 0;
    for (let p = from; p < to; p++) {
      const c = colOf[ids[p]];
      if (c < 0) continue;
      const s = signOf ? signOf[ids[p]] * counts[p] : counts[p];
      if (seen[c] !== row) {
        seen[c] = row;
        sum[c] = s;
        touched[m++] = c;
      } else sum[c] += s;
    }
    const cols = touched.subarray(0, m).sort();
    for (let k = 0; k < m; k++) {
      const c = cols[k];
      if (sum[c] === 0) continue; // signed collisions cancelled
      outCols[at] = c;
      outCounts[at++] = sum[c];
    }
    return at;
  }

  /** The weights of the merged entries [from, to) into values[from, to). */
  weigh(cols: Int32Array, counts: Int32Array, from: number, to: number, values: Float64Array, valuesAt = from): void {
    const o = this.options;
    const idf = this.idf;
    let sq = 0;
    for (let p = from, q = valuesAt; p < to; p++, q++) {
      const c = counts[p];
      const mag = Math.abs(c);
      let v = o.weighting === 'binary' ? 1 : o.sublinearTf ? 1 + Math.log(mag) : mag;
      if (idf) v *= idf[cols[p]];
      v *= Math.sign(c);
      values[q] = v;
      sq += v * v;
    }
    if (o.normalize === 'l2' && sq > 0) {
      const inv = 1 / Math.sqrt(sq);
      for (let q = valuesAt; q < valuesAt + (to - from); q++) values[q] *= inv;
    }
  }
}
