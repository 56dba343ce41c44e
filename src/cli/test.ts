import { parseArgs } from 'node:util';
import { loadModel } from '../io/model-file.js';
import { accuracy, averageCost, confusionMatrix, macroF1, perClassScores } from '../metrics/classification.js';
import { hasProbabilities } from '../model/classifier.js';
import { CoupledPairwiseModel } from '../reduce/all-vs-all.js';
import { type Matrix } from '../data/csr.js';
import { readCostFile } from './costs.js';
import { evaluateModel } from '../train/evaluate.js';
import { UsageError } from './args.js';
import { type Label } from '../data/labels.js';
import { classifierOf, loadEvaluationData, loadJointData } from './data-source.js';
import { JointModel } from '../joint/joint-model.js';
import { FORMAT_FLAG_HELP, FORMAT_FLAG_SPECS, readFormatFlags, withModelColumns } from './input-flags.js';
import { fmt, formatTable } from './table.js';

export const TEST_HELP = `argmax test: evaluate a saved model on labelled data

Usage: argmax test <model.json> <data> [--costs FILE] [--json]

<data> is a built-in dataset or a file in the model's input kind (text or
numeric). Prints accuracy, macro-F1, log loss, per-class precision/recall/F1
and the confusion matrix (rows true, columns predicted). Lines with several
labels are scored against their first. With --costs (a cost matrix file, as
for train), also the average cost ℓ(prediction, truth).

${FORMAT_FLAG_HELP}`;

export function runTest(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...FORMAT_FLAG_SPECS, costs: { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 2) throw new UsageError(`expected <model> <data>, got ${positionals.length} arguments`);
  const loaded = loadModel(positionals[0]);
  if (loaded.model instanceof JointModel) return testJoint(loaded.model, positionals[1], Boolean(values.json));
  const model = classifierOf(loaded);
  const t0 = performance.now();
  // Examples of labels the model never saw cannot be predicted right: they are reported, and count as errors in the accuracy.
  const unseen = new Map<Label, number>();
  const data = loadEvaluationData(positionals[1], loaded, withModelColumns(readFormatFlags(values), loaded.meta), (m) => console.error(`warning: ${m}`), unseen);
  const unseenExamples = [...unseen.values()].reduce((a, b) => a + b, 0);
  if (data.X.rows === 0) throw new RangeError(`${positionals[1]}: no example has a label the model knows (its labels: ${model.labels.labels.slice(0, 20).map((l) => JSON.stringify(l)).join(', ')})`);
  const pred = model.predictIndex(data.X);
  const seconds = (performance.now() - t0) / 1000;
  // Log loss needs probabilities: softmax and one-vs-all models have them, margin and pairwise models do not.
  const logLoss = hasProbabilities(model) ? evaluateModel(model, data).crossEntropy : model instanceof CoupledPairwiseModel ? coupledLogLoss(model, data) : null;
  const confusion = confusionMatrix(data.y, pred, model.numClasses);
  const costs = values.costs ? readCostFile(values.costs, model.labels) : null;
  const perClass = perClassScores(confusion);
  const labels = model.labels.labels.map(String);
  const result = {
    examples: data.X.rows + unseenExamples,
    accuracy: (accuracy(data.y, pred) * data.X.rows) / (data.X.rows + unseenExamples),
    unseen_examples: unseenExamples,
    unseen_labels: Object.fromEntries([...unseen].map(([l, n]) => [String(l), n])),
    macro_f1: macroF1(confusion),
    log_loss: logLoss,
    average_cost: costs ? averageCost(data.y, pred, costs, model.numClasses) : null,
    seconds,
    examples_per_second: data.X.rows / seconds,
    per_class: Object.fromEntries(perClass.map((s, k) => [labels[k], s])),
    labels,
    confusion: confusion.map((r) => Array.from(r)),
  };
  if (values.json) {
    console.log(JSON.stringify(result));
    return 0;
  }
  console.log(`${positionals[1]}: ${result.examples} examples`);
  if (unseenExamples > 0) {
    console.log(`${unseenExamples} of them have labels the model never saw (${[...unseen].map(([l, n]) => `${JSON.stringify(l)}: ${n}`).join(', ')}): counted as errors in the accuracy, left out of the other metrics`);
  }
  console.log(`accuracy ${fmt(result.accuracy)}   macro-F1 ${fmt(result.macro_f1)}   log loss ${fmt(result.log_loss)}${costs ? `   average cost ${fmt(result.average_cost)}` : ''}\n`);
  console.log(formatTable(['class', 'precision', 'recall', 'F1', 'support'], perClass.map((s, k) => [labels[k], fmt(s.precision), fmt(s.recall), fmt(s.f1), String(s.support)])));
  console.log('\nconfusion matrix (rows true, columns predicted):');
  console.log(formatTable(['', ...labels], confusion.map((r, k) => [labels[k], ...Array.from(r, String)])));
  return 0;
}

/** Mean −ln p(y | x) of the pairwise-coupled probabilities (floored at 1e-15, as scikit-learn's log_loss clips). */
function coupledLogLoss(model: CoupledPairwiseModel, data: { X: Matrix; y: Int32Array }): number {
  const P = model.predictProba(data.X);
  const K = model.numClasses;
  let sum = 0;
  for (let i = 0; i < data.y.length; i++) sum -= Math.log(Math.max(P.data[i * K + data.y[i]], 1e-15));
  return sum / data.y.length;
}

/** Joint models: accuracy of picking the gold candidate. */
function testJoint(model: JointModel, spec: string, json: boolean): number {
  const t0 = performance.now();
  const data = loadJointData(spec, model.w.length);
  const acc = model.accuracy(data);
  const result = { examples: data.gold.length, candidates: data.X.rows, accuracy: acc, seconds: (performance.now() - t0) / 1000 };
  if (json) console.log(JSON.stringify(result));
  else console.log(`${spec}: ${result.examples} examples, ${result.candidates} candidates\naccuracy ${fmt(acc)}`);
  return 0;
}
