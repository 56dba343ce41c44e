import { type CsrMatrix } from '../data/csr.js';
import { compareLabels, LabelTable } from '../data/labels.js';
import { type RowSink } from '../data/row-sink.js';
import { Random } from '../random.js';
import { type FeaturizerOptions, TextFeaturizer } from './featurizer.js';
import { FASTTEXT_READ_OPTION_NAMES, type FastTextReadOptions, readFastTextFile } from './fasttext-file.js';
import { optionNames, pickOptions, refuseUnknownOptions } from '../option-names.js';
import { TextFitter } from './text-pipeline.js';

/**
 * Text files streamed into features: the file is read once as bytes and no
 * document is kept as a string (see readFastTextFile).
 *
 * - fitTextFile: the featurizer (vocabulary, idf) and the label table, no rows
 *   kept: memory follows the vocabulary.
 * - transformTextFile: a fitted featurizer's rows, one at a time, into a RowSink.
 * - fitTransformTextFile: both in one pass, rows kept as interned term ids and
 *   turned into the training CSR in place (what `argmax train` uses).
 *
 * A line with several labels is one training example per label, as with the
 * readers.
 */

/** Labels seen in first-seen order, then sorted into a LabelTable. */
class LabelCollector {
  private readonly firstSeen = new Map<string, number>();
  private scratch: number[] = [];

  /** First-seen indices of a line's labels (scratch, reused). */
  indices(labels: string[]): number[] {
    this.scratch.length = labels.length;
    labels.forEach((l, k) => {
      let i = this.firstSeen.get(l);
      if (i === undefined) this.firstSeen.set(l, (i = this.firstSeen.size));
      this.scratch[k] = i;
    });
    return this.scratch;
  }

  /** The table and, per first-seen index, the class index. */
  table(): { labels: LabelTable; classOf: Int32Array } {
    const names = [...this.firstSeen.keys()];
    const labels = new LabelTable([...names].sort(compareLabels));
    return { labels, classOf: Int32Array.from(names, (n) => labels.indexOf(n)) };
  }
}

export interface TextFitResult {
  featurizer: TextFeaturizer;
  labels: LabelTable;
  /** Training examples (lines, once per label). */
  examples: number;
  /** Vocabulary mode: distinct terms counted and the largest count (to explain an empty vocabulary). */
  termSummary: { distinct: number; most: number };
}

/** (a) Fits a featurizer to a fastText file without keeping its rows. */
export function fitTextFile(path: string, options: Partial<FeaturizerOptions> = {}, read: FastTextReadOptions = {}): TextFitResult {
  refuseUnknownOptions(read, FASTTEXT_READ_OPTION_NAMES, 'fitTextFile');
  const o = new TextFeaturizer(options).options;
  const fitter = new TextFitter(o);
  const labels = new LabelCollector();
  readFastTextFile(path, {
    feedAscii: (b, s, e, nul) => fitter.feedAscii(b, s, e, nul),
    feedText: (t) => fitter.feedText(t),
    endLine: (ls) => fitter.endDocument(labels.indices(ls)),
  }, { ...pickOptions(read, FASTTEXT_READ_OPTION_NAMES), requireLabels: true });
  const examples = fitter.documents;
  const { featurizer, summary } = fitter.finish();
  return { featurizer, labels: labels.table().labels, examples, termSummary: summary };
}

export interface TransformFileOptions extends FastTextReadOptions {
  /**
   * The rows of a line from its labels: the class index of each row to write
   * ([−1]: one unlabelled row; []: skip the line). Default: one unlabelled row.
   */
  rowsOf?: (labels: string[], line: number) => readonly number[];
}

const TRANSFORM_FILE_OPTION_NAMES = optionNames<TransformFileOptions>()(['prefix', 'requireLabels', 'keepEmptyLines', 'onProgress', 'rowsOf']);

/** (b) Streams each line's row (sorted columns, final values, label index or −1) into the sink; returns the rows written. */
export function transformTextFile(path: string, featurizer: TextFeaturizer, sink: RowSink, options: TransformFileOptions = {}): number {
  refuseUnknownOptions(options, TRANSFORM_FILE_OPTION_NAMES, 'transformTextFile');
  const t = featurizer.transformer();
  const rowsOf = options.rowsOf ?? (() => UNLABELLED);
  let rows = 0;
  // A line with several rows is featurized once, then pushed once per row.
  const fanOut: RowSink & { labels: readonly number[] } = {
    labels: UNLABELLED,
    push(columns, values, length) {
      for (const label of this.labels) {
        sink.push(columns, values, length, label);
        rows++;
      }
    },
  };
  readFastTextFile(path, {
    feedAscii: (b, s, e, nul) => t.feedAscii(b, s, e, nul),
    feedText: (text) => t.feedText(text),
    endLine: (labels, line) => {
      fanOut.labels = rowsOf(labels, line);
      t.endDocument(fanOut, -1);
    },
  }, { requireLabels: false, ...pickOptions(options, FASTTEXT_READ_OPTION_NAMES) });
  return rows;
}
const UNLABELLED: readonly number[] = [-1];

export interface FitTransformFileOptions extends FastTextReadOptions {
  /** Hold out this share of the examples (seeded permutation) before fitting; the featurizer never sees them. */
  validationFraction?: number;
  seed?: number;
}

export interface TextFitTransformResult extends TextFitResult {
  train: { X: CsrMatrix; y: Int32Array };
  validation?: { X: CsrMatrix; y: Int32Array };
}

const FIT_TRANSFORM_FILE_OPTION_NAMES = optionNames<FitTransformFileOptions>()(['prefix', 'requireLabels', 'keepEmptyLines', 'onProgress', 'validationFraction', 'seed']);

/** (c) Fits and featurizes a fastText training file in one pass (rows kept as interned ids until the vocabulary is known). */
export function fitTransformTextFile(path: string, options: Partial<FeaturizerOptions> = {}, read: FitTransformFileOptions = {}): TextFitTransformResult {
  refuseUnknownOptions(read, FIT_TRANSFORM_FILE_OPTION_NAMES, 'fitTransformTextFile');
  const o = new TextFeaturizer(options).options;
  const holdOut = (read.validationFraction ?? 0) > 0;
  const fitter = new TextFitter(o, true, !holdOut);
  const labels = new LabelCollector();
  readFastTextFile(path, {
    feedAscii: (b, s, e, nul) => fitter.feedAscii(b, s, e, nul),
    feedText: (t) => fitter.feedText(t),
    endLine: (ls) => fitter.endDocument(labels.indices(ls)),
  }, { ...pickOptions(read, FASTTEXT_READ_OPTION_NAMES), requireLabels: true });
  const { labels: table, classOf } = labels.table();
  const n = fitter.rowCount;
  let trainAt: ArrayLike<number> | null = null;
  let valAt: ArrayLike<number> | null = null;
  if (holdOut) {
    // The same seeded split as the readers' path: a permutation of the examples, the last nVal held out.
    const nVal = Math.round(read.validationFraction! * n);
    if (nVal <= 0 || nVal >= n) throw new RangeError(`--val-fraction ${read.validationFraction} of ${n} examples leaves one side empty`);
    const perm = new Random(read.seed ?? 0).permutation(n);
    trainAt = perm.subarray(0, n - nVal);
    valAt = perm.subarray(n - nVal);
  }
  const { featurizer, rows, summary } = fitter.finish(trainAt ?? undefined);
  const y = (at: ArrayLike<number> | null) => (at ? Int32Array.from(at, (r) => classOf[rows!.labels[r]]) : Int32Array.from(rows!.labels, (l) => classOf[l]));
  const result: TextFitTransformResult = { featurizer, labels: table, examples: trainAt ? trainAt.length : n, termSummary: summary, train: { X: null!, y: y(trainAt) } };
  if (valAt) result.validation = { X: rows!.toCsr(valAt), y: y(valAt) };
  result.train.X = trainAt ? rows!.toCsr(trainAt) : rows!.toCsrInPlace();
  return result;
}

