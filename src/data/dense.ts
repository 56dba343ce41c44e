/**
 * A dense row-major matrix: element (i, j) is `data[i * cols + j] * scale`.
 *
 * The scale lets image data stay in its compact byte form: MNIST pixels are
 * held as the Uint8Array read from the IDX file with `scale = 1/255`, so no
 * float copy of 47 million pixels is ever made; kernels fold the scale in.
 */
export type DenseData = Float64Array | Float32Array | Uint8Array;

export interface DenseMatrix {
  readonly kind: 'dense';
  readonly rows: number;
  readonly cols: number;
  readonly data: DenseData;
  /** Multiplier applied to every stored value (1 for float data). */
  readonly scale: number;
}

/** Wraps a typed array as an N×D matrix, checking that the sizes agree. */
export function denseMatrix(data: DenseData, rows: number, cols: number, scale = 1): DenseMatrix {
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`rows must be a non-negative integer, got ${rows}`);
  if (!Number.isInteger(cols) || cols < 0) throw new RangeError(`cols must be a non-negative integer, got ${cols}`);
  if (data.length !== rows * cols) {
    throw new RangeError(`matrix data has ${data.length} values but ${rows}×${cols} needs ${rows * cols}`);
  }
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`scale must be a positive finite number, got ${scale}`);
  return { kind: 'dense', rows, cols, data, scale };
}

/**
 * Builds a Float64 matrix from nested arrays, checking that every row has the
 * same length (the error names the first row that does not).
 */
export function fromRows(rows: ArrayLike<ArrayLike<number>>): DenseMatrix {
  const n = rows.length;
  const d = n > 0 ? rows[0].length : 0;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (r.length !== d) throw new RangeError(`row ${i} has ${r.length} features but row 0 has ${d}`);
    for (let j = 0; j < d; j++) data[i * d + j] = r[j];
  }
  return denseMatrix(data, n, d);
}

/** The rows listed in `indices`, copied into a new matrix of the same storage type (`selectRows` takes either storage). */
export function selectDenseRows(m: DenseMatrix, indices: ArrayLike<number>): DenseMatrix {
  const d = m.cols;
  const out = emptyLike(m.data, indices.length * d);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    if (!(i >= 0 && i < m.rows)) throw new RangeError(`row index ${i} is outside 0..${m.rows - 1}`);
    out.set(m.data.subarray(i * d, (i + 1) * d), r * d);
  }
  return denseMatrix(out, indices.length, d, m.scale);
}

/**
 * The first row and column holding NaN or ±Infinity, or null. Byte data cannot
 * hold either, so it is not scanned.
 */
export function findNonFinite(m: DenseMatrix): { row: number; col: number; value: number } | null {
  if (m.data instanceof Uint8Array) return null;
  const data = m.data;
  for (let p = 0; p < data.length; p++) {
    const v = data[p];
    if (v - v !== 0) return { row: Math.floor(p / m.cols), col: p % m.cols, value: v };
  }
  return null;
}

/** A zeroed array of the same storage type (Float64, Float32 or Uint8). */
export function emptyLike(data: DenseData, length: number): DenseData {
  if (data instanceof Float64Array) return new Float64Array(length);
  if (data instanceof Float32Array) return new Float32Array(length);
  return new Uint8Array(length);
}
