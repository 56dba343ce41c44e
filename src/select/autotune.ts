import { type Candidate, featurizerKey, fitScaledCandidate } from './candidate.js';
import { type Scaler } from '../data/scale.js';
import { type Examples, type FeaturizedPair, featurizePair } from './examples.js';
import { type HeldOutScores, type Metric, checkMetric, metricValue, scoreHeldOut, type Classifier } from './scores.js';
import { type Setting } from './settings.js';
import { type AutotuneSpace, Proposer, checkAutotuneSpace } from './autotune-space.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';

export interface AutotuneOptions {
  metric: Metric;
  /**
   * The budget in seconds: no trial starts after it, and a trial under way is stopped at it (except
   * trial 1, the untuned setting, which always completes so there is something to compare with).
   */
  seconds?: number;
  /** Or after this many trials (deterministic: the same seed and trials give the same result). */
  trials?: number;
  seed?: number;
  space: AutotuneSpace;
  /** Settings the user fixed (flags); trial 1 is exactly this setting, what training without autotune would do. */
  base: Setting;
  /** The candidate a setting describes (throws for an invalid combination). */
  candidateOf: (s: Setting) => Candidate;
  onTrial?: (trial: Trial) => void;
}

export interface Trial {
  index: number;
  setting: Setting;
  /** The metric on the validation data (larger is better), or null when the trial failed or was stopped. */
  value: number | null;
  /** The trial was stopped when the budget ran out. */
  stopped: boolean;
  scores: HeldOutScores | null;
  error: string | null;
  features: number;
  seconds: number;
}

export interface AutotuneResult {
  trials: Trial[];
  best: Trial;
  /** The best trial's model, which takes raw inputs: its scaler (kind none when it does not scale) is folded into it. */
  model: Classifier;
  /** That scaler, as fitted on the training data (recorded in a saved model's meta, as argmax train does). */
  scaler: Scaler;
  featurized: FeaturizedPair;
  candidate: Candidate;
  seconds: number;
}

const AUTOTUNE_OPTION_NAMES = optionNames<AutotuneOptions>()(['metric', 'seconds', 'trials', 'seed', 'space', 'base', 'candidateOf', 'onTrial']);

/**
 * Tunes the model kind, C, optimizer and (text) n-grams and min-count on a
 * validation set within a budget of seconds or trials, as fastText's
 * -autotune-validation does: each trial trains on the training data and is
 * scored on the validation data; the best trial's model is returned.
 * Trial 1 is the user's setting with argmax's defaults, so the result scores
 * at least as well as the untuned model on the validation data.
 * Featurizations are kept per featurizer setting (the last two), so trials
 * that vary only the model reuse them.
 */
export function autotune(train: Examples, validation: Examples, options: AutotuneOptions): AutotuneResult {
  refuseUnknownOptions(options, AUTOTUNE_OPTION_NAMES, 'autotune');
  checkMetric(options.metric, 'autotune');
  checkAutotuneSpace(options.space);
  const { seconds, trials: maxTrials } = options;
  if (seconds === undefined && maxTrials === undefined) throw new RangeError('autotune: give a budget in seconds or trials');
  if (seconds !== undefined && !(seconds > 0)) throw new RangeError(`autotune: the budget must be > 0 seconds, got ${seconds}`);
  if (maxTrials !== undefined && !(Number.isInteger(maxTrials) && maxTrials >= 1)) throw new RangeError(`autotune: trials must be an integer ≥ 1, got ${maxTrials}`);
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  const proposer = new Proposer(options.space, options.base, options.seed ?? 0);
  const cache = new Map<string, FeaturizedPair>();
  const trials: Trial[] = [];
  let best: { trial: Trial; model: Classifier; scaler: Scaler; featurized: FeaturizedPair; candidate: Candidate } | null = null;
  const seen = new Set<string>();
  while ((maxTrials === undefined || trials.length < maxTrials) && (seconds === undefined || trials.length === 0 || elapsed() < seconds)) {
    const progress = Math.max(maxTrials ? trials.length / maxTrials : 0, seconds ? elapsed() / seconds : 0);
    let setting = trials.length === 0 ? { ...options.base } : proposer.next(best?.trial.setting ?? null, progress);
    // A repeat of a setting already tried teaches nothing: propose again (a few times at most).
    for (let k = 0; k < 20 && seen.has(JSON.stringify(setting)); k++) setting = proposer.next(best?.trial.setting ?? null, progress);
    seen.add(JSON.stringify(setting));
    const start = performance.now();
    const trial: Trial = { index: trials.length + 1, setting, value: null, scores: null, error: null, stopped: false, features: 0, seconds: 0 };
    const check = trials.length > 0 && seconds !== undefined ? () => { if (elapsed() >= seconds) throw new BudgetReached(); } : undefined;
    try {
      const candidate = options.candidateOf(setting);
      const key = featurizerKey(candidate);
      let pair = cache.get(key);
      if (!pair) {
        pair = featurizePair(train, validation, candidate.featurizer, check);
        if (cache.size >= 2) cache.delete(cache.keys().next().value!);
        cache.set(key, pair);
      }
      const { model, scaler } = fitScaledCandidate(candidate, pair.train, check);
      trial.scores = scoreHeldOut(model, pair.heldOut);
      trial.value = metricValue(options.metric, trial.scores);
      trial.features = pair.train.X.cols;
      if (trial.value !== null && (best === null || trial.value > best.trial.value!)) best = { trial, model, scaler, featurized: pair, candidate };
    } catch (e) {
      if (e instanceof BudgetReached) trial.stopped = true;
      else trial.error = (e as Error).message;
    }
    trial.seconds = (performance.now() - start) / 1000;
    trials.push(trial);
    options.onTrial?.(trial);
  }
  if (!best) throw new RangeError(`autotune: no trial succeeded (first error: ${trials.find((t) => t.error)?.error ?? 'none'})`);
  return { trials, best: best.trial, model: best.model, scaler: best.scaler, featurized: best.featurized, candidate: best.candidate, seconds: elapsed() };
}

/** Thrown from the progress callbacks of a trial when the budget runs out. */
class BudgetReached extends Error {
  constructor() {
    super('the time budget ran out');
  }
}
