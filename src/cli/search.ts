import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../io/atomic-write.js';
import { type SearchRow, search, type Scoring } from '../select/search.js';
import { planFolds } from '../select/cross-validate.js';
import { classesOf, sizeOf } from '../select/examples.js';
import { loadHeldOut } from '../select/load-examples.js';
import { metricName } from '../select/scores.js';
import { candidateFromSetting, describeSetting, type Setting } from '../select/settings.js';
import { type Dimension, gridSettings, parseSpace, randomSettings } from '../select/space.js';
import { type DataKind, dataKindBeforeReading, refuseTextOptions } from '../select/data-kind.js';
import { trainAndSaveFinal } from '../select/final-model.js';
import { DATA_FLAG_HELP, DATA_FLAG_SPECS, meanSdText, readExamples, readMetric, SETTING_FLAG_SPECS, settingArgs, settingFromFlags, shellQuote } from '../select/cli-common.js';
import { numberFlag, UsageError } from './args.js';
import { MAX_REPEATS } from './cv.js';
import { FEATURIZER_FLAG_HELP, FORMAT_FLAG_HELP, readFormatFlags, sourceArgs, sourceMeta } from './input-flags.js';
import { fmt, formatTable } from './table.js';
import { TRAIN_FLAG_HELP } from './train-flags.js';
import { SCALE_FLAG_HELP } from './scale-flag.js';

export const SEARCH_HELP = `argmax search: choose a setting by cross-validation or a validation file

Usage: argmax search <data> --grid 'C=0.1,1,10 ngrams=1,2 min-count=1,2' [options]
       argmax search <data> --random N [--grid 'C=0.01..100 ngrams=1,2,3'] [options]

--grid lists values per key; every combination is scored. With --random N,
N distinct settings are drawn (seeded) from the space instead: lists uniformly, ranges
lo..hi uniformly, or log-uniformly for C, lr, l2, l1 and tol (default space:
C=0.01..100, and for text ngrams=1,2,3 min-count=1,2,3). Keys: model, optimizer,
C, l2, l1, lr, epochs, batch-size, schedule, momentum, class-weight, max-iter,
tol, scale, hidden, activation, dropout (model=mlp); for text ngrams, min-count,
max-features, weighting, hash-buckets. Other
flags given apply to every setting. Prints the table sorted by score and the
best setting as an argmax train command.

Options:
  --grid SPEC          the values (or, with --random, ranges) to search
  --random n           random search: n settings drawn from the space (at most 100,000)
  --val FILE           score on this validation file instead of cross-validation
  --folds k            cross-validation folds (default 5); --repeats r (default 1, at most 100)
  --metric m           accuracy (default), macro-f1, log-loss, or f1:LABEL
  -o, --output FILE    train the best setting on all the data and save it
  --export-folds FILE  write the fold of every example (JSON) to check against other tools
  --json               print one JSON object at the end, nothing else on stdout
${DATA_FLAG_HELP}
${FORMAT_FLAG_HELP}
${FEATURIZER_FLAG_HELP}
${TRAIN_FLAG_HELP}
${SCALE_FLAG_HELP}`;

/** Random settings are drawn (and checked) before any is scored: more than this would be gigabytes of settings and years of cross-validation. */
export const MAX_RANDOM_SETTINGS = 100_000;

const TEXT_SPACE = 'C=0.01..100 ngrams=1,2,3 min-count=1,2,3';
const VECTOR_SPACE = 'C=0.01..100';

export function runSearch(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...SETTING_FLAG_SPECS, ...DATA_FLAG_SPECS,
      grid: { type: 'string' }, random: { type: 'string' }, val: { type: 'string' }, folds: { type: 'string' }, repeats: { type: 'string' },
      metric: { type: 'string' }, output: { type: 'string', short: 'o' }, 'export-folds': { type: 'string' }, json: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError(`expected one data argument, got ${positionals.length}`);
  const spec = positionals[0];
  const random = numberFlag(values, 'random', undefined, { integer: true, min: 1, max: MAX_RANDOM_SETTINGS });
  if (values.grid === undefined && random === undefined) throw new UsageError("give --grid 'key=v1,v2 …' or --random N");
  if (values.val && (values.folds !== undefined || values.repeats !== undefined)) throw new UsageError('--val and --folds/--repeats: score on a validation file or by cross-validation, not both');
  if (values.val && values['export-folds']) throw new UsageError('--export-folds: there are no folds when scoring on --val');
  const folds = numberFlag(values, 'folds', 5, { integer: true, min: 2 });
  const repeats = numberFlag(values, 'repeats', 1, { integer: true, min: 1, max: MAX_REPEATS });
  const seed = numberFlag(values, 'seed', 0, { integer: true, min: 0 });
  const base = settingFromFlags(values);
  const json = Boolean(values.json);
  const say = json ? (_: string) => {} : (s: string) => console.log(s);

  // The space is parsed and every setting checked before the data are read; text options for numeric data too,
  // when the flags and the name tell the kind (a CSV's header may decide it: then they are checked after reading).
  const given = values.grid !== undefined ? parseSpace(values.grid, '--grid') : null;
  const kindBefore = dataKindBeforeReading(spec, readFormatFlags(values));
  refuseTextOptions(spec, kindBefore, base, given ?? []);
  const defaultSpace = (kind: DataKind) => parseSpace(kind === 'text' ? TEXT_SPACE : VECTOR_SPACE, '--grid');
  const plan = (space: Dimension[]) => {
    for (const d of space) if (d.key in base) throw new UsageError(`--${d.key} is given as a flag and in --grid: keep one`);
    const varied: Setting[] = random !== undefined ? randomSettings(space, random, seed) : gridSettings(space, '--grid');
    const settings = varied.map((v) => ({ ...base, ...v }));
    settings.forEach((s, i) => checkGridSetting(s, varied[i]));
    return settings;
  };
  const planned = given ? plan(given) : kindBefore ? plan(defaultSpace(kindBefore)) : null;

  const { examples, fromFile } = readExamples(spec, values);
  refuseTextOptions(spec, examples.kind, base, given ?? []);
  const settings = planned ?? plan(defaultSpace(examples.kind));
  const { labels } = classesOf(examples);
  const entries = settings.map((setting) => ({ setting, candidate: candidateFromSetting(setting, { text: examples.kind === 'text', fromFile }) }));
  const metric = readMetric(values.metric, labels.labels, ['accuracy', 'macro-f1', 'log-loss', 'f1:LABEL'], 'accuracy');
  let scoring: Scoring;
  if (values.val) scoring = { kind: 'holdout', heldOut: loadHeldOut(values.val, readFormatFlags(values), examples) };
  else {
    scoring = { kind: 'cv', folds, repeats, seed };
    const plans = planFolds(examples, { folds, repeats, seed });
    if (values['export-folds']) exportFolds(values['export-folds'], plans, sizeOf(examples), { data: spec, folds, repeats, seed });
  }
  const how = values.val ? `validation file ${values.val}` : `${folds}-fold stratified cross-validation${repeats > 1 ? ` × ${repeats}` : ''} (seed ${seed})`;
  say(`argmax search: ${spec}, ${sizeOf(examples)} examples, ${labels.size} classes; ${entries.length} settings (${random !== undefined ? `random, seed ${seed}` : 'grid'}) scored by ${metricName(metric)} on ${how}`);
  const rows = search(examples, entries, {
    scoring, metric,
    onResult: (r, done, total) => say(`  [${done}/${total}] ${describeSetting(variedPart(r.setting, base))}: ${metricName(metric)} ${fmt(r.value === -Infinity ? null : r.value)} (${r.seconds.toFixed(1)} s)`),
  });
  const best = rows[0];
  say('');
  // One column per score; the metric's column is the sort key (f1:LABEL gets its own column).
  const extra = metric.kind === 'f1';
  const single = Boolean(values.val);
  say(`sorted by ${metricName(metric)} (mean ± sd${values.val ? '' : ' over folds'}):`);
  say(formatTable(
    ['rank', 'setting', ...(extra ? [metricName(metric)] : []), 'accuracy', 'macro-F1', 'log loss', 'seconds'],
    rows.map((r, i) => [String(i + 1), describeSetting(variedPart(r.setting, base)), ...(extra ? [valueText(r, false, single)] : []), meanSdText(r.summary.accuracy, single), meanSdText(r.summary.macroF1, single), meanSdText(r.summary.logLoss, single), r.seconds.toFixed(1)]),
  ));
  if (best.value === -Infinity) throw new RangeError(`no setting has a ${metricName(metric)} (margin models have no log loss)`);
  const command = ['argmax', 'train', spec, ...sourceArgs(values), ...settingArgs(best.setting), '-o', values.output ?? 'model.json'].map(shellQuote).join(' ');
  say(`\nbest: ${describeSetting(variedPart(best.setting, base))}, ${metricName(metric)} ${valueText(best, metric.kind === 'log-loss', Boolean(values.val))}`);
  say(`train it: ${command}`);
  if (values.first !== undefined) say(`(the search used the first ${values.first} examples; argmax train reads all of them)`);
  if (values.output) {
    const final = trainAndSaveFinal(values.output, examples, best.setting, best.candidate, {
      trainedOn: spec, source: sourceMeta(readFormatFlags(values)), selection: { method: random !== undefined ? 'random search' : 'grid search', metric: metricName(metric), score: metric.kind === 'log-loss' ? -best.value : best.value, sd: best.sd, scoredBy: how, candidates: rows.length },
    });
    say(`trained the best setting on all ${sizeOf(examples)} examples (${final.features} features, ${final.seconds.toFixed(1)} s): ${values.output}`);
  }
  if (json) {
    console.log(JSON.stringify({
      data: spec, examples: sizeOf(examples), metric: metricName(metric), scored_by: how,
      best: { setting: best.setting, score: metric.kind === 'log-loss' ? -best.value : best.value, sd: best.sd },
      train_command: command, model: values.output ?? null,
      results: rows.map((r) => ({ setting: r.setting, score: r.value === -Infinity ? null : metric.kind === 'log-loss' ? -r.value : r.value, sd: r.sd, accuracy: r.summary.accuracy, macro_f1: r.summary.macroF1, log_loss: r.summary.logLoss, per_fold: r.scores.map((s) => ({ accuracy: s.accuracy, macro_f1: s.macroF1, log_loss: s.logLoss })), seconds: r.seconds })),
    }));
  }
  return 0;
}

/**
 * Checks a setting of the search before any data are read. A value that came from --grid is named as the
 * grid spells it ("--grid C=abc: C: expected a number > 0"), not as a flag the user never typed.
 */
function checkGridSetting(setting: Setting, varied: Setting): void {
  try {
    candidateFromSetting(setting, { text: true, fromFile: true });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const flag = /^--([\w-]+):/.exec(e.message)?.[1];
    if (flag !== undefined && !(flag in varied)) throw e;
    const whole = `${describeSetting(setting)}: `;
    const reason = e.message.startsWith(whole) ? e.message.slice(whole.length) : e.message.replace(/^--([\w-]+):/, '$1:');
    throw new UsageError(`--grid ${describeSetting(setting)}: ${reason}`);
  }
}

/** The keys a search varied (the rest is the same for every row). */
function variedPart(s: Setting, base: Setting): Setting {
  return Object.fromEntries(Object.entries(s).filter(([k]) => !(k in base)));
}

function valueText(r: SearchRow, negated: boolean, single: boolean): string {
  if (r.value === -Infinity) return '—';
  return `${fmt(negated ? -r.value : r.value)}${single ? '' : ` ± ${fmt(r.sd)}`}`;
}

function exportFolds(path: string, plans: ReturnType<typeof planFolds>, n: number, info: Record<string, unknown>): void {
  const assignment = Array.from({ length: info.repeats as number }, () => new Array<number>(n).fill(-1));
  for (const p of plans) for (const i of p.heldOut) assignment[p.repeat][i] = p.fold;
  writeFileAtomic(path, JSON.stringify({ ...info, examples: n, fold: assignment }) + '\n');
}
