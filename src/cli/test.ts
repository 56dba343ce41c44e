import { parseArgs } from 'node:util';
import { loadModel } from '../io/model-file.js';
import { confusionMatrix, macroF1, perClassScores } from '../metrics/classification.js';
import { evaluateModel } from '../train/evaluate.js';
import { UsageError } from './args.js';
import { loadDataSource } from './data-source.js';
import { fmt, formatTable } from './table.js';

export const TEST_HELP = `argmax test: evaluate a saved model on labelled data

Usage: argmax test <model.json> <data> [--json]

Prints accuracy, macro-F1, log loss, per-class precision/recall/F1 and the
confusion matrix (rows true, columns predicted).`;

export function runTest(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log(TEST_HELP);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError(`expected <model> <data>, got ${positionals.length} arguments`);
  const model = loadModel(positionals[0]);
  const data = loadDataSource(positionals[1]);
  if (data.X.cols !== model.numFeatures) {
    throw new UsageError(`${positionals[1]} has ${data.X.cols} features but the model expects ${model.numFeatures}`);
  }
  // Map the data's classes onto the model's label table by label value.
  const y = Int32Array.from(data.y, (k) => model.labels.indexOf(data.labels.labelOf(k)));
  const aligned = { X: data.X, y, labels: model.labels };
  const t0 = performance.now();
  const pred = model.predictIndex(aligned.X);
  const seconds = (performance.now() - t0) / 1000;
  const ev = evaluateModel(model, aligned);
  const confusion = confusionMatrix(y, pred, model.numClasses);
  const perClass = perClassScores(confusion);
  const labels = model.labels.labels.map(String);
  const result = {
    examples: data.X.rows,
    accuracy: ev.accuracy,
    macro_f1: macroF1(confusion),
    log_loss: ev.crossEntropy,
    predict_seconds: seconds,
    per_class: Object.fromEntries(perClass.map((s, k) => [labels[k], s])),
    labels,
    confusion: confusion.map((r) => Array.from(r)),
  };
  if (values.json) {
    console.log(JSON.stringify(result));
    return 0;
  }
  console.log(`${positionals[1]}: ${data.X.rows} examples`);
  console.log(`accuracy ${fmt(result.accuracy)}   macro-F1 ${fmt(result.macro_f1)}   log loss ${fmt(result.log_loss)}\n`);
  console.log(formatTable(['class', 'precision', 'recall', 'F1', 'support'], perClass.map((s, k) => [labels[k], fmt(s.precision), fmt(s.recall), fmt(s.f1), String(s.support)])));
  console.log('\nconfusion matrix (rows true, columns predicted):');
  console.log(formatTable(['', ...labels], confusion.map((r, k) => [labels[k], ...Array.from(r, String)])));
  return 0;
}
