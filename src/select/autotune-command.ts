/** `argmax train --autotune-val FILE …`: the command-line side of autotune (called from the train command). */
import { numberFlag, UsageError } from '../cli/args.js';
import { readFormatFlags, sourceArgs, sourceMeta } from '../cli/input-flags.js';
import { fmt } from '../cli/table.js';
import { saveModel } from '../io/model-file.js';
import { scalerToJson } from '../data/scale.js';
import { resolveTrainOptions } from '../train/options.js';
import { autotune, type Trial } from './autotune.js';
import { defaultSpace } from './autotune-space.js';
import { classesOf, sizeOf } from './examples.js';
import { loadHeldOut } from './load-examples.js';
import { columnsOf } from './final-model.js';
import { metricName } from './scores.js';
import { dataKindBeforeReading, refuseTextOptions } from './data-kind.js';
import { candidateFromSetting, describeSetting, SELECTABLE_MODELS } from './settings.js';
import { readExamples, readMetric, settingArgs, settingFromFlags, shellQuote } from './cli-common.js';

export const AUTOTUNE_FLAG_SPECS = {
  'autotune-val': { type: 'string' },
  'autotune-seconds': { type: 'string' },
  'autotune-trials': { type: 'string' },
  'autotune-metric': { type: 'string' },
} as const;

export const AUTOTUNE_FLAG_HELP = `Autotune (model kind softmax/svm/mlp, C, optimizer, n-grams, min-count, hidden size, by validation score):
  --autotune-val FILE      validation data to score each trial on (turns autotune on)
  --autotune-seconds s     budget in seconds (default 300): trials are stopped at it (trial 1 always completes)
  --autotune-trials n      or a budget in trials: the same seed and n give the same model
  --autotune-metric m      accuracy (default), macro-f1 or f1:LABEL
  Flags given (e.g. --model, --C, --ngrams) are kept fixed; trial 1 is the untuned setting.`;

const DEFAULT_SECONDS = 300;

export function wantsAutotune(values: Record<string, unknown>): boolean {
  return Object.keys(AUTOTUNE_FLAG_SPECS).some((k) => values[k] !== undefined);
}

/** Runs autotune for `argmax train`; every flag is checked before the data are read. */
export function runAutotune(data: string, values: Record<string, any>): number {
  const valFile = values['autotune-val'];
  if (!valFile) throw new UsageError('--autotune-val FILE: autotune needs validation data to score its trials on');
  let seconds = numberFlag(values, 'autotune-seconds', undefined, { exclusiveMin: 0 });
  const trials = numberFlag(values, 'autotune-trials', undefined, { integer: true, min: 1 });
  if (seconds === undefined && trials === undefined) seconds = DEFAULT_SECONDS;
  for (const clash of ['val', 'val-fraction', 'costs', 'binary-learner', 'joint-loss']) {
    if (values[clash] !== undefined) throw new UsageError(`--${clash}: not used with autotune (it scores on --autotune-val and trains ${SELECTABLE_MODELS.join(', ')} models)`);
  }
  // Trials train in memory: a request to stream from a disk cache cannot be honoured, so it is refused, not ignored.
  for (const clash of ['out-of-core', 'memory-budget']) {
    if (values[clash] !== undefined) throw new UsageError(`--${clash}: not used with autotune (its trials train in memory; for a file too large for memory, train out of core without --autotune-*)`);
  }
  const base = settingFromFlags(values);
  refuseTextOptions(data, dataKindBeforeReading(data, readFormatFlags(values)), base);
  candidateFromSetting(base, { text: true, fromFile: true });
  const json = Boolean(values.json);
  const say = json ? (_: string) => {} : (s: string) => console.log(s);

  const { examples, fromFile } = readExamples(data, values);
  refuseTextOptions(data, examples.kind, base);
  const validation = loadHeldOut(valFile, readFormatFlags(values), examples);
  const { labels } = classesOf(examples);
  const metric = readMetric(values['autotune-metric'], labels.labels, ['accuracy', 'macro-f1', 'f1:LABEL'], 'accuracy');
  const text = examples.kind === 'text';
  const budget = [seconds !== undefined ? `${seconds} s` : '', trials !== undefined ? `${trials} trials` : ''].filter(Boolean).join(' or ');
  say(`argmax train --autotune: ${data}, ${sizeOf(examples)} examples; scored by ${metricName(metric)} on ${valFile} (${sizeOf(validation)} examples); budget ${budget}`);
  const line = (t: Trial, best: boolean) =>
    `  trial ${String(t.index).padStart(3)}  ${t.stopped ? 'stopped: budget reached' : t.error ? `failed: ${t.error}` : `${metricName(metric)} ${fmt(t.value)}`}  ${t.seconds.toFixed(1)} s  ${describeSetting(t.setting)}${best ? '  ← best so far' : ''}`;
  let bestValue = -Infinity;
  const result = autotune(examples, validation, {
    metric, seconds, trials, seed: numberFlag(values, 'seed', 0, { integer: true, min: 0 }),
    space: defaultSpace(text, [...SELECTABLE_MODELS]), base,
    candidateOf: (s) => candidateFromSetting(s, { text, fromFile }),
    onTrial: (t) => {
      const improved = t.value !== null && t.value > bestValue;
      if (improved) bestValue = t.value!;
      say(line(t, improved));
    },
  });
  const best = result.best;
  const untuned = result.trials[0];
  const chosen = { ...best.setting };
  const o = resolveTrainOptions(result.candidate.train);
  saveModel(values.output, result.model, {
    featurizer: result.featurized.featurizer,
    meta: {
      trainedOn: data, examples: result.featurized.train.X.rows, model: chosen.model ?? 'softmax', options: o, scaler: scalerToJson(result.scaler), setting: chosen,
      autotune: { validation: valFile, metric: metricName(metric), value: best.value, untunedValue: untuned.value, trials: result.trials.length, seconds: result.seconds, budget },
      ...columnsOf(examples),
      ...sourceMeta(readFormatFlags(values)),
    },
  });
  say(`\n${result.trials.length} trials in ${result.seconds.toFixed(1)} s; best: trial ${best.index}, ${metricName(metric)} ${fmt(best.value)} on the validation data (untuned setting: ${fmt(untuned.value)})`);
  say(`chosen: ${describeSetting(chosen)}; validation accuracy ${fmt(best.scores!.accuracy)}, macro-F1 ${fmt(best.scores!.macroF1)}`);
  say(`the same model without autotune: ${['argmax', 'train', data, ...sourceArgs(values), ...settingArgs(chosen), '-o', values.output].map(shellQuote).join(' ')}`);
  say(`model: ${values.output}`);
  if (json) {
    console.log(JSON.stringify({
      model: values.output, metric: metricName(metric), budget, seconds: result.seconds,
      best: { trial: best.index, setting: chosen, value: best.value, accuracy: best.scores!.accuracy, macro_f1: best.scores!.macroF1 },
      untuned: { setting: untuned.setting, value: untuned.value, accuracy: untuned.scores?.accuracy ?? null, macro_f1: untuned.scores?.macroF1 ?? null },
      trials: result.trials.map((t) => ({ index: t.index, setting: t.setting, value: t.value, error: t.error, stopped: t.stopped, features: t.features, seconds: t.seconds })),
    }));
  }
  return 0;
}
