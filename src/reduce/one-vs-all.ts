import { type Dataset, subset } from '../data/dataset.js';
import { LabelTable } from '../data/labels.js';
import { LinearModel } from '../model/linear-model.js';
import { type TrainOptions } from '../train/options.js';
import { type TrainResult, trainSoftmax } from '../train/train.js';

/**
 * One-vs-all (seed 002): K binary logistic classifiers, class k against the
 * rest, on the same features. Reconciliation by the highest score; the
 * probabilities are the K logistic outputs σ(zₖ) normalized to sum 1
 * (scoreKind 'one-vs-all'), as the classifiers are trained independently.
 */
export function trainOneVsAll(data: Dataset, options: TrainOptions = {}): { model: LinearModel; results: TrainResult[] } {
  const K = data.labels.size;
  const D = data.X.cols;
  if (K < 2) throw new RangeError(`one-vs-all needs at least 2 classes, got ${K}`);
  const W = new Float64Array(K * D);
  const b = new Float64Array(K);
  const results: TrainResult[] = [];
  const binaryLabels = new LabelTable(['rest', 'this']);
  for (let k = 0; k < K; k++) {
    const y = Int32Array.from(data.y, (c) => (c === k ? 1 : 0));
    const validation = options.validation
      ? { ...options.validation, y: Int32Array.from(options.validation.y, (c) => (c === k ? 1 : 0)), labels: binaryLabels }
      : undefined;
    const r = trainSoftmax({ X: data.X, y, labels: binaryLabels }, { ...options, loss: 'logistic', validation });
    // The binary model's rows are [0, w]: class k's scores are w·x + b.
    W.set(r.model.W.subarray(D, 2 * D), k * D);
    b[k] = r.model.b ? r.model.b[1] : 0;
    results.push(r);
  }
  return { model: new LinearModel(data.labels, D, W, options.fitIntercept === false ? null : b, 'one-vs-all'), results };
}

