import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { head, trainValidationSplit } from '../data/split.js';
import { loadMnist } from '../data/mnist.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { evaluateModel } from '../train/evaluate.js';
import { trainSoftmax } from '../train/train.js';
import { htmlReport } from '../plot/report.js';
import { lineChart } from '../plot/svg.js';
import { choiceFlag } from './args.js';
import { readCurveSizes } from './learning-curve-sizes.js';
import { NETWORK_FLAG_HELP, NETWORK_FLAG_SPECS, readNetworkFlags } from './network-flags.js';
import { ProgressBar } from './progress.js';
import { fmt, streamedTable } from './table.js';
import { SPLIT_FLAG_HELP, SPLIT_FLAG_SPECS, TRAIN_FLAG_HELP, TRAIN_FLAG_SPECS, checkedTrainOptions, readTrainFlags, readValSize } from './train-flags.js';
import { checkOutputFolder } from './output-path.js';
import { DATA_CURVE_FLAG_SPECS, runDataLearningCurve } from './learning-curve-data.js';

export const LEARNING_CURVE_HELP = `argmax learning-curve: accuracy against the training-set size

Usage: argmax learning-curve [options]                (MNIST)
       argmax learning-curve <data> [--folds 5] [--order shuffled|data] [--sizes 0.1,0.5,1.0] [options of argmax cv]

With a data argument: the curve by stratified cross-validation, as scikit-learn's learning_curve: for each
fold and size n, trains on the first n examples of the fold's training part (shuffled by --seed, or with
--order data in the file's order) and scores them and the held-out fold; sizes are counts or fractions of
the smallest training part (default 0.1, 0.325, 0.55, 0.775, 1.0), and none so small that the first n
examples of some fold's training part are of one class (refused before any training, naming the smallest
size). Takes the format, text, training, network and --scale flags of argmax cv.

Without one:

Trains softmax regression (or with --model mlp a multilayer perceptron) on the first N examples of the MNIST
training split (shuffled by --seed) for each N, with early stopping on the --val-size validation
images (default 10,000), and reports final train and test accuracy against N, with a plot.

Options:
  --model m            softmax (default) or mlp (see the network options)
  --sizes a,b,...      training-set sizes: counts (integers ≥ 2) or fractions of the training split (0 < f ≤ 1,
                       with a decimal point: 0.1, 1.0 = all), drawn in increasing order (default 500,1000,2000,5000,10000,20000,50000:
                       those the split holds, then the whole split when it is smaller)
  --folds k            with data: stratified folds (default 5)
  --order o            with data: shuffled (default, by --seed) or data (the file's order)
  --out DIR            where the report goes (default argmax-learning-curve)
  --json               print the table as one JSON object, nothing else on stdout
${SPLIT_FLAG_HELP}
${TRAIN_FLAG_HELP}
${NETWORK_FLAG_HELP}`;

export const DEFAULT_SIZES = [500, 1000, 2000, 5000, 10000, 20000, 50000];
const MNIST_TRAINING_IMAGES = 60000;

/**
 * The default sizes that fit a training split of n examples, ending with the
 * whole split when it is smaller than the largest default (a larger
 * --val-size leaves fewer than 50,000): the curve then still reaches all the data.
 */
export function defaultSizes(n: number): number[] {
  const fit = DEFAULT_SIZES.filter((s) => s <= n);
  return n < DEFAULT_SIZES[DEFAULT_SIZES.length - 1] && fit[fit.length - 1] !== n ? [...fit, n] : fit;
}

export interface CurvePoint {
  n: number;
  train_acc: number;
  test_acc: number;
  train_ce: number;
  test_ce: number;
  epochs: number;
  stop_reason: string;
  seconds: number;
}

export function runLearningCurve(argv: string[]): number {
  // A data argument makes it a cross-validated curve of that file; without one, the MNIST curve. The loose parse
  // only finds the argument (it knows every flag that takes a value); each mode then parses strictly.
  const loose = parseArgs({ args: argv, options: { ...DATA_CURVE_FLAG_SPECS, ...TRAIN_FLAG_SPECS, ...SPLIT_FLAG_SPECS, ...NETWORK_FLAG_SPECS }, allowPositionals: true, strict: false });
  if (loose.positionals.length > 0) return runDataLearningCurve(argv);
  const { values } = parseArgs({
    args: argv,
    options: { ...TRAIN_FLAG_SPECS, ...SPLIT_FLAG_SPECS, ...NETWORK_FLAG_SPECS, model: { type: 'string' }, sizes: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  const flags = readTrainFlags(values);
  const network = readNetworkFlags(values, choiceFlag(values, 'model', ['softmax', 'mlp'] as const, 'softmax') === 'mlp');
  const trainOptions = { ...flags.options, ...(network.mlp ? { mlp: network.mlp, loss: network.loss } : {}) };
  // Checked before MNIST is loaded: a bad combination is a usage error, not a failure at the first size.
  checkedTrainOptions(trainOptions);
  const json = Boolean(values.json);
  const say = json ? (_: string) => {} : (s: string) => console.log(s);
  // The sizes are checked against the training split before the images are read (its size is known from --val-size).
  const valSize = readValSize(values, MNIST_TRAINING_IMAGES);
  const available = MNIST_TRAINING_IMAGES - valSize;
  const sizes = values.sizes !== undefined ? readCurveSizes(values.sizes, available, 'training images') : defaultSizes(available);
  const outDir = values.out ?? 'argmax-learning-curve';
  checkOutputFolder(outDir, '--out');
  const full = loadMnist('mnist:train');
  if (full.X.rows !== MNIST_TRAINING_IMAGES) throw new Error(`mnist:train has ${full.X.rows} images, expected ${MNIST_TRAINING_IMAGES}`);
  const test = loadMnist('mnist:test');
  const { train, validation } = trainValidationSplit(full, valSize, flags.seed);

  say(`argmax learning-curve: ${network.mlp ? 'a multilayer perceptron' : 'softmax regression'} on growing prefixes of the MNIST training split\n`);
  // The sizes are known before training: the N column is as wide as the largest.
  const table = streamedTable(['N', 'train acc', 'test acc', 'train CE', 'test CE', 'epochs', 'seconds'], [String(Math.max(...sizes))]);
  say(table.head);
  const points: CurvePoint[] = [];
  for (const n of sizes) {
    const part = head(train, n);
    const bar = new ProgressBar(`N = ${n}`, json);
    const r = trainSoftmax(part, { ...trainOptions, validation, onProgress: (e, f) => bar.update(f, `epoch ${e}`) });
    bar.done();
    const tr = evaluateModel(r.model, part);
    const te = evaluateModel(r.model, test);
    const p: CurvePoint = {
      n,
      train_acc: tr.accuracy,
      test_acc: te.accuracy,
      train_ce: tr.crossEntropy,
      test_ce: te.crossEntropy,
      epochs: r.epochs,
      stop_reason: r.stopReason,
      seconds: r.seconds,
    };
    points.push(p);
    say(table.row([String(n), fmt(p.train_acc), fmt(p.test_acc), fmt(p.train_ce), fmt(p.test_ce), String(p.epochs), p.seconds.toFixed(1)]));
  }

  const reportPath = join(outDir, 'report.html');
  const chart = (key: 'acc' | 'ce', title: string, yLabel: string) =>
    lineChart(
      [
        { name: 'train', points: points.map((p) => [p.n, key === 'acc' ? p.train_acc : p.train_ce] as const) },
        { name: 'test', points: points.map((p) => [p.n, key === 'acc' ? p.test_acc : p.test_ce] as const) },
      ],
      { title, xLabel: 'training examples N (log scale)', yLabel, logX: true },
    );
  writeFileAtomic(
    reportPath,
    htmlReport(
      'argmax: learning curve on MNIST',
      points.map((p) => [`N = ${p.n}`, `train ${fmt(p.train_acc)}, test ${fmt(p.test_acc)}`]),
      [
        {
          heading: 'Accuracy and cross-entropy against training-set size',
          html: `<div class="row">${chart('acc', 'Accuracy', 'accuracy')}${chart('ce', 'Cross-entropy', 'cross-entropy')}</div>`,
          note: 'With few examples the model fits its training set almost perfectly and generalises poorly; the gap closes as N grows.',
        },
      ],
    ),
  );
  say(`\nReport: ${reportPath}`);
  if (json) console.log(JSON.stringify({ sizes, points, report: reportPath }));
  return 0;
}
