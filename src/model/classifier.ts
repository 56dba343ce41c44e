import { LinearModel } from './linear-model.js';
import { ScoreModel } from './score-model.js';
import type { PairwiseModel } from '../reduce/all-vs-all.js';

/** A trained classifier of feature vectors: linear (softmax, one-vs-all, margin), a network or other score function, or all-vs-all votes. */
export type Classifier = LinearModel | ScoreModel | PairwiseModel;

/** Whether a classifier gives class probabilities (softmax or one-vs-all scores; not margins or votes). */
export function hasProbabilities(model: Classifier): model is LinearModel | ScoreModel {
  return (model instanceof LinearModel || model instanceof ScoreModel) && model.scoreKind !== 'margin';
}
