import { type CsrMatrix } from './csr.js';
import { type Dataset } from './dataset.js';
import { LinearModel } from '../model/linear-model.js';
import { CoupledPairwiseModel, PairwiseModel } from '../reduce/all-vs-all.js';

/**
 * Training a linear model on only the columns the training data uses.
 *
 * A column that is zero in every training example gets no gradient from the
 * data, and its weights start at 0, where L2 (λw), L1 (soft-thresholding),
 * momentum and the adaptive rates all leave them; Newton's Hessian has no
 * data block there, so its steps are 0 too. Training on the used columns
 * and putting zeros back is therefore the same model, and memory and time
 * follow the non-zeros rather than the largest index (one LibSVM index of
 * 10⁷ in a four-line file no longer costs gigabytes).
 */
export interface CompactColumns {
  /** The used columns, increasing: column c of the compact data is column used[c] of the original. */
  used: Int32Array;
  train: Dataset;
  validation: Dataset | undefined;
  /** The model on the original columns (the compact model's weights, zeros elsewhere). */
  expand<M extends LinearModel | PairwiseModel>(model: M): M;
}

/** Compacts sparse training data whose used columns are at most half its width; null when that would not pay. */
export function compactColumns(train: Dataset, validation?: Dataset): CompactColumns | null {
  if (train.X.kind !== 'csr') return null;
  const D = train.X.cols;
  const seen = new Uint8Array(D);
  for (const j of train.X.indices) seen[j] = 1;
  let count = 0;
  for (let j = 0; j < D; j++) count += seen[j];
  if (count > D / 2) return null;
  const used = new Int32Array(count);
  const position = new Int32Array(D).fill(-1);
  for (let j = 0, c = 0; j < D; j++) {
    if (!seen[j]) continue;
    used[c] = j;
    position[j] = c++;
  }
  const narrow = (X: CsrMatrix): CsrMatrix => selectColumns(X, position, count);
  return {
    used,
    train: { ...train, X: narrow(train.X) },
    validation: validation && validation.X.kind === 'csr' ? { ...validation, X: narrow(validation.X) } : validation,
    expand: <M extends LinearModel | PairwiseModel>(model: M): M => expandModel(model, used, D),
  };
}

/** The columns of X that have a position, renumbered; the others dropped (their weights are 0). */
function selectColumns(X: CsrMatrix, position: Int32Array, cols: number): CsrMatrix {
  const indptr = new Int32Array(X.rows + 1);
  let nnz = 0;
  for (let p = 0; p < X.indices.length; p++) if (X.indices[p] < position.length && position[X.indices[p]] >= 0) nnz++;
  const indices = new Int32Array(nnz);
  const values = new (X.values.constructor as Float64ArrayConstructor)(nnz);
  let q = 0;
  for (let i = 0; i < X.rows; i++) {
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) {
      const c = X.indices[p] < position.length ? position[X.indices[p]] : -1;
      if (c < 0) continue;
      indices[q] = c;
      values[q++] = X.values[p];
    }
    indptr[i + 1] = q;
  }
  return { kind: 'csr', rows: X.rows, cols, indptr, indices, values, scale: X.scale };
}

function expandModel<M extends LinearModel | PairwiseModel>(model: M, used: Int32Array, D: number): M {
  const rows = model.W.length / used.length;
  const W = new Float64Array(rows * D);
  for (let r = 0; r < rows; r++) for (let c = 0; c < used.length; c++) W[r * D + used[c]] = model.W[r * used.length + c];
  if (model instanceof PairwiseModel) {
    const Model = model instanceof CoupledPairwiseModel ? CoupledPairwiseModel : PairwiseModel;
    return new Model(model.labels, D, model.pairs, W, model.b) as M;
  }
  return new LinearModel(model.labels, D, W, model.b, (model as LinearModel).scoreKind) as M;
}
