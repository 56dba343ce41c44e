import { type Dataset, subset } from '../data/dataset.js';
import { type CsrMatrix, type Matrix } from '../data/csr.js';
import { type Label, LabelTable } from '../data/labels.js';
import { trainValidationSplit } from '../data/split.js';
import { Random } from '../random.js';
import { parseDecimal } from '../io/readers/lines.js';
import { isMnistName, loadMnist, MNIST_NAMES } from '../data/mnist.js';
import { type LoadedModel } from '../io/model-json.js';
import { type DataFormat, formatFromName, READ_OPTION_NAMES, type ReadOptions, readRecords } from '../io/readers/read.js';
import { optionNames, pickOptions } from '../option-names.js';
import { type Records, type VectorRecords } from '../io/readers/records.js';
import { type FeaturizerOptions, TextFeaturizer } from '../text/featurizer.js';
import { JointModel } from '../joint/joint-model.js';
import { type JointDataset } from '../joint/joint-data.js';
import { type Classifier } from '../model/classifier.js';
import { parseJointJsonl } from '../io/readers/joint-jsonl.js';
import { readLines } from '../io/readers/read-lines.js';
import { fitTransformTextFile, transformTextFile } from '../text/text-stream.js';
import { CsrRows } from '../text/text-pipeline.js';
import { UsageError } from './args.js';

export interface SourceOptions {
  format?: DataFormat;
  labelColumn?: string;
  textColumn?: string;
  /** CSV/TSV: columns that are not features (--ignore-columns). */
  ignoreColumns?: readonly string[];
  /** Training on LibSVM: the width (default: the largest index). */
  numFeatures?: number;
  /** Training on LibSVM: force 0-based indices (default: 0-based if any index is 0). */
  zeroBased?: boolean;
}

export const SOURCE_OPTION_NAMES = optionNames<SourceOptions>()(['format', 'labelColumn', 'textColumn', 'ignoreColumns', 'numFeatures', 'zeroBased']);

/**
 * The largest model argmax trains: K·D weights, 2²⁸ (2 GiB of float64 per
 * copy; the solvers keep several). A wider model comes from a stray huge
 * index, not from data, and is refused before anything is allocated.
 */
export const MAX_MODEL_WEIGHTS = 2 ** 28;

/** Reads a data argument: a built-in dataset (mnist:train, mnist:test) or a file. */
export function readSource(spec: string, o: SourceOptions & ReadOptions): Records | Dataset {
  if (isMnistName(spec)) return loadMnist(spec);
  if (spec.includes(':') && !spec.includes('/') && !spec.includes('.')) {
    throw new UsageError(`unknown built-in dataset ${JSON.stringify(spec)}: expected ${MNIST_NAMES.join(', ')} or a file`);
  }
  return readRecords(spec, pickOptions(o, READ_OPTION_NAMES));
}

/** What training read: the training part, the held-out part (--val-fraction), the fitted featurizer, the LibSVM index base. */
export interface TrainingData {
  data: Dataset;
  validation?: Dataset;
  featurizer: TextFeaturizer | null;
  indexBase: 0 | 1 | null;
  /** CSV/TSV: the feature columns' header names (kept in the model, so later files are matched by name). */
  columns?: string[];
  /** A warning when the features are so large that minibatch steps overflow (null when they are not). */
  scaleWarning?: string | null;
}

/** Beyond this magnitude a learning rate of order 1 sends the scores far past what exp() can take. */
const LARGE_FEATURE = 1e6;

function scaleWarningOf(values: ArrayLike<number>, spec: string): string | null {
  let max = 0;
  for (let p = 0; p < values.length; p++) max = Math.max(max, Math.abs(values[p]));
  return max > LARGE_FEATURE ? `${spec}: features reach ${max.toExponential(2)}; scale them (e.g. to [-1, 1]) — minibatch optimizers diverge on such values, Newton copes` : null;
}

/**
 * Training data: a built-in dataset, or a file whose examples are featurized
 * and whose lines with several labels count once per label. With
 * validationFraction, a seeded share of the examples is held out first and
 * the featurizer (vocabulary, idf) is fitted on the training part only, so
 * validation scores do not see their own words.
 */
export function loadTrainingData(
  spec: string,
  o: SourceOptions & {
    featurizer?: Partial<FeaturizerOptions>;
    onProgress?: (stage: string, fraction: number) => void;
    validationFraction?: number;
    seed?: number;
  },
): TrainingData {
  if (isFastTextFile(spec, o.format)) return loadFastTextTraining(spec, o);
  const src = readSource(spec, {
    ...o,
    indexBase: o.zeroBased ? 0 : 'auto',
    numFeatures: o.numFeatures,
  });
  if (!('kind' in src)) {
    if (!o.validationFraction) return { data: src, featurizer: null, indexBase: null };
    const { train, validation } = trainValidationSplit(src, o.validationFraction, o.seed ?? 0);
    return { data: train, validation, featurizer: null, indexBase: null };
  }
  const { rows, labels } = expandLabels(src.labels, spec);
  if (rows.length === 0) throw new RangeError(`${spec}: no labelled examples`);
  const table = LabelTable.fromValues(labels);
  if (table.size < 2) throw new RangeError(`${spec}: every example has the label ${JSON.stringify(table.labels[0])}; a classifier needs examples of at least 2 classes`);
  const y = table.encode(labels, `${spec}: labels`);
  if (src.kind === 'vectors') checkModelSize(src, table.size, spec);
  const n = rows.length;
  // The same seeded split as trainValidationSplit, taken before featurizing.
  let trainAt: ArrayLike<number> = rows.map((_, i) => i);
  let valAt: ArrayLike<number> | null = null;
  if (o.validationFraction) {
    const nVal = Math.round(o.validationFraction * n);
    if (nVal <= 0 || nVal >= n) throw new RangeError(`--val-fraction ${o.validationFraction} of ${n} examples leaves one side empty`);
    const perm = new Random(o.seed ?? 0).permutation(n);
    trainAt = perm.subarray(0, n - nVal);
    valAt = perm.subarray(n - nVal);
  }
  const pick = (at: ArrayLike<number>) => Array.from(at, (i) => rows[i]);
  const labelsAt = (at: ArrayLike<number>) => Int32Array.from(at, (i) => y[i]);
  let featurizer: TextFeaturizer | null = null;
  let X: Matrix;
  let Xval: Matrix | null = null;
  if (src.kind === 'text') {
    featurizer = new TextFeaturizer(o.featurizer);
    const texts = pick(trainAt).map((r) => src.texts[r]);
    X = featurizer.fitTransform(texts, (f) => o.onProgress?.('vectorizing', f));
    if (X.cols === 0) throw new RangeError(`${spec}: ${emptyVocabularyReason(featurizer, termSummary(featurizer, texts))}; no model written`);
    if (valAt) Xval = featurizer.transform(pick(valAt).map((r) => src.texts[r]));
  } else {
    X = repeatRows(src.X, pick(trainAt));
    if (valAt) Xval = repeatRows(src.X, pick(valAt));
  }
  return {
    data: { X, y: labelsAt(trainAt), labels: table },
    validation: valAt && Xval ? { X: Xval, y: labelsAt(valAt), labels: table } : undefined,
    featurizer,
    indexBase: src.kind === 'vectors' ? (src.indexBase ?? null) : null,
    columns: src.kind === 'vectors' ? src.columns : undefined,
    scaleWarning: src.kind === 'vectors' ? scaleWarningOf(src.X.values, spec) : null,
  };
}

/** A fastText file (by --format or its name), read by streaming its bytes. */
function isFastTextFile(spec: string, format: DataFormat | undefined): boolean {
  return !isMnistName(spec) && (format ?? formatFromName(spec)) === 'fasttext';
}

/** Training data from a fastText file in one streaming pass (the same examples, features and errors as the readers' path). */
function loadFastTextTraining(spec: string, o: Parameters<typeof loadTrainingData>[1]): TrainingData {
  const r = fitTransformTextFile(spec, o.featurizer, {
    validationFraction: o.validationFraction,
    seed: o.seed,
    onProgress: o.onProgress && ((f) => o.onProgress!('vectorizing', f)),
  });
  const n = r.train.y.length + (r.validation?.y.length ?? 0);
  if (n === 0) throw new RangeError(`${spec}: no labelled examples`);
  if (r.labels.size < 2) throw new RangeError(`${spec}: every example has the label ${JSON.stringify(r.labels.labels[0])}; a classifier needs examples of at least 2 classes`);
  if (r.train.X.cols === 0) throw new RangeError(`${spec}: ${emptyVocabularyReason(r.featurizer, r.termSummary)}; no model written`);
  return {
    data: { X: r.train.X, y: r.train.y, labels: r.labels },
    validation: r.validation && { X: r.validation.X, y: r.validation.y, labels: r.labels },
    featurizer: r.featurizer,
    indexBase: null,
    scaleWarning: null,
  };
}

/** Why a fitted vocabulary is empty, with the fix. */
export function emptyVocabularyReason(featurizer: TextFeaturizer, summary: { distinct: number; most: number }): string {
  if (summary.distinct === 0) return 'the texts hold no words (after lowercasing and dropping punctuation); nothing to learn from';
  const { most } = summary;
  const minCount = featurizer.options.minCount;
  return `all ${summary.distinct.toLocaleString('en-US')} terms occur fewer than --min-count ${minCount} times (the most frequent ${most}); lower --min-count (e.g. --min-count ${most})`;
}

/** Distinct terms of texts and the largest count. */
function termSummary(featurizer: TextFeaturizer, texts: string[]): { distinct: number; most: number } {
  const counts = new Map<string, number>();
  for (const t of texts) for (const term of featurizer.termsOf(t)) counts.set(term, (counts.get(term) ?? 0) + 1);
  let most = 0;
  for (const c of counts.values()) most = Math.max(most, c);
  return { distinct: counts.size, most };
}

/** Refuses, before any weight is allocated, a model whose K·D weights come from an absurd feature index. */
function checkModelSize(src: VectorRecords, K: number, spec: string): void {
  const D = src.X.cols;
  if (K * D <= MAX_MODEL_WEIGHTS) return;
  const where = src.maxIndexLine ? ` (the largest feature index is on line ${src.maxIndexLine})` : '';
  throw new RangeError(
    `${spec}: ${D.toLocaleString('en-US')} features${where} × ${K} classes would need ${(K * D).toLocaleString('en-US')} weights, ` +
      `more than the ${MAX_MODEL_WEIGHTS.toLocaleString('en-US')} argmax allows; renumber the feature indices (or hash them) into a smaller range`,
  );
}

/** Labelled data to evaluate a saved model on: featurized with the model's featurizer, labels mapped to its table. */
export function loadEvaluationData(
  spec: string,
  loaded: LoadedModel,
  o: SourceOptions,
  warn: (message: string) => void = () => {},
  /** Given: examples whose label the model never saw are counted here (label → examples) and left out, instead of refused. */
  unseen?: Map<Label, number>,
): Dataset {
  const model = classifierOf(loaded);
  if (loaded.featurizer && isFastTextFile(spec, o.format)) return streamEvaluationData(spec, loaded.featurizer, model, unseen);
  const src = alignColumns(readSource(spec, readOptionsFor(loaded, o, false)), loaded.meta.columns, spec);
  let X: Matrix;
  let labels: Label[];
  if (!('kind' in src)) {
    X = src.X;
    labels = Array.from(src.y, (k) => src.labels.labelOf(k));
  } else {
    // Lines with several labels are scored against their first label.
    labels = src.labels.map((l, i) => {
      if (l.length === 0) throw new RangeError(`${spec}: example ${i + 1} has no label`);
      return l[0];
    });
    X = inputsOf(src, loaded, spec, warn);
  }
  const y = new Int32Array(labels.length);
  const known: number[] = [];
  labels.forEach((l, i) => {
    const k = classOf(model.labels, l);
    if (k < 0 && unseen) {
      unseen.set(l, (unseen.get(l) ?? 0) + 1);
      return;
    }
    known.push(i);
    if (k < 0) throw new RangeError(`${spec}: example ${i + 1} has the label ${JSON.stringify(l)}, which the model does not know (its labels: ${model.labels.labels.slice(0, 20).map((x) => JSON.stringify(x)).join(', ')}${model.labels.size > 20 ? ', …' : ''})`);
    y[i] = k;
  });
  const data = { X: fitColumns(X, model.numFeatures, spec), y, labels: model.labels };
  return known.length === labels.length ? data : subset(data, Int32Array.from(known));
}

/** Labelled fastText data streamed through the model's featurizer; each line scored against its first label. */
function streamEvaluationData(spec: string, featurizer: TextFeaturizer, model: Classifier, unseen?: Map<Label, number>): Dataset {
  const rows = new CsrRows(featurizer.numFeatures);
  let example = 0;
  const one = [0];
  transformTextFile(spec, featurizer, rows, {
    requireLabels: true,
    rowsOf: (labels) => {
      example++;
      const l = labels[0];
      const k = classOf(model.labels, l);
      if (k < 0 && unseen) {
        unseen.set(l, (unseen.get(l) ?? 0) + 1);
        return [];
      }
      if (k < 0) throw new RangeError(`${spec}: example ${example} has the label ${JSON.stringify(l)}, which the model does not know (its labels: ${model.labels.labels.slice(0, 20).map((x) => JSON.stringify(x)).join(', ')}${model.labels.size > 20 ? ', …' : ''})`);
      one[0] = k;
      return one;
    },
  });
  return { X: fitColumns(rows.matrix(), model.numFeatures, spec), y: rows.labels(), labels: model.labels };
}

/** Inputs to predict on (labels, if any, are ignored). */
export function loadPredictionInputs(spec: string, loaded: LoadedModel, o: SourceOptions, warn: (message: string) => void = () => {}): Matrix {
  const model = classifierOf(loaded);
  if (loaded.featurizer && isFastTextFile(spec, o.format)) {
    const rows = new CsrRows(loaded.featurizer.numFeatures);
    transformTextFile(spec, loaded.featurizer, rows, { requireLabels: false, keepEmptyLines: true });
    return fitColumns(rows.matrix(), model.numFeatures, spec);
  }
  const src = alignColumns(readSource(spec, readOptionsFor(loaded, o, true)), loaded.meta.columns, spec);
  if (!('kind' in src)) return fitColumns(src.X, model.numFeatures, spec);
  return fitColumns(inputsOf(src, loaded, spec, warn), model.numFeatures, spec);
}

/** A model's own reading of later files: its LibSVM index base and width (extra features dropped and counted). */
function readOptionsFor(loaded: LoadedModel, o: SourceOptions, unlabelled: boolean): ReadOptions {
  const numeric = loaded.featurizer === null;
  return {
    ...o,
    unlabelled,
    // Test and predict files may lack the columns the model ignores (an id added to the training file only).
    absentIgnored: 'skip',
    indexBase: loaded.indexBase ?? 'auto',
    numFeatures: numeric ? classifierOf(loaded).numFeatures : undefined,
    beyondWidth: 'ignore',
  };
}

/** The label's class in the model: numbers and the strings that spell them are one label (older models stored "1"). */
export function classOf(table: LabelTable, label: Label): number {
  if (table.has(label)) return table.indexOf(label);
  if (typeof label === 'number' && table.has(String(label))) return table.indexOf(String(label));
  if (typeof label === 'string') {
    const v = parseDecimal(label);
    if (v !== null && table.has(v)) return table.indexOf(v);
  }
  return -1;
}

function inputsOf(src: Records, loaded: LoadedModel, spec: string, warn: (message: string) => void): Matrix {
  if (src.kind === 'text') {
    if (!loaded.featurizer) throw new RangeError(`${spec} holds text, but the model is a numeric model: it was trained on numeric features (LibSVM or CSV columns)`);
    return loaded.featurizer.transform(src.texts);
  }
  if (loaded.featurizer) {
    throw new RangeError(`${spec} holds numeric features, but the model is a text model: it reads text (fastText lines, a CSV text column or JSON Lines)`);
  }
  if (src.ignoredValues) {
    warn(`${spec}: ${src.ignoredValues.toLocaleString('en-US')} feature values beyond the model's ${classifierOf(loaded).numFeatures.toLocaleString('en-US')} features were ignored`);
  }
  return src.X;
}

/** LibSVM files are read at the model's width; other data (CSV columns, built-in sets) must have it. */
function fitColumns(X: Matrix, D: number, spec: string): Matrix {
  if (X.cols === D) return X;
  throw new RangeError(`${spec} has ${X.cols} features (columns) but the model expects ${D}`);
}

function expandLabels(labelSets: Label[][], spec: string): { rows: number[]; labels: Label[] } {
  const rows: number[] = [];
  const labels: Label[] = [];
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

/**
 * CSV columns matched by name to the training file's (recorded in meta.columns): a file with the same
 * columns in another order is reordered, one with other names refused. (Read by position, a swapped
 * pair of columns would silently swap the features.) Files of another width are left to the width check.
 */
export function alignColumns<S extends Records | Dataset>(src: S, trained: unknown, spec: string): S {
  if (!('kind' in src) || src.kind !== 'vectors' || !src.columns || !Array.isArray(trained)) return src;
  const names = src.columns;
  if (names.length !== trained.length || names.every((n, j) => n === trained[j])) return src;
  const at = new Map<unknown, number>(trained.map((n, j) => [n, j]));
  // Duplicate names in training cannot be matched by name: positions, as before.
  if (at.size !== trained.length) return src;
  const missing = trained.filter((n) => !names.includes(n as string));
  const unexpected = names.filter((n) => !at.has(n));
  if (missing.length || unexpected.length || new Set(names).size !== names.length) {
    const list = (xs: unknown[]) => xs.slice(0, 10).map((x) => JSON.stringify(x)).join(', ') + (xs.length > 10 ? `, … (${xs.length} in all)` : '');
    const model = trained.slice(0, 20).join(', ') + (trained.length > 20 ? ', …' : '');
    throw new RangeError(`${spec}: the columns do not match the model's (${model}): missing ${list(missing) || 'none'}; unexpected ${list(unexpected) || 'none (a name given twice)'}`);
  }
  return { ...src, X: permuteColumns(src.X, names.map((n) => at.get(n)!)), columns: trained as string[] };
}

/** The CSR matrix with column j moved to target[j] (indices kept sorted within each row). */
function permuteColumns(X: CsrMatrix, target: number[]): CsrMatrix {
  const indices = new Int32Array(X.indices.length);
  const values = new Float64Array(X.values.length);
  for (let i = 0; i < X.rows; i++) {
    const from = X.indptr[i];
    const to = X.indptr[i + 1];
    const entries = [];
    for (let p = from; p < to; p++) entries.push({ c: target[X.indices[p]], v: X.values[p] });
    entries.sort((a, b) => a.c - b.c);
    entries.forEach((e, q) => {
      indices[from + q] = e.c;
      values[from + q] = e.v;
    });
  }
  return { ...X, indices, values };
}
