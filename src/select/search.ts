import { type Candidate, featurizerKey, fitCandidate } from './candidate.js';
import { FOLD_OPTION_NAMES, type FoldResult, planFolds, runFold, type Summary, summarize } from './cross-validate.js';
import { optionNames, pickOptions, refuseUnknownOptions } from '../option-names.js';
import { type Examples, featurizePair } from './examples.js';
import { type HeldOutScores, type Metric, checkMetric, meanSd, metricValue, scoreHeldOut } from './scores.js';
import { type Setting } from './settings.js';

/** How a search scores each candidate: stratified cross-validation, or one held-out validation set. */
export type Scoring =
  | { kind: 'cv'; folds?: number; repeats?: number; seed?: number }
  | { kind: 'holdout'; heldOut: Examples };

export interface SearchEntry {
  /** The setting as flags (what the table and the train command show). */
  setting: Setting;
  candidate: Candidate;
}

export interface SearchRow extends SearchEntry {
  /** The metric averaged over folds (larger is better; log loss negated); −∞ when the model has no such score. */
  value: number;
  /** Sample standard deviation of the metric over folds (0 for a held-out set). */
  sd: number;
  summary: Summary;
  scores: HeldOutScores[];
  seconds: number;
}

export interface SearchOptions {
  scoring: Scoring;
  metric: Metric;
  /** Called when a candidate's scores are complete. */
  onResult?: (row: SearchRow, done: number, total: number) => void;
}

const SEARCH_OPTION_NAMES = optionNames<SearchOptions>()(['scoring', 'metric', 'onResult']);
const SCORING_NAMES = {
  cv: optionNames<Extract<Scoring, { kind: 'cv' }>>()(['kind', 'folds', 'repeats', 'seed']),
  holdout: optionNames<Extract<Scoring, { kind: 'holdout' }>>()(['kind', 'heldOut']),
};

/** The options, their scoring and metric, refused before any work when a name is misspelt or a kind unknown. */
function checkSearchOptions(options: SearchOptions): void {
  refuseUnknownOptions(options, SEARCH_OPTION_NAMES, 'search');
  const kind = options?.scoring?.kind;
  if (kind !== 'cv' && kind !== 'holdout') throw new RangeError(`search: scoring.kind must be "cv" or "holdout", got ${JSON.stringify(kind)}`);
  refuseUnknownOptions(options.scoring, SCORING_NAMES[kind], `search ${kind} scoring`);
  checkMetric(options.metric, 'search');
}

/**
 * Scores every entry and returns them sorted best first (ties keep their
 * order). Entries with the same featurizer options share one featurization
 * per fold, fitted on that fold's training part only.
 */
export function search(examples: Examples, entries: SearchEntry[], options: SearchOptions): SearchRow[] {
  checkSearchOptions(options);
  if (entries.length === 0) throw new RangeError('search: no candidates to score');
  const plans = options.scoring.kind === 'cv' ? planFolds(examples, pickOptions(options.scoring, FOLD_OPTION_NAMES)) : null;
  const groups = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const key = featurizerKey(e.candidate);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const rows: SearchRow[] = new Array(entries.length);
  let done = 0;
  for (const members of groups.values()) {
    const candidates = members.map((i) => entries[i].candidate);
    const featurizer = candidates[0].featurizer;
    const perCandidate: { scores: HeldOutScores; seconds: number }[][] = members.map(() => []);
    if (plans) {
      for (const plan of plans) {
        runFold(examples, plan, featurizer, candidates).forEach((r: FoldResult, j) => perCandidate[j].push(r));
      }
    } else {
      const t0 = performance.now();
      const pair = featurizePair(examples, (options.scoring as { heldOut: Examples }).heldOut, featurizer);
      const share = (performance.now() - t0) / 1000 / candidates.length;
      candidates.forEach((c, j) => {
        const t1 = performance.now();
        perCandidate[j].push({ scores: scoreHeldOut(fitCandidate(c, pair.train), pair.heldOut), seconds: share + (performance.now() - t1) / 1000 });
      });
    }
    members.forEach((i, j) => {
      const scores = perCandidate[j].map((r) => r.scores);
      const values = scores.map((s) => metricValue(options.metric, s));
      const { mean, sd } = values.every((v) => v !== null) ? meanSd(values as number[]) : { mean: -Infinity, sd: 0 };
      rows[i] = { ...entries[i], value: mean, sd, summary: summarize(scores), scores, seconds: perCandidate[j].reduce((t, r) => t + r.seconds, 0) };
      options.onResult?.(rows[i], ++done, entries.length);
    });
  }
  return rows.map((r, i) => ({ r, i })).sort((a, b) => (a.r.value === b.r.value ? a.i - b.i : b.r.value > a.r.value ? 1 : -1)).map((x) => x.r);
}
