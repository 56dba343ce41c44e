import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { head, trainValidationSplit } from '../data/split.js';
import { loadMnist } from '../data/mnist.js';
import { saveModel } from '../io/model-file.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { confusionMatrix } from '../metrics/classification.js';
import { evaluateModel } from '../train/evaluate.js';
import { trainSoftmax } from '../train/train.js';
import { type EpochRecord } from '../train/options.js';
import { htmlReport } from '../plot/report.js';
import { confusionChart, imageGrid, lineChart } from '../plot/svg.js';
import { choiceFlag, numberFlag } from './args.js';
import { NETWORK_FLAG_HELP, NETWORK_FLAG_SPECS, readNetworkFlags } from './network-flags.js';
import { ProgressBar } from './progress.js';
import { fmt, formatTable } from './table.js';
import { imagesAsText } from './text-art.js';
import { SPLIT_FLAG_HELP, SPLIT_FLAG_SPECS, TRAIN_FLAG_HELP, TRAIN_FLAG_SPECS, checkedTrainOptions, describeStop, readTrainFlags, readValSize } from './train-flags.js';
import { type LinearModel } from '../model/linear-model.js';
import { NetworkModel, describeLayers } from '../model/network-model.js';
import { checkOutputFolder } from './output-path.js';

export const DEMO_HELP = `argmax demo: the softmax-regression notebook on MNIST, end to end

Usage: argmax demo [options]

Loads mnist:train (split 50,000 / 10,000 into training and validation) and
mnist:test, shows the data, trains softmax regression with early stopping,
prints train/validation/test accuracy and cross-entropy, and writes a report
(HTML with loss and accuracy curves, the 10 weight images, a confusion matrix)
and the model.

Options:
  --model m            softmax (default) or mlp (a multilayer perceptron: see the network options)
  --out DIR            where the report and model go (default argmax-demo)
  --train-size n       train on the first n examples of the training split only
  --json               print one JSON object at the end, nothing else on stdout
${SPLIT_FLAG_HELP}
${TRAIN_FLAG_HELP}
${NETWORK_FLAG_HELP}`;

const EPOCH_HEADER = ['epoch', 'train CE', 'train acc', 'val CE', 'val acc', 'seconds'];

function epochRow(e: EpochRecord): string[] {
  return [String(e.epoch), fmt(e.trainLoss), fmt(e.trainAccuracy), fmt(e.valLoss), fmt(e.valAccuracy), e.seconds.toFixed(1)];
}

export function runDemo(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { ...TRAIN_FLAG_SPECS, ...SPLIT_FLAG_SPECS, ...NETWORK_FLAG_SPECS, model: { type: 'string' }, out: { type: 'string' }, 'train-size': { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  const flags = readTrainFlags(values);
  const network = readNetworkFlags(values, choiceFlag(values, 'model', ['softmax', 'mlp'] as const, 'softmax') === 'mlp');
  // Every option checked before MNIST is loaded: a bad combination (e.g. --optimizer dual-cd, the SVM's
  // solver, for softmax regression) is a usage error, not a failure after the data and images are shown.
  const trainOptions = { ...flags.options, ...(network.mlp ? { mlp: network.mlp, loss: network.loss } : {}) };
  const o = checkedTrainOptions(trainOptions);
  const json = Boolean(values.json);
  const outDir = values.out ?? 'argmax-demo';
  checkOutputFolder(outDir, '--out');
  const say = json ? (_: string) => {} : (s: string) => console.log(s);
  const started = performance.now();

  const full = loadMnist('mnist:train');
  const test = loadMnist('mnist:test');
  const valSize = readValSize(values, full.X.rows);
  const split = trainValidationSplit(full, valSize, flags.seed);
  const trainSize = numberFlag(values, 'train-size', split.train.X.rows, { integer: true, min: 2, max: split.train.X.rows });
  const train = trainSize < split.train.X.rows ? head(split.train, trainSize) : split.train;
  const validation = split.validation;

  say(`argmax demo: ${network.mlp ? 'a multilayer perceptron' : 'multinomial logistic regression'} on MNIST\n`);
  say('The data');
  const shape = (name: string, n: number, d?: number) => `${name.padEnd(8)}(${n}${d === undefined ? ',' : `, ${d}`})`;
  for (const [name, ds] of [['train', train], ['val', validation], ['test', test]] as const) {
    say(`  ${shape(`x_${name}`, ds.X.rows, ds.X.cols)}   ${shape(`y_${name}`, ds.y.length)}`);
  }
  let nonZero = 0;
  for (let p = 0; p < train.X.data.length; p++) if (train.X.data[p] !== 0) nonZero++;
  const counts = new Array(10).fill(0);
  for (const k of train.y) counts[k]++;
  say(`  28×28 grayscale images of handwritten digits, flattened to 784 features in [0, 1]`);
  say(`  (${((100 * nonZero) / train.X.data.length).toFixed(1)}% of pixels non-zero); 10 classes, the digits 0–9.`);
  say(`  Training examples per class: ${counts.map((c, k) => `${k}:${c}`).join(' ')}\n`);
  say('The first 5 training images:');
  const first = [0, 1, 2, 3, 4];
  const columns = process.stdout.columns ?? 80;
  say(imagesAsText(train.X, first, 28, 28, first.map((i) => `label ${train.labels.labelOf(train.y[i])}`), columns) + '\n');

  say(
    `Training: ${o.optimizer}${o.optimizer === 'sgd' || o.optimizer === 'adagrad' || o.optimizer === 'adam' ? `, batch ${o.batchSize}, learning rate ${o.learningRate} (${o.schedule} schedule), at most ${o.maxEpochs} epochs` : `, tolerance ${o.tol}, at most ${o.maxIter} iterations`}, early stopping with patience ${o.patience}`,
  );
  say(formatTable(EPOCH_HEADER, []).split('\n').slice(0, 2).join('\n'));
  const bar = new ProgressBar('training', json);
  const result = trainSoftmax(train, {
    ...trainOptions,
    validation,
    onProgress: (epoch, f) => bar.update(f, `epoch ${epoch}`),
    onEpoch: (e) => {
      bar.done();
      say(formatTable(EPOCH_HEADER, [epochRow(e)]).split('\n')[2]);
    },
  });
  bar.done();
  const reason = describeStop(result.stopReason, o, result.bestEpoch);
  say(`\nStopped (${result.stopReason}): ${reason}. ${result.seconds.toFixed(1)} s.\n`);

  const ev = {
    train: evaluateModel(result.model, train),
    val: evaluateModel(result.model, validation),
    test: evaluateModel(result.model, test),
  };
  say('Final performance, train vs test:');
  say(
    formatTable(
      ['set', 'examples', 'cross-entropy', 'accuracy'],
      (['train', 'val', 'test'] as const).map((s) => [s, String({ train, val: validation, test }[s].X.rows), fmt(ev[s].crossEntropy), fmt(ev[s].accuracy)]),
    ),
  );

  const testPred = result.model.predictIndex(test.X);
  const reportPath = join(outDir, 'report.html');
  const modelPath = join(outDir, 'model.json');
  // The demo trains softmax regression or a network, never a score function of the user's.
  writeFileAtomic(reportPath, demoReport(result.history, result.model as LinearModel | NetworkModel, confusionMatrix(test.y, testPred, 10), ev, result.stopReason, result.bestEpoch));
  saveModel(modelPath, result.model, { meta: { trainedOn: 'mnist:train', examples: train.X.rows, seed: flags.seed } });
  say(`\nReport: ${reportPath}\nModel:  ${modelPath}`);

  if (json) {
    console.log(
      JSON.stringify({
        train_acc: ev.train.accuracy,
        val_acc: ev.val.accuracy,
        test_acc: ev.test.accuracy,
        train_ce: ev.train.crossEntropy,
        val_ce: ev.val.crossEntropy,
        test_ce: ev.test.crossEntropy,
        epochs: result.epochs,
        best_epoch: result.bestEpoch,
        stop_reason: result.stopReason,
        seconds: result.seconds,
        total_seconds: (performance.now() - started) / 1000,
        options: { ...o, valSize, trainSize: train.X.rows },
        history: result.history,
        report: reportPath,
        model: modelPath,
      }),
    );
  }
  return 0;
}

function demoReport(
  history: EpochRecord[],
  model: LinearModel | NetworkModel,
  confusion: Int32Array[],
  ev: Record<'train' | 'val' | 'test', { crossEntropy: number; accuracy: number }>,
  stopReason: string,
  bestEpoch: number,
): string {
  const curve = (pick: (e: EpochRecord) => number | null) => history.map((e) => [e.epoch, pick(e) ?? NaN] as const);
  const loss = lineChart(
    [
      { name: 'train', points: curve((e) => e.trainLoss) },
      { name: 'validation', points: curve((e) => e.valLoss) },
    ],
    { title: 'Cross-entropy per epoch', xLabel: 'epoch', yLabel: 'cross-entropy' },
  );
  const acc = lineChart(
    [
      { name: 'train', points: curve((e) => e.trainAccuracy) },
      { name: 'validation', points: curve((e) => e.valAccuracy) },
    ],
    { title: 'Accuracy per epoch', xLabel: 'epoch', yLabel: 'accuracy' },
  );
  // A linear model's class weight vectors; for a network, the first layer's weights into a sample of hidden units.
  const network = model instanceof NetworkModel;
  const units = network ? Math.min(16, (model.scores.layers[0] as { outputSize: number }).outputSize) : 10;
  const weights = imageGrid(
    Array.from({ length: units }, (_, k) =>
      model instanceof NetworkModel
        ? { title: `hidden unit ${k + 1}`, values: model.firstLayerUnit(k) }
        : { title: `class ${model.labels.labelOf(k)}`, values: model.W.subarray(k * 784, (k + 1) * 784) },
    ),
    28,
    28,
  );
  return htmlReport(
    network ? `argmax: multilayer perceptron (${describeLayers(model)}) on MNIST` : 'argmax: softmax regression on MNIST',
    [
      ['train accuracy / cross-entropy', `${fmt(ev.train.accuracy)} / ${fmt(ev.train.crossEntropy)}`],
      ['validation accuracy / cross-entropy', `${fmt(ev.val.accuracy)} / ${fmt(ev.val.crossEntropy)}`],
      ['test accuracy / cross-entropy', `${fmt(ev.test.accuracy)} / ${fmt(ev.test.crossEntropy)}`],
      ['epochs run / kept', `${history.length} / ${bestEpoch}`],
      ['stop reason', stopReason],
    ],
    [
      { heading: 'Loss and accuracy', html: `<div class="row">${loss}${acc}</div>`, note: 'Training and validation curves per epoch; early stopping keeps the epoch with the lowest validation cross-entropy.' },
      network
        ? { heading: `First-layer weights of ${units} hidden units as 28×28 images`, html: weights, note: 'Red pixels raise the unit\'s input, blue pixels lower it.' }
        : { heading: 'The weight vectors θₖ as 28×28 images', html: weights, note: 'Red pixels raise the score of the class, blue pixels lower it.' },
      { heading: 'Confusion matrix on the test set', html: confusionChart(confusion, model.labels.labels.map(String), 'test set: true vs predicted digit') },
    ],
  );
}
