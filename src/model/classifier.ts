import { LinearModel } from './linear-model.js';
import { NetworkModel } from './network-model.js';
import type { PairwiseModel } from '../reduce/all-vs-all.js';

/** A trained classifier of feature vectors: linear (softmax, one-vs-all, margin), a network, or all-vs-all votes. */
export type Classifier = LinearModel | NetworkModel | PairwiseModel;

/** Whether a classifier gives class probabilities (softmax or one-vs-all scores; not margins or votes). */
export function hasProbabilities(model: Classifier): model is LinearModel | NetworkModel {
  return (model instanceof LinearModel || model instanceof NetworkModel) && model.scoreKind !== 'margin';
}
