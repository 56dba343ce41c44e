import { type Dataset } from '../data/dataset.js';
import { LabelTable } from '../data/labels.js';
import { LinearModel } from '../model/linear-model.js';
import { type TrainOptions } from '../train/options.js';
import { type TrainResult } from '../train/train.js';
import { type BinaryLearner, assertLinearReduction, decisionRow, logisticLearner } from './binary-learner.js';

/**
 * One-vs-all: K binary classifiers (logistic regression unless
 * another BinaryLearner is given), class k against the rest, on the same features. Reconciliation by the highest score; the
 * probabilities are the K logistic outputs σ(zₖ) normalized to sum 1
 * (scoreKind 'one-vs-all'), as the classifiers are trained independently.
 */
export function trainOneVsAll(data: Dataset, options: TrainOptions = {}, learner: BinaryLearner = logisticLearner): { model: LinearModel; results: TrainResult[] } {
  const K = data.labels.size;
  const D = data.X.cols;
  if (K < 2) throw new RangeError(`one-vs-all needs at least 2 classes, got ${K}`);
  assertLinearReduction(options, 'one-vs-all');
  const W = new Float64Array(K * D);
  const b = new Float64Array(K);
  const results: TrainResult[] = [];
  const binaryLabels = new LabelTable(['rest', 'this']);
  for (let k = 0; k < K; k++) {
    const y = Int32Array.from(data.y, (c) => (c === k ? 1 : 0));
    const validation = options.validation
      ? { ...options.validation, y: Int32Array.from(options.validation.y, (c) => (c === k ? 1 : 0)), labels: binaryLabels }
      : undefined;
    const r = learner({ X: data.X, y, labels: binaryLabels }, { ...options, validation });
    decisionRow(r, D, W, b, k);
    results.push(r);
  }
  // Normalized logistic probabilities only make sense for the logistic learner; other learners give margins.
  return { model: new LinearModel(data.labels, D, W, options.fitIntercept === false ? null : b, learner === logisticLearner ? 'one-vs-all' : 'margin'), results };
}

