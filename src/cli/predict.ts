import { parseArgs } from 'node:util';
import { loadModel } from '../io/model-file.js';
import { numberFlag, UsageError } from './args.js';
import { hasProbabilities } from '../model/classifier.js';
import { CoupledPairwiseModel } from '../reduce/all-vs-all.js';
import { loadPredictionInputs } from './data-source.js';
import { predictJoint } from './predict-joint.js';
import { probaLine, refuseSpacedLabels } from './proba-lines.js';
import { JointModel } from '../joint/joint-model.js';
import { type DataFormat, formatFromName } from '../io/readers/read.js';
import { FORMAT_FLAG_HELP, FORMAT_FLAG_SPECS, readFormatFlags, withModelColumns } from './input-flags.js';

export const PREDICT_HELP = `argmax predict: labels (or probabilities) for new inputs, one line per input

Usage: argmax predict <model.json> [file|-] [--proba] [-k n] [--jsonl]

Reads the file (or standard input, '-' or none; text models take one text
per line, any __label__ prefixes ignored, and answer every line, empty ones
included; numeric models read it in the format they were trained on). Prints the most probable label per input; with --proba the label and its probability; with -k n the n most
probable labels with their probabilities, as "label p label p …" (all of them when n is larger
than the number of classes, as fastText does). A joint model reads candidate sets (JSON Lines)
and ranks each example's own candidates: its probabilities sum to 1 over them, and -k n gives
at most as many as it has.

Options:
  --proba              the label's probability after it
  -k n                 the n most probable labels, each with its probability
  --jsonl              one JSON object per input line instead: {"label": …} ({"label": …, "probability": p}
                       with --proba; {"labels": […], "probabilities": […]} with -k), labels as in the
                       data (numbers stay numbers), probabilities unrounded; for labels with spaces,
                       which "label p label p" cannot separate (-k n ≥ 2 is refused for them without it)

${FORMAT_FLAG_HELP}`;

export function runPredict(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...FORMAT_FLAG_SPECS, proba: { type: 'boolean' }, k: { type: 'string', short: 'k' }, jsonl: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError(`expected <model> [file|-], got ${positionals.length} arguments`);
  const loaded = loadModel(positionals[0]);
  if (loaded.model instanceof JointModel) return predictJoint(loaded.model, loaded.meta, positionals[1] ?? '-', values);
  const K = loaded.model.numClasses;
  // A k beyond the number of classes gives all of them, as fastText's predict -k does.
  const askedK = numberFlag(values, 'k', undefined, { integer: true, min: 1, spelled: '-k' });
  const k = askedK !== undefined ? Math.min(askedK, K) : values.proba ? 1 : 0;
  const jsonl = Boolean(values.jsonl);
  refuseSpacedLabels(loaded.model.labels.labels, k, askedK, jsonl);
  const input = positionals[1] ?? '-';
  const source = withModelColumns(readFormatFlags(values), loaded.meta);
  // Standard input and files of no known format: text models read plain lines (any __label__ ignored),
  // numeric models the format they were trained on.
  if (!source.format && (input === '-' || formatFromName(input) === null)) source.format = loaded.featurizer ? 'fasttext' : trainingFormatOf(loaded.meta) ?? undefined;
  const X = loadPredictionInputs(input, loaded, source, (m) => console.error(`warning: ${m}`));
  const labels = loaded.model.labels.labels;
  const model = loaded.model;
  if (k === 0) {
    const pred = model.predictIndex(X);
    process.stdout.write(Array.from(pred, (c) => (jsonl ? JSON.stringify({ label: labels[c] }) : String(labels[c]))).join('\n') + (pred.length ? '\n' : ''));
    return 0;
  }
  if (!hasProbabilities(model) && !(model instanceof CoupledPairwiseModel)) {
    throw new UsageError('--proba and -k need probabilities; this model (SVM, perceptron, or all-vs-all of margin classifiers) predicts labels only');
  }
  const P = model.predictProba(X);
  const out: string[] = [];
  const order = Array.from({ length: K }, (_, c) => c);
  for (let i = 0; i < X.rows; i++) {
    const row = P.data.subarray(i * K, (i + 1) * K);
    order.sort((a, b) => row[b] - row[a] || a - b);
    out.push(probaLine(order.slice(0, k).map((c) => ({ label: labels[c], p: row[c] })), jsonl, askedK !== undefined));
  }
  process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
  return 0;
}

/** The numeric format a model was trained on: --format as given, else the training file's extension (null: unknown). */
function trainingFormatOf(meta: Record<string, unknown>): DataFormat | null {
  const format = typeof meta.format === 'string' ? meta.format : typeof meta.trainedOn === 'string' ? formatFromName(meta.trainedOn) : null;
  return format === 'libsvm' || format === 'csv' || format === 'tsv' ? format : null;
}
