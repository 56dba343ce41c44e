import { type Dataset } from '../data/dataset.js';
import { type TrainOptions } from '../train/options.js';
import { type TrainResult, trainSoftmax } from '../train/train.js';
import { type LinearModel } from '../model/linear-model.js';

/**
 * A binary learner for the reductions: trains on data with exactly two
 * classes and returns a two-class linear model. Its decision value is
 * z = (w₁ − w₀)·x + (b₁ − b₀), positive for the second class; so any
 * two-class linear learner plugs in: logistic regression (the default), the
 * two-class SVM hinge or the perceptron.
 */
export type BinaryLearner = (data: Dataset, options: TrainOptions) => TrainResult<LinearModel>;

export const logisticLearner: BinaryLearner = (data, options) => trainSoftmax(data, { ...options, mlp: undefined, scores: undefined, loss: 'logistic' });
export const svmLearner: BinaryLearner = (data, options) => trainSoftmax(data, { ...options, mlp: undefined, scores: undefined, loss: 'svm' });
export const perceptronLearner: BinaryLearner = (data, options) => trainSoftmax(data, { ...options, mlp: undefined, scores: undefined, loss: 'perceptron' });

/** The reductions combine linear two-class models: a network or score function given to them is refused, not dropped. */
export function assertLinearReduction(options: TrainOptions, reduction: string): void {
  for (const key of ['mlp', 'scores'] as const) {
    if (options[key] !== undefined) throw new RangeError(`${key}: ${reduction} combines linear two-class classifiers; train a network or your own score function with trainSoftmax`);
  }
}

/** The decision function (w, b) of a trained two-class model, written into W at row r and b[r]. */
export function decisionRow(result: TrainResult<LinearModel>, D: number, W: Float64Array, b: Float64Array, r: number): void {
  const m = result.model;
  for (let j = 0; j < D; j++) W[r * D + j] = m.W[D + j] - m.W[j];
  b[r] = m.b ? m.b[1] - m.b[0] : 0;
}
