import { findNonFinite } from './dense.js';
import { selectRows } from './matrix.js';
import { type Matrix } from './csr.js';
import { type Label, LabelTable } from './labels.js';

/**
 * A labelled dataset: N examples as the rows of X (N×D) and their class
 * indices y (0..K−1) under a label table that keeps the user's labels.
 */
export interface Dataset<M extends Matrix = Matrix> {
  readonly X: M;
  readonly y: Int32Array;
  readonly labels: LabelTable;
}

export interface DatasetOptions {
  /** Use this label table instead of the sorted labels found in `labels` (e.g. the training set's table for a test set). */
  labelTable?: LabelTable;
  /** Name used in error messages (a file name, or "training data"). */
  name?: string;
}

/**
 * Builds a dataset from features and the user's labels, validating on the way:
 * row count against label count, non-empty, finite features, known labels.
 */
export function makeDataset<M extends Matrix>(X: M, labels: ArrayLike<Label>, options: DatasetOptions = {}): Dataset<M> {
  const name = options.name ?? 'dataset';
  if (X.rows !== labels.length) {
    throw new RangeError(`${name}: X has ${X.rows} rows but there are ${labels.length} labels; they must match`);
  }
  if (X.rows === 0) throw new RangeError(`${name}: the dataset is empty (0 examples)`);
  if (X.cols === 0) throw new RangeError(`${name}: the examples have no features (D = 0)`);
  assertFiniteFeatures(X, name);
  const table = options.labelTable ?? LabelTable.fromValues(Array.from(labels));
  const y = table.encode(labels, `${name}: labels`);
  return { X, y, labels: table };
}

/**
 * Checks that a dataset can be trained on: at least two classes present, the
 * label table of at least two classes, class indices inside the table.
 */
export function assertTrainable(data: Dataset, name = 'training data'): void {
  const K = data.labels.size;
  if (data.X.rows === 0) throw new RangeError(`${name}: the dataset is empty (0 examples)`);
  const seen = new Uint8Array(Math.max(K, 1));
  let distinct = 0;
  for (let i = 0; i < data.y.length; i++) {
    const k = data.y[i];
    if (!(k >= 0 && k < K)) throw new RangeError(`${name}: class index ${k} of example ${i} is outside 0..${K - 1}`);
    if (!seen[k]) {
      seen[k] = 1;
      distinct++;
    }
  }
  if (distinct < 2) {
    const only = data.labels.labelOf(data.y[0]);
    throw new RangeError(`${name}: every example has the label ${JSON.stringify(only)}; a classifier needs at least two classes`);
  }
}

/** The examples listed in `indices` (features copied, label table shared). */
export function subset<M extends Matrix>(data: Dataset<M>, indices: ArrayLike<number>): Dataset<M> {
  const y = new Int32Array(indices.length);
  for (let r = 0; r < indices.length; r++) y[r] = data.y[indices[r]];
  return { X: selectRows(data.X, indices), y, labels: data.labels };
}

/** Refuses a NaN or infinite feature value, naming it (a model would silently score it as its first class). */
export function assertFiniteFeatures(X: Matrix, name: string): void {
  const bad = X.kind === 'dense' ? findNonFinite(X) : findNonFiniteCsr(X.values, X.indptr, X.indices);
  if (bad) throw new RangeError(`${name}: feature ${bad.col} of example ${bad.row} is ${bad.value}; features must be finite numbers`);
}

function findNonFiniteCsr(values: ArrayLike<number>, indptr: Int32Array, indices: Int32Array): { row: number; col: number; value: number } | null {
  for (let p = 0; p < values.length; p++) {
    const v = values[p];
    if (v - v !== 0) {
      let row = 0;
      while (indptr[row + 1] <= p) row++;
      return { row, col: indices[p], value: v };
    }
  }
  return null;
}
