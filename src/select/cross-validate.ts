import { type FeaturizerOptions } from '../text/featurizer.js';
import { type Candidate, featurizerKey, fitCandidate } from './candidate.js';
import { type Examples, classesOf, featurizePair, subsetExamples } from './examples.js';
import { foldRows, stratifiedFolds } from './folds.js';
import { type HeldOutScores, meanSd, scoreHeldOut } from './scores.js';
import { optionNames, pickOptions, refuseUnknownOptions } from '../option-names.js';

export interface CrossValidateOptions {
  /** Number of folds k (default 5): at least 2, at most the size of the smallest class. */
  folds?: number;
  /** Repetitions with fresh fold assignments (seeds seed, seed + 1, …; default 1). */
  repeats?: number;
  /** Seed of the fold assignment (default 0). */
  seed?: number;
  /** Called after each fold with its scores. */
  onFold?: (fold: FoldResult) => void;
}

export interface FoldResult {
  repeat: number;
  fold: number;
  trainExamples: number;
  heldOutExamples: number;
  /** Columns of the training part's features (text: the vocabulary fitted on it). */
  features: number;
  scores: HeldOutScores;
  seconds: number;
}

export interface Summary {
  accuracy: { mean: number; sd: number };
  macroF1: { mean: number; sd: number };
  /** null when the model has no probabilities (SVM). */
  logLoss: { mean: number; sd: number } | null;
}

export interface CrossValidationResult {
  folds: FoldResult[];
  summary: Summary;
}

/** One split of a cross-validation: which repeat and fold, and the rows on each side. */
export interface FoldPlan {
  repeat: number;
  fold: number;
  train: Int32Array;
  heldOut: Int32Array;
}

export type FoldOptions = Pick<CrossValidateOptions, 'folds' | 'repeats' | 'seed'>;
export const FOLD_OPTION_NAMES = optionNames<FoldOptions>()(['folds', 'repeats', 'seed']);

/** The splits of `repeats` × `folds` stratified cross-validation, checked before any work. */
export function planFolds(examples: Examples, options: FoldOptions = {}): FoldPlan[] {
  refuseUnknownOptions(options, FOLD_OPTION_NAMES, 'planFolds');
  const k = options.folds ?? 5;
  const repeats = options.repeats ?? 1;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError(`repeats must be an integer ≥ 1, got ${repeats}`);
  const { y, labels } = classesOf(examples);
  const plans: FoldPlan[] = [];
  for (let r = 0; r < repeats; r++) {
    const assignment = stratifiedFolds(y, labels, k, seed + r);
    for (let f = 0; f < k; f++) plans.push({ repeat: r, fold: f, ...foldRows(assignment, f) });
  }
  return plans;
}

const CROSS_VALIDATE_OPTION_NAMES = optionNames<CrossValidateOptions>()(['folds', 'repeats', 'seed', 'onFold']);

/**
 * Stratified k-fold cross-validation of one candidate: for each fold, the
 * featurizer (text) is fitted on the other folds only, the model trained on
 * them, and accuracy, macro-F1 and log loss measured on the held-out fold.
 * Returns every fold's scores and their mean ± sample standard deviation.
 */
export function crossValidate(examples: Examples, candidate: Candidate, options: CrossValidateOptions = {}): CrossValidationResult {
  refuseUnknownOptions(options, CROSS_VALIDATE_OPTION_NAMES, 'crossValidate');
  const plans = planFolds(examples, pickOptions(options, FOLD_OPTION_NAMES));
  const folds = plans.map((plan) => {
    const result = runFold(examples, plan, candidate.featurizer, [candidate])[0];
    options.onFold?.(result);
    return result;
  });
  return { folds, summary: summarize(folds.map((f) => f.scores)) };
}

/** Featurizes one split once and scores every candidate on it (they must share the featurizer options). */
export function runFold(examples: Examples, plan: FoldPlan, featurizer: Partial<FeaturizerOptions> | undefined, candidates: Candidate[]): FoldResult[] {
  const key = featurizerKey({ train: {}, featurizer });
  for (const c of candidates) if (featurizerKey(c) !== key) throw new Error('runFold: candidates must share the featurizer options');
  const t0 = performance.now();
  const pair = featurizePair(subsetExamples(examples, plan.train), subsetExamples(examples, plan.heldOut), featurizer);
  const featurizeSeconds = (performance.now() - t0) / 1000;
  return candidates.map((c) => {
    const t1 = performance.now();
    const scores = scoreHeldOut(fitCandidate(c, pair.train), pair.heldOut);
    return {
      repeat: plan.repeat, fold: plan.fold, trainExamples: plan.train.length, heldOutExamples: plan.heldOut.length,
      features: pair.train.X.cols, scores, seconds: featurizeSeconds / candidates.length + (performance.now() - t1) / 1000,
    };
  });
}

export function summarize(scores: HeldOutScores[]): Summary {
  const logLosses = scores.map((s) => s.logLoss);
  return {
    accuracy: meanSd(scores.map((s) => s.accuracy)),
    macroF1: meanSd(scores.map((s) => s.macroF1)),
    logLoss: logLosses.every((v) => v !== null) ? meanSd(logLosses as number[]) : null,
  };
}
