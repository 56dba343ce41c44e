import { type Dataset } from '../data/dataset.js';
import { accuracy, confusionMatrix, macroF1, perClassScores } from '../metrics/classification.js';
import { LinearModel } from '../model/linear-model.js';
import { evaluateModel } from '../train/evaluate.js';

/** A model's scores on held-out data. */
export interface HeldOutScores {
  accuracy: number;
  macroF1: number;
  /** Mean cross-entropy; null for models whose scores are not probabilities (SVM margins). */
  logLoss: number | null;
  /** F1 of each class, in label-table order. */
  f1: number[];
}

/** Anything that predicts class indices for a feature matrix. */
export interface Classifier {
  predictIndex(X: Dataset['X']): Int32Array;
}

export function scoreHeldOut(model: Classifier, heldOut: Dataset): HeldOutScores {
  const pred = model.predictIndex(heldOut.X);
  const confusion = confusionMatrix(heldOut.y, pred, heldOut.labels.size);
  const probabilistic = model instanceof LinearModel && model.scoreKind !== 'margin';
  return {
    accuracy: accuracy(heldOut.y, pred),
    macroF1: macroF1(confusion),
    logLoss: probabilistic ? evaluateModel(model, heldOut).crossEntropy : null,
    f1: perClassScores(confusion).map((s) => s.f1),
  };
}

/** What a search or autotune maximizes: accuracy, macro-F1, the F1 of one class, or minus the log loss. */
export type Metric = { kind: 'accuracy' } | { kind: 'macro-f1' } | { kind: 'log-loss' } | { kind: 'f1'; label: string; index: number };

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
