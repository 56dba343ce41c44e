import { Random } from '../random.js';
import { type Candidate, fitCandidate } from './candidate.js';
import { type FoldPlan, planFolds } from './cross-validate.js';
import { classesOf, type Examples, featurizePair, subsetExamples } from './examples.js';
import { type HeldOutScores, meanSd, scoreHeldOut } from './scores.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';

export interface LearningCurveOptions {
  /** Training-set sizes, each from `curveSmallest` (2 or more) to `curveCapacity` (the smallest training part of the folds). */
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

/** Why a size below `curveSmallest` cannot train, for the messages that refuse one. */
export const SMALLEST_SIZE_REASON = "with fewer, the first examples of some fold's training part are all of one class, and a classifier needs two";

/**
 * The smallest size a curve can train on (at least 2): the first n examples of every fold's training part,
 * in the order the curve takes them (`order`, shuffled by `seed`), hold two classes or more. Larger than
 * `curveCapacity` when some training part holds one class only.
 */
export function curveSmallest(examples: Examples, folds = 5, seed = 0, order: 'shuffled' | 'data' = 'shuffled'): number {
  return smallestTrainable(trainingOrders(planFolds(examples, { folds, seed }), seed, order), classesOf(examples).y);
}

/** Each fold's training rows in the order the curve takes its first n from (one seeded stream, fold after fold). */
function trainingOrders(plans: FoldPlan[], seed: number, order: 'shuffled' | 'data'): Int32Array[] {
  const rng = new Random(seed);
  return plans.map((plan) => {
    const rows = Int32Array.from(plan.train);
    if (order === 'shuffled') rng.shuffle(rows);
    return rows;
  });
}

function smallestTrainable(orders: Int32Array[], y: Int32Array): number {
  let smallest = 2;
  for (const rows of orders) {
    let t = 1;
    while (t < rows.length && y[rows[t]] === y[rows[0]]) t++;
    smallest = Math.max(smallest, t + 1);
  }
  return smallest;
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
  const orders = trainingOrders(plans, seed, order);
  const smallest = smallestTrainable(orders, classesOf(examples).y);
  // Every size is checked before the first is trained: a size that cannot train would otherwise fail after the others.
  for (const n of options.sizes) {
    if (!Number.isInteger(n) || n < 2 || n > capacity) throw new RangeError(`learning curve: size ${n} must be an integer from 2 to ${capacity} (the smallest training part of ${folds} folds)`);
    if (n < smallest) throw new RangeError(`learning curve: size ${n} is too small: option sizes must be at least ${smallest} with these folds, seed and order (${SMALLEST_SIZE_REASON})`);
  }
  const scores: CurveScore[] = [];
  for (const [f, plan] of plans.entries()) {
    const rows = orders[f];
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
