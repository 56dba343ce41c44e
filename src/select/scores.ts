import { type Dataset } from '../data/dataset.js';
import { accuracy, confusionMatrix, macroF1, perClassScores } from '../metrics/classification.js';
import { type Classifier, hasProbabilities } from '../model/classifier.js';
import { evaluateModel } from '../train/evaluate.js';
import { closest } from '../cli/did-you-mean.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';

/** A model's scores on held-out data. */
export interface HeldOutScores {
  accuracy: number;
  macroF1: number;
  /** Mean cross-entropy; null for models whose scores are not probabilities (SVM margins). */
  logLoss: number | null;
  /** F1 of each class, in label-table order. */
  f1: number[];
}

export { type Classifier } from '../model/classifier.js';

export function scoreHeldOut(model: Classifier, heldOut: Dataset): HeldOutScores {
  const pred = model.predictIndex(heldOut.X);
  const confusion = confusionMatrix(heldOut.y, pred, heldOut.labels.size);
  return {
    accuracy: accuracy(heldOut.y, pred),
    macroF1: macroF1(confusion),
    logLoss: hasProbabilities(model) ? evaluateModel(model, heldOut).crossEntropy : null,
    f1: perClassScores(confusion).map((s) => s.f1),
  };
}

/** What a search or autotune maximizes: accuracy, macro-F1, the F1 of one class, or minus the log loss. */
export type Metric = { kind: 'accuracy' } | { kind: 'macro-f1' } | { kind: 'log-loss' } | { kind: 'f1'; label: string; index: number };

/** The names each kind of metric takes. */
const METRIC_NAMES: Record<Metric['kind'], readonly string[]> = {
  accuracy: optionNames<Extract<Metric, { kind: 'accuracy' }>>()(['kind']),
  'macro-f1': optionNames<Extract<Metric, { kind: 'macro-f1' }>>()(['kind']),
  'log-loss': optionNames<Extract<Metric, { kind: 'log-loss' }>>()(['kind']),
  f1: optionNames<Extract<Metric, { kind: 'f1' }>>()(['kind', 'label', 'index']),
};

/**
 * The metric of a search or autotune, refused before any work when its kind is unknown, a name
 * misspelt, or an F1 metric lacks its class: otherwise every trial would be scored undefined.
 */
export function checkMetric(metric: unknown, what: string): asserts metric is Metric {
  if (metric === null || typeof metric !== 'object' || Array.isArray(metric)) {
    throw new TypeError(`${what}: metric must be an object such as { kind: 'accuracy' }, got ${metric === null ? 'null' : Array.isArray(metric) ? 'an array' : typeof metric}`);
  }
  const kinds = Object.keys(METRIC_NAMES);
  const kind = (metric as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !Object.hasOwn(METRIC_NAMES, kind)) {
    const suggestion = typeof kind === 'string' ? closest(kind, kinds) : null;
    throw new RangeError(`${what}: metric.kind must be one of ${kinds.join(', ')}, got ${JSON.stringify(kind)}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`);
  }
  refuseUnknownOptions(metric, METRIC_NAMES[kind as Metric['kind']], `${what} ${kind} metric`);
  if (kind === 'f1') {
    const { label, index } = metric as { label?: unknown; index?: unknown };
    if (typeof label !== 'string') throw new TypeError(`${what}: an f1 metric names its class: label must be a string, got ${JSON.stringify(label)}`);
    if (!(Number.isInteger(index) && (index as number) >= 0)) throw new RangeError(`${what}: an f1 metric's index (of its class in the label table) must be an integer ≥ 0, got ${JSON.stringify(index)}`);
  }
}

export function metricName(m: Metric): string {
  return m.kind === 'f1' ? `f1:${m.label}` : m.kind;
}

/** The metric's value, oriented so that larger is better (log loss is negated; null when a model has none). */
export function metricValue(m: Metric, s: HeldOutScores): number | null {
  switch (m.kind) {
    case 'accuracy':
      return s.accuracy;
    case 'macro-f1':
      return s.macroF1;
    case 'log-loss':
      return s.logLoss === null ? null : -s.logLoss;
    case 'f1':
      return s.f1[m.index];
  }
}

/** Mean and sample standard deviation (n − 1; 0 for one value). */
export function meanSd(values: number[]): { mean: number; sd: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const ss = values.reduce((a, v) => a + (v - mean) * (v - mean), 0);
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0 };
}
