import { type Dataset } from '../data/dataset.js';
import { type FeaturizerOptions } from '../text/featurizer.js';
import { type TrainOptions } from '../train/options.js';
import { trainSoftmax } from '../train/train.js';
import { type Classifier } from './scores.js';

/**
 * One setting to evaluate: how to featurize (text only; fitted on each
 * training part) and how to train.
 */
export interface Candidate {
  /** Training options: loss (softmax or svm), optimizer, C or l2, learning rate, epochs, class weights… */
  train: TrainOptions;
  /** Text data: featurizer options (n-grams, min-count, weighting…). */
  featurizer?: Partial<FeaturizerOptions>;
}

/**
 * Trains a candidate's model on featurized training data (no validation set: selection scores on held-out
 * data itself). `onProgress` is called during training (an autotune deadline throws from it to stop).
 */
export function fitCandidate(candidate: Candidate, train: Dataset, onProgress?: () => void): Classifier {
  return trainSoftmax(train, { ...candidate.train, validation: undefined, evaluateTrain: false, onEpoch: undefined, onProgress }).model;
}

/** A stable key of the featurizer options, so candidates that share them can share one featurization per fold. */
export function featurizerKey(candidate: Candidate): string {
  const o = candidate.featurizer ?? {};
  return JSON.stringify(Object.keys(o).sort().map((k) => [k, (o as Record<string, unknown>)[k]]));
}
