import { type Dataset } from '../data/dataset.js';
import { type Matrix } from '../data/csr.js';
import { LabelTable } from '../data/labels.js';
import { isMnistName, loadMnist, MNIST_NAMES } from '../data/mnist.js';
import { type LoadedModel } from '../io/model-json.js';
import { type DataFormat, readRecords } from '../io/readers/read.js';
import { type Records } from '../io/readers/records.js';
import { type FeaturizerOptions, TextFeaturizer } from '../text/featurizer.js';
import { JointModel } from '../joint/joint-model.js';
import { type JointDataset } from '../joint/joint-data.js';
import { type Classifier } from '../model/classifier.js';
import { parseJointJsonl } from '../io/readers/joint-jsonl.js';
import { readLines } from '../io/readers/read-lines.js';
import { UsageError } from './args.js';

export interface SourceOptions {
  format?: DataFormat;
  labelColumn?: string;
  textColumn?: string;
}

/** Reads a data argument: a built-in dataset (mnist:train, mnist:test) or a file. */
function readSource(spec: string, o: SourceOptions, unlabelled = false): Records | Dataset {
  if (isMnistName(spec)) return loadMnist(spec);
  if (spec.includes(':') && !spec.includes('/') && !spec.includes('.')) {
    throw new UsageError(`unknown built-in dataset ${JSON.stringify(spec)}: expected ${MNIST_NAMES.join(', ')} or a file`);
  }
  return readRecords(spec, { ...o, unlabelled });
}

/**
 * Training data: a built-in dataset, or a file whose examples are featurized
 * (text: the featurizer is fitted here) and whose lines with several labels
 * count once per label.
 */
export function loadTrainingData(
  spec: string,
  o: SourceOptions & { featurizer?: Partial<FeaturizerOptions>; onProgress?: (stage: string, fraction: number) => void },
): { data: Dataset; featurizer: TextFeaturizer | null } {
  const src = readSource(spec, o);
  if (!('kind' in src)) return { data: src, featurizer: null };
  const { rows, labels } = expandLabels(src.labels, spec);
  if (rows.length === 0) throw new RangeError(`${spec}: no labelled examples`);
  const table = LabelTable.fromValues(labels);
  let X: Matrix;
  let featurizer: TextFeaturizer | null = null;
  if (src.kind === 'text') {
    featurizer = new TextFeaturizer(o.featurizer);
    const texts = rows.map((i) => src.texts[i]);
    X = featurizer.fitTransform(texts, (f) => o.onProgress?.('vectorizing', f));
  } else {
    X = repeatRows(src.X, rows);
  }
  return { data: { X, y: table.encode(labels, `${spec}: labels`), labels: table }, featurizer };
}

/** Labelled data to evaluate a saved model on: featurized with the model's featurizer, labels mapped to its table. */
export function loadEvaluationData(spec: string, loaded: LoadedModel, o: SourceOptions): Dataset {
  const model = classifierOf(loaded);
  const src = readSource(spec, o);
  let X: Matrix;
  let labels: (string | number)[];
  if (!('kind' in src)) {
    X = src.X;
    labels = Array.from(src.y, (k) => src.labels.labelOf(k));
  } else {
    // Lines with several labels are scored against their first label.
    labels = src.labels.map((l) => l[0]);
    X = src.kind === 'text' ? featurize(src.texts, loaded, spec) : src.X;
  }
  const y = new Int32Array(labels.length);
  labels.forEach((l, i) => {
    const k = model.labels.has(l) ? model.labels.indexOf(l) : model.labels.has(String(l)) ? model.labels.indexOf(String(l)) : -1;
    if (k < 0) throw new RangeError(`${spec}: example ${i + 1} has the label ${JSON.stringify(l)}, which the model does not know (its labels: ${model.labels.labels.map((x) => JSON.stringify(x)).join(', ')})`);
    y[i] = k;
  });
  return { X: fitColumns(X, model.numFeatures, spec), y, labels: model.labels };
}

/** Inputs to predict on (labels, if any, are ignored). */
export function loadPredictionInputs(spec: string, loaded: LoadedModel, o: SourceOptions): Matrix {
  const model = classifierOf(loaded);
  const src = readSource(spec, o, true);
  if (!('kind' in src)) return src.X;
  const X = src.kind === 'text' ? featurize(src.texts, loaded, spec) : src.X;
  return fitColumns(X, model.numFeatures, spec);
}

function featurize(texts: string[], loaded: LoadedModel, spec: string): Matrix {
  if (!loaded.featurizer) throw new RangeError(`${spec} holds text but the model was trained on numeric features`);
  return loaded.featurizer.transform(texts);
}

/** Numeric data may have fewer columns than the model (LibSVM omits trailing zeros); more is an error. */
function fitColumns(X: Matrix, D: number, spec: string): Matrix {
  if (X.cols === D) return X;
  if (X.kind === 'csr' && X.cols < D) return { ...X, cols: D };
  throw new RangeError(`${spec} has ${X.cols} features but the model expects ${D}`);
}

function expandLabels(labelSets: string[][], spec: string): { rows: number[]; labels: string[] } {
  const rows: number[] = [];
  const labels: string[] = [];
  labelSets.forEach((set, i) => {
    if (set.length === 0) throw new RangeError(`${spec}: example ${i + 1} has no label`);
    for (const l of set) {
      rows.push(i);
      labels.push(l);
    }
  });
  return { rows, labels };
}

function repeatRows(X: Matrix, rows: number[]): Matrix {
  if (X.kind !== 'csr') throw new Error('numeric file data is CSR');
  if (rows.every((r, i) => r === i) && rows.length === X.rows) return X;
  let nnz = 0;
  for (const r of rows) nnz += X.indptr[r + 1] - X.indptr[r];
  const indptr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let q = 0;
  rows.forEach((r, i) => {
    for (let p = X.indptr[r]; p < X.indptr[r + 1]; p++, q++) {
      indices[q] = X.indices[p];
      values[q] = X.values[p];
    }
    indptr[i + 1] = q;
  });
  return { ...X, rows: rows.length, indptr, indices, values };
}

/** The classifier of a loaded model that takes feature vectors (not a joint model, whose data carry candidates). */
export function classifierOf(loaded: LoadedModel): Classifier {
  if (loaded.model instanceof JointModel) throw new UsageError('this is a joint model: its data are candidate sets in JSON Lines (see --model joint)');
  return loaded.model;
}

/** Joint data (candidate sets in JSON Lines) for a joint model or for training one. */
export function loadJointData(spec: string, buckets: number, requireGold = true): JointDataset {
  return parseJointJsonl(readLines(spec), spec, buckets, { requireGold });
}
