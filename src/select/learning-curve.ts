import { Random } from '../random.js';
import { type Candidate, fitCandidate } from './candidate.js';
import { planFolds } from './cross-validate.js';
import { type Examples, featurizePair, subsetExamples } from './examples.js';
import { type HeldOutScores, meanSd, scoreHeldOut } from './scores.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';

export interface LearningCurveOptions {
  /** Training-set sizes, each from 2 to `curveCapacity` (the smallest training part of the folds). */
  sizes: number[];
  /** Stratified folds k (default 5): each size is trained on every fold's training part and scored on its held-out fold. */
  folds?: number;
  /** Seed of the folds and of the order of each training part (default 0). */
  seed?: number;
  /**
   * The first n of each fold's training part in a seeded random order ('shuffled', the default), or in the order
   * of the data ('data': scikit-learn's learning_curve with shuffle=False; a file sorted by class then gives
   * prefixes of one class).
   */
  order?: 'shuffled' | 'data';
  onScore?: (s: CurveScore) => void;
}

/** One fold at one size: scores on the n training examples and on the held-out fold. */
export interface CurveScore {
  fold: number;
  n: number;
  train: HeldOutScores;
  test: HeldOutScores;
}

export interface LearningCurveResult {
  sizes: number[];
  scores: CurveScore[];
  /** Per size, train and test accuracy: mean and sample standard deviation over the folds. */
  points: { n: number; train: { mean: number; sd: number }; test: { mean: number; sd: number } }[];
}

/** The largest size a curve can train on: the smallest training part of the k stratified folds. */
export function curveCapacity(examples: Examples, folds = 5, seed = 0): number {
  return Math.min(...planFolds(examples, { folds, seed }).map((p) => p.train.length));
}

const LEARNING_CURVE_OPTION_NAMES = optionNames<LearningCurveOptions>()(['sizes', 'folds', 'seed', 'order', 'onScore']);

/**
 * A learning curve by cross-validation, as scikit-learn's `learning_curve`: for each stratified fold and each
 * size n, the candidate is trained on the first n examples of the fold's training part (the text featurizer
 * fitted on those n only) and scored on them and on the held-out fold.
 */
export function learningCurve(examples: Examples, candidate: Candidate, options: LearningCurveOptions): LearningCurveResult {
  refuseUnknownOptions(options, LEARNING_CURVE_OPTION_NAMES, 'learningCurve');
  const { folds = 5, seed = 0, order = 'shuffled' } = options;
  const plans = planFolds(examples, { folds, seed });
  const capacity = Math.min(...plans.map((p) => p.train.length));
  for (const n of options.sizes) {
    if (!Number.isInteger(n) || n < 2 || n > capacity) throw new RangeError(`learning curve: size ${n} must be an integer from 2 to ${capacity} (the smallest training part of ${folds} folds)`);
  }
  const rng = new Random(seed);
  const scores: CurveScore[] = [];
  for (const plan of plans) {
    const rows = Int32Array.from(plan.train);
    if (order === 'shuffled') rng.shuffle(rows);
    const heldOut = subsetExamples(examples, plan.heldOut);
    for (const n of options.sizes) {
      const pair = featurizePair(subsetExamples(examples, rows.subarray(0, n)), heldOut, candidate.featurizer);
      const model = fitCandidate(candidate, pair.train);
      const s: CurveScore = { fold: plan.fold, n, train: scoreHeldOut(model, pair.train), test: scoreHeldOut(model, pair.heldOut) };
      scores.push(s);
      options.onScore?.(s);
    }
  }
  const points = options.sizes.map((n) => {
    const at = scores.filter((s) => s.n === n);
    return { n, train: meanSd(at.map((s) => s.train.accuracy)), test: meanSd(at.map((s) => s.test.accuracy)) };
  });
  return { sizes: options.sizes, scores, points };
}
