import { type Dataset } from '../data/dataset.js';
import { DEFAULT_FEATURIZER, type FeaturizerOptions } from '../text/featurizer.js';
import { type TrainOptions } from '../train/options.js';
import { trainSoftmax } from '../train/train.js';
import { type Classifier } from './scores.js';
import { type Scaler, type ScaleKind, applyScaler, fitScaler } from '../data/scale.js';
import { foldClassifier } from '../cli/scale-flag.js';

/**
 * One setting to evaluate: how to featurize (text only; fitted on each
 * training part) and how to train.
 */
export interface Candidate {
  /** Training options: loss (softmax or svm), optimizer, C or l2, learning rate, epochs, class weights… */
  train: TrainOptions;
  /** Text data: featurizer options (n-grams, min-count, weighting…). */
  featurizer?: Partial<FeaturizerOptions>;
  /**
   * Feature scaling fitted on each training part and folded into the weights (default none), as
   * `argmax train --scale` does: numeric files default to maxabs there, so model selection scores
   * the model that train would make.
   */
  scale?: ScaleKind;
}

/**
 * Trains a candidate's model on featurized training data (no validation set: selection scores on held-out
 * data itself). `onProgress` is called during training (an autotune deadline throws from it to stop).
 */
export function fitCandidate(candidate: Candidate, train: Dataset, onProgress?: () => void): Classifier {
  return fitScaledCandidate(candidate, train, onProgress).model;
}

/** fitCandidate, with the scaler fitted on `train` (kind none when the candidate does not scale): the model takes raw inputs. */
export function fitScaledCandidate(candidate: Candidate, train: Dataset, onProgress?: () => void): { model: Classifier; scaler: Scaler } {
  const scaler = fitScaler(train.X, candidate.scale ?? 'none');
  const scaled = scaler.kind === 'none' ? train : { ...train, X: applyScaler(train.X, scaler) };
  const model = trainSoftmax(scaled, { ...candidate.train, validation: undefined, evaluateTrain: false, onEpoch: undefined, onProgress }).model;
  return { model: foldClassifier(model, scaler), scaler };
}

/**
 * A stable key of the featurizer options with defaults filled in (so {} and the defaults spelled out agree),
 * for candidates that share them to share one featurization per fold.
 */
export function featurizerKey(candidate: Candidate): string {
  const o = { ...DEFAULT_FEATURIZER, ...candidate.featurizer };
  return JSON.stringify(Object.keys(o).sort().map((k) => [k, (o as Record<string, unknown>)[k]]));
}
