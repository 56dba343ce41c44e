/** `argmax learning-curve <data>`: a learning curve of any data file by cross-validation (scikit-learn's learning_curve). */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { htmlReport } from '../plot/report.js';
import { lineChart } from '../plot/svg.js';
import { DATA_FLAG_SPECS, readExamples, SETTING_FLAG_SPECS, settingFromFlags } from '../select/cli-common.js';
import { dataKindBeforeReading, refuseTextOptions } from '../select/data-kind.js';
import { curveCapacity, curveSmallest, learningCurve } from '../select/learning-curve.js';
import { candidateFromSetting, describeSetting } from '../select/settings.js';
import { classesOf, sizeOf } from '../select/examples.js';
import { choiceFlag, numberFlag, UsageError } from './args.js';
import { readFormatFlags } from './input-flags.js';
import { defaultCurveSizes, readCurveSizes, refuseSizesBelow } from './learning-curve-sizes.js';
import { checkOutputFolder } from './output-path.js';
import { fmt, formatTable } from './table.js';

export const DATA_CURVE_FLAG_SPECS = {
  ...SETTING_FLAG_SPECS, ...DATA_FLAG_SPECS,
  sizes: { type: 'string' }, folds: { type: 'string' }, order: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' },
} as const;

/** Fractions of the largest size for the default curve (scikit-learn's default train_sizes: 0.1, 0.325, 0.55, 0.775, 1). */
const DEFAULT_FRACTIONS = [0.1, 0.325, 0.55, 0.775];

export function runDataLearningCurve(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, options: DATA_CURVE_FLAG_SPECS, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError(`expected at most one data argument, got ${positionals.length}`);
  const spec = positionals[0];
  const folds = numberFlag(values, 'folds', 5, { integer: true, min: 2 });
  const seed = numberFlag(values, 'seed', 0, { integer: true, min: 0 });
  const order = choiceFlag(values, 'order', ['shuffled', 'data'] as const, 'shuffled');
  const setting = settingFromFlags(values);
  refuseTextOptions(spec, dataKindBeforeReading(spec, readFormatFlags(values)), setting);
  candidateFromSetting(setting, { text: true, fromFile: true });
  const outDir = values.out ?? 'argmax-learning-curve';
  checkOutputFolder(outDir, '--out');
  const json = Boolean(values.json);
  const say = json ? (_: string) => {} : (s: string) => console.log(s);

  const { examples, fromFile } = readExamples(spec, values);
  refuseTextOptions(spec, examples.kind, setting);
  const candidate = candidateFromSetting(setting, { text: examples.kind === 'text', fromFile });
  const capacity = curveCapacity(examples, folds, seed);
  const what = `examples (the smallest training part of ${folds} folds)`;
  const smallest = curveSmallest(examples, folds, seed, order);
  const sizes = values.sizes !== undefined
    ? readCurveSizes(values.sizes, capacity, what)
    : defaultCurveSizes(DEFAULT_FRACTIONS.map((f) => Math.floor(f * capacity)).filter((n) => n >= smallest), capacity);
  refuseSizesBelow(sizes, smallest);
  say(`argmax learning-curve: ${spec}, ${sizeOf(examples)} examples, ${classesOf(examples).labels.size} classes; ${folds}-fold stratified cross-validation (seed ${seed}), training parts ${order === 'shuffled' ? 'shuffled' : 'in data order'}; ${describeSetting(setting)}`);
  const result = learningCurve(examples, candidate, { sizes, folds, seed, order });
  const header = ['N', 'train accuracy', 'test accuracy'];
  say(formatTable(header, result.points.map((p) => [String(p.n), `${fmt(p.train.mean)} ± ${fmt(p.train.sd)}`, `${fmt(p.test.mean)} ± ${fmt(p.test.sd)}`])));

  const reportPath = join(outDir, 'report.html');
  const chart = lineChart(
    [
      { name: 'train', points: result.points.map((p) => [p.n, p.train.mean] as const) },
      { name: 'test', points: result.points.map((p) => [p.n, p.test.mean] as const) },
    ],
    { title: 'Accuracy', xLabel: 'training examples N (log scale)', yLabel: 'accuracy (mean over folds)', logX: true },
  );
  writeFileAtomic(reportPath, htmlReport(`argmax: learning curve of ${spec}`, result.points.map((p) => [`N = ${p.n}`, `train ${fmt(p.train.mean)}, test ${fmt(p.test.mean)}`]), [
    { heading: 'Accuracy against training-set size', html: chart, note: `Mean over ${folds} stratified folds: each size trains on the first N examples of a fold's training part and is scored on them and on the held-out fold.` },
  ]));
  say(`\nReport: ${reportPath}`);
  if (json) {
    console.log(JSON.stringify({
      data: spec, folds, seed, order, setting, sizes,
      points: result.points.map((p) => ({ n: p.n, train_acc: p.train.mean, train_acc_sd: p.train.sd, test_acc: p.test.mean, test_acc_sd: p.test.sd })),
      per_fold: result.scores.map((s) => ({ fold: s.fold, n: s.n, train_acc: s.train.accuracy, test_acc: s.test.accuracy })),
      report: reportPath,
    }));
  }
  return 0;
}
