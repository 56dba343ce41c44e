import { type Dataset, subset } from '../data/dataset.js';
import { type LabelTable } from '../data/labels.js';
import { type FeaturizerOptions, TextFeaturizer } from '../text/featurizer.js';

/**
 * Labelled examples before featurization, as model selection needs them:
 * numeric vectors (a Dataset), or raw texts whose featurizer must be fitted
 * on the training part of every split, never on the held-out part.
 */
export type Examples =
  /** columns: a CSV's feature column names (kept in a saved model's meta, so later files are matched by name). */
  | { kind: 'vectors'; data: Dataset; columns?: string[] }
  | { kind: 'text'; texts: readonly string[]; y: Int32Array; labels: LabelTable };

export function classesOf(ex: Examples): { y: Int32Array; labels: LabelTable } {
  return ex.kind === 'vectors' ? { y: ex.data.y, labels: ex.data.labels } : { y: ex.y, labels: ex.labels };
}

export function sizeOf(ex: Examples): number {
  return ex.kind === 'vectors' ? ex.data.X.rows : ex.texts.length;
}

/** The examples at `rows` (same label table). */
export function subsetExamples(ex: Examples, rows: ArrayLike<number>): Examples {
  if (ex.kind === 'vectors') return { kind: 'vectors', data: subset(ex.data, rows) };
  return { kind: 'text', texts: Array.from(rows, (i) => ex.texts[i]), y: Int32Array.from(rows, (i) => ex.y[i]), labels: ex.labels };
}

/** A training set and a held-out set as feature matrices, and the featurizer fitted on the training texts only. */
export interface FeaturizedPair {
  train: Dataset;
  heldOut: Dataset;
  featurizer: TextFeaturizer | null;
}

/**
 * Featurizes a training/held-out pair without leakage: for text, the
 * vocabulary, min-count filter and idf come from the training texts alone;
 * held-out terms never seen in training get no column.
 */
export function featurizePair(train: Examples, heldOut: Examples, featurizer: Partial<FeaturizerOptions> = {}, onProgress?: () => void): FeaturizedPair {
  if (train.kind === 'vectors' && heldOut.kind === 'vectors') {
    if (heldOut.data.X.cols > train.data.X.cols) throw new RangeError(`held-out data has ${heldOut.data.X.cols} features but the training data ${train.data.X.cols}`);
    const X = heldOut.data.X.cols < train.data.X.cols && heldOut.data.X.kind === 'csr' ? { ...heldOut.data.X, cols: train.data.X.cols } : heldOut.data.X;
    return { train: train.data, heldOut: { ...heldOut.data, X }, featurizer: null };
  }
  if (train.kind === 'text' && heldOut.kind === 'text') {
    const f = new TextFeaturizer(featurizer);
    const Xtrain = f.fitTransform(train.texts, onProgress);
    const Xheld = f.transform(heldOut.texts);
    return { train: { X: Xtrain, y: train.y, labels: train.labels }, heldOut: { X: Xheld, y: heldOut.y, labels: heldOut.labels }, featurizer: f };
  }
  throw new RangeError('the training data and the held-out data must both be text or both numeric');
}
