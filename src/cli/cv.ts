import { parseArgs } from 'node:util';
import { crossValidate, type FoldResult } from '../select/cross-validate.js';
import { classesOf, sizeOf } from '../select/examples.js';
import { planFolds, summarize } from '../select/cross-validate.js';
import { crossValidateOnWorkers } from '../select/parallel-cv.js';
import { candidateFromSetting, describeSetting } from '../select/settings.js';
import { DATA_FLAG_HELP, DATA_FLAG_SPECS, meanSdText, readExamples, SETTING_FLAG_SPECS, settingFromFlags } from '../select/cli-common.js';
import { numberFlag, UsageError } from './args.js';
import { FEATURIZER_FLAG_HELP, FORMAT_FLAG_HELP, readFormatFlags } from './input-flags.js';
import { dataKindBeforeReading, refuseTextOptions } from '../select/data-kind.js';
import { fmt, formatTable } from './table.js';
import { TRAIN_FLAG_HELP } from './train-flags.js';
import { SCALE_FLAG_HELP } from './scale-flag.js';

export const CV_HELP = `argmax cv: stratified k-fold cross-validation of one setting

Usage: argmax cv <data> [--folds 5] [--repeats 1] [model, training and text options]

Splits the data into k folds with every class spread evenly over them
(seeded by --seed), trains on k − 1 folds and scores the held-out one, k
times. For text, the featurizer (vocabulary, min-count, idf) is fitted on the
training folds only. Prints each fold's accuracy, macro-F1 and log loss and
their mean ± sample standard deviation. Defaults are those of argmax train.

Options:
  --folds k            number of folds (default 5; at most the size of the smallest class)
  --repeats r          repeat with fresh folds (seeds seed, seed + 1, …; default 1, at most 100)
  --workers n          run the folds on n worker threads (default 1; each reads the data itself,
                       so more threads pay off when training dominates and cores are free)
  --model m            softmax (default), svm or mlp (with the network options of argmax train)
  --json               print one JSON object at the end, nothing else on stdout
${DATA_FLAG_HELP}
${FORMAT_FLAG_HELP}
${FEATURIZER_FLAG_HELP}
${TRAIN_FLAG_HELP}
${SCALE_FLAG_HELP}`;

/** The folds of every repeat are planned (index arrays over all the examples) before any training: 100 repeats is 100 copies. */
export const MAX_REPEATS = 100;

const HEADER = ['repeat', 'fold', 'train', 'held out', 'features', 'accuracy', 'macro-F1', 'log loss', 'seconds'];
const row = (f: FoldResult) => [String(f.repeat + 1), String(f.fold + 1), String(f.trainExamples), String(f.heldOutExamples), String(f.features), fmt(f.scores.accuracy), fmt(f.scores.macroF1), fmt(f.scores.logLoss), f.seconds.toFixed(1)];

export function runCv(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...SETTING_FLAG_SPECS, ...DATA_FLAG_SPECS, folds: { type: 'string' }, repeats: { type: 'string' }, workers: { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError(`expected one data argument, got ${positionals.length}`);
  const folds = numberFlag(values, 'folds', 5, { integer: true, min: 2 });
  const repeats = numberFlag(values, 'repeats', 1, { integer: true, min: 1, max: MAX_REPEATS });
  const workers = numberFlag(values, 'workers', 1, { integer: true, min: 1, max: 64 });
  const seed = numberFlag(values, 'seed', 0, { integer: true, min: 0 });
  const setting = settingFromFlags(values);
  const json = Boolean(values.json);
  const say = json ? (_: string) => {} : (s: string) => console.log(s);
  // Settings are checked against the flag ranges first, then the folds against the data, before any training.
  refuseTextOptions(positionals[0], dataKindBeforeReading(positionals[0], readFormatFlags(values)), setting);
  candidateFromSetting(setting, { text: true, fromFile: true });
  const { examples, fromFile } = readExamples(positionals[0], values);
  refuseTextOptions(positionals[0], examples.kind, setting);
  const candidate = candidateFromSetting(setting, { text: examples.kind === 'text', fromFile });
  planFolds(examples, { folds, repeats, seed });
  const { labels } = classesOf(examples);
  say(`argmax cv: ${positionals[0]}, ${sizeOf(examples)} examples, ${labels.size} classes; ${folds} folds × ${repeats} repeat${repeats > 1 ? 's' : ''}, stratified (seed ${seed})${workers > 1 ? `, ${workers} worker threads` : ''}; ${describeSetting(setting)}`);
  say(formatTable(HEADER, []).split('\n').slice(0, 2).join('\n'));
  const onFold = (f: FoldResult) => say(formatTable(HEADER, [row(f)]).split('\n')[2]);
  const result = workers > 1
    ? withSummary(crossValidateOnWorkers({ spec: positionals[0], values, setting, folds, repeats, seed, total: folds * repeats }, workers, onFold))
    : crossValidate(examples, candidate, { folds, repeats, seed, onFold });
  const s = result.summary;
  say(`\nmean ± sd over ${result.folds.length} folds: accuracy ${meanSdText(s.accuracy)}   macro-F1 ${meanSdText(s.macroF1)}   log loss ${meanSdText(s.logLoss)}`);
  if (json) {
    console.log(JSON.stringify({
      data: positionals[0], examples: sizeOf(examples), classes: labels.labels, folds, repeats, seed, setting,
      per_fold: result.folds.map((f) => ({ repeat: f.repeat, fold: f.fold, train: f.trainExamples, held_out: f.heldOutExamples, features: f.features, accuracy: f.scores.accuracy, macro_f1: f.scores.macroF1, log_loss: f.scores.logLoss, seconds: f.seconds })),
      accuracy: s.accuracy, macro_f1: s.macroF1, log_loss: s.logLoss,
    }));
  }
  return 0;
}

const withSummary = (folds: FoldResult[]) => ({ folds, summary: summarize(folds.map((f) => f.scores)) });
