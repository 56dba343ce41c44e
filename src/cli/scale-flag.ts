import { type Dataset } from '../data/dataset.js';
import { type Scaler, type ScaleKind, SCALE_KINDS, applyScaler, fitScaler, foldIntoModel, foldScaler } from '../data/scale.js';
import { LinearModel } from '../model/linear-model.js';
import { NetworkModel } from '../model/network-model.js';
import { foldScalerIntoNetwork } from '../model/fold-network-scaler.js';
import { CoupledPairwiseModel, PairwiseModel } from '../reduce/all-vs-all.js';
import { choiceFlag, UsageError } from './args.js';

export const SCALE_FLAG_HELP = `  --scale s            standard, maxabs, minmax or none: fitted on the training data, folded into the saved
                       weights so test and predict apply it to raw inputs (default: maxabs for numeric
                       files, which keeps sparse data sparse; none for text and built-in data)`;

/** The --scale choice, defaulting by data kind: numeric files are scaled (maxabs), text (tf-idf) and built-in data not. */
export function readScaleFlag(values: Record<string, unknown>, numericFile: boolean): ScaleKind {
  return choiceFlag(values as Record<string, any>, 'scale', SCALE_KINDS, numericFile ? 'maxabs' : 'none');
}

/** Fits the scaler on the training data and applies it to the training and validation data. */
export function scaleSplit(split: { train: Dataset; validation?: Dataset }, kind: ScaleKind): { train: Dataset; validation?: Dataset; scaler: Scaler } {
  const scaler = fitScaler(split.train.X, kind);
  const scale = (d: Dataset) => ({ ...d, X: applyScaler(d.X, scaler) });
  return { train: scale(split.train), validation: split.validation ? scale(split.validation) : undefined, scaler };
}

/** The trained classifier on raw inputs: the scaler folded into its weights (linear and pairwise models, a network's first layer). */
export function foldClassifier<M>(model: M, scaler: Scaler): M {
  if (scaler.kind === 'none') return model;
  if (model instanceof LinearModel) return foldIntoModel(model, scaler) as M;
  if (model instanceof NetworkModel) return foldScalerIntoNetwork(model, scaler) as M;
  if (model instanceof PairwiseModel) {
    const { W, b } = foldScaler(model.W, model.b, model.pairs.length / 2, scaler);
    return new (model instanceof CoupledPairwiseModel ? CoupledPairwiseModel : PairwiseModel)(model.labels, model.numFeatures, model.pairs, W, b) as M;
  }
  throw new UsageError('--scale: only linear models (softmax, svm, perceptron, binary, ova, ava) and networks take a scaler; use --scale none');
}
