import { type Matrix } from './csr.js';
import { denseMatrix } from './dense.js';
import { LinearModel } from '../model/linear-model.js';

/**
 * Feature scaling fitted on training data, x' = (x − offset) ⊙ factor:
 *   - 'standard': offset the mean, factor 1/σ (population σ, as scikit-learn's StandardScaler);
 *   - 'maxabs':   no offset, factor 1/max|x| (MaxAbsScaler; keeps sparse data sparse);
 *   - 'minmax':   offset the minimum, factor 1/(max − min) (MinMaxScaler to [0, 1]);
 *   - 'none'.
 * A constant feature keeps factor 1 (scikit-learn does the same).
 *
 * A linear model trained on scaled inputs is the linear model
 *   W' = W·diag(factor),  b' = b − W'·offset
 * on raw inputs (foldScaler), so the saved model applies the scaler at test
 * and predict time through its weights, exactly, with no step to forget.
 */
export type ScaleKind = 'standard' | 'maxabs' | 'minmax' | 'none';
export const SCALE_KINDS: readonly ScaleKind[] = ['standard', 'maxabs', 'minmax', 'none'];

export interface Scaler {
  kind: ScaleKind;
  /** Subtracted from each feature (null: none, as maxabs). */
  offset: Float64Array | null;
  /** Multiplies each feature after the offset. */
  factor: Float64Array;
}

export function fitScaler(X: Matrix, kind: ScaleKind): Scaler {
  if (!SCALE_KINDS.includes(kind)) throw new RangeError(`scale: unknown value ${JSON.stringify(kind)}; expected one of ${SCALE_KINDS.join(', ')}`);
  const D = X.cols;
  const N = X.rows;
  const sum = new Float64Array(D);
  const min = new Float64Array(D).fill(Infinity);
  const max = new Float64Array(D).fill(-Infinity);
  const nonZeros = new Int32Array(D);
  forEachNonZero(X, (_i, j, v) => {
    sum[j] += v;
    if (v < min[j]) min[j] = v;
    if (v > max[j]) max[j] = v;
    nonZeros[j]++;
  });
  // Implicit zeros count toward min, max and the mean.
  for (let j = 0; j < D; j++) {
    if (nonZeros[j] < N) {
      min[j] = Math.min(min[j], 0);
      max[j] = Math.max(max[j], 0);
    }
  }
  const factor = new Float64Array(D).fill(1);
  if (kind === 'none') return { kind, offset: null, factor };
  if (kind === 'maxabs') {
    for (let j = 0; j < D; j++) {
      const m = Math.max(Math.abs(min[j]), Math.abs(max[j]));
      if (m > 0) factor[j] = 1 / m;
    }
    return { kind, offset: null, factor };
  }
  if (kind === 'minmax') {
    for (let j = 0; j < D; j++) if (max[j] > min[j]) factor[j] = 1 / (max[j] - min[j]);
    return { kind, offset: min, factor };
  }
  const mean = Float64Array.from(sum, (s) => s / N);
  // Σ (x − mean)² over the non-zeros, plus the implicit zeros' share (N − nnz)·mean².
  const sq = new Float64Array(D);
  forEachNonZero(X, (_i, j, v) => {
    sq[j] += (v - mean[j]) ** 2;
  });
  for (let j = 0; j < D; j++) {
    const variance = (sq[j] + (N - nonZeros[j]) * mean[j] * mean[j]) / N;
    if (variance > 0) factor[j] = 1 / Math.sqrt(variance);
  }
  return { kind, offset: mean, factor };
}

/** The scaled copy of X: sparse stays sparse without an offset (maxabs, none); otherwise dense float64. */
export function applyScaler(X: Matrix, s: Scaler): Matrix {
  if (X.cols !== s.factor.length) throw new RangeError(`scaler fitted on ${s.factor.length} features, the data has ${X.cols}`);
  if (s.kind === 'none') return X;
  if (X.kind === 'csr' && !s.offset) {
    const values = new Float64Array(X.values.length);
    for (let p = 0; p < values.length; p++) values[p] = X.values[p] * X.scale * s.factor[X.indices[p]];
    return { ...X, values, scale: 1 };
  }
  const D = X.cols;
  const out = new Float64Array(X.rows * D);
  if (s.offset) for (let i = 0; i < X.rows; i++) for (let j = 0; j < D; j++) out[i * D + j] = -s.offset[j] * s.factor[j];
  forEachNonZero(X, (i, j, v) => {
    out[i * D + j] = (v - (s.offset ? s.offset[j] : 0)) * s.factor[j];
  });
  return denseMatrix(out, X.rows, D);
}

/**
 * The raw-input form of a linear model trained on scaled inputs: rows × D
 * weights W (row-major) and biases b (null: none before folding) become
 * W' = W·diag(factor), b' = b − W'·offset.
 */
export function foldScaler(W: Float64Array, b: Float64Array | null, rows: number, s: Scaler): { W: Float64Array; b: Float64Array | null } {
  const D = s.factor.length;
  if (W.length !== rows * D) throw new RangeError(`weights have ${W.length} values, expected ${rows}×${D}`);
  const Wf = new Float64Array(W.length);
  for (let r = 0; r < rows; r++) for (let j = 0; j < D; j++) Wf[r * D + j] = W[r * D + j] * s.factor[j];
  if (!s.offset) return { W: Wf, b: b ? Float64Array.from(b) : null };
  const bf = b ? Float64Array.from(b) : new Float64Array(rows);
  for (let r = 0; r < rows; r++) for (let j = 0; j < D; j++) bf[r] -= Wf[r * D + j] * s.offset[j];
  return { W: Wf, b: bf };
}

/** Plain-data form for the model file (recorded with the model, whose weights already include it). */
export function scalerToJson(s: Scaler): { kind: ScaleKind; offset: number[] | null; factor: number[] } {
  return { kind: s.kind, offset: s.offset ? Array.from(s.offset) : null, factor: Array.from(s.factor) };
}

function forEachNonZero(X: Matrix, f: (i: number, j: number, v: number) => void): void {
  if (X.kind === 'csr') {
    for (let i = 0; i < X.rows; i++) {
      for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) f(i, X.indices[p], X.values[p] * X.scale);
    }
    return;
  }
  const D = X.cols;
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < D; j++) {
      const v = X.data[i * D + j] * X.scale;
      if (v !== 0) f(i, j, v);
    }
  }
}

/** A linear classifier trained on scaled inputs, as the same classifier on raw inputs. */
export function foldIntoModel(model: LinearModel, s: Scaler): LinearModel {
  if (s.kind === 'none') return model;
  const { W, b } = foldScaler(model.W, model.b, model.numClasses, s);
  return new LinearModel(model.labels, model.numFeatures, W, b, model.scoreKind);
}
