import { DATA_FORMATS, formatFromName } from '../io/readers/read.js';
import { MAX_LIBSVM_INDEX } from '../io/readers/libsvm.js';
import { DEFAULT_FEATURIZER, type FeaturizerOptions } from '../text/featurizer.js';
import { choiceFlag, numberFlag, UsageError } from './args.js';
import { type SourceOptions } from './data-source.js';

/** Flags that say how to read a data file. */
export const FORMAT_FLAG_SPECS = {
  format: { type: 'string' },
  'label-column': { type: 'string' },
  'text-column': { type: 'string' },
  'ignore-columns': { type: 'string' },
} as const;

export const FORMAT_FLAG_HELP = `Data files (the format comes from the extension: .txt/.ft fastText, .svm/.libsvm LibSVM, .csv, .tsv, .jsonl):
  --format f           ${DATA_FORMATS.join(', ')}
  --label-column name  CSV/TSV: the label column (default label; test and predict: the model's)
  --text-column name   CSV/TSV: the text column (default text, if present, or the model's; otherwise numeric columns)
  --ignore-columns a,b CSV/TSV: columns that are not features (an id, a name); the training file must have them,
                       the model keeps them, and later files are read without them (they may lack them)`;

export function readFormatFlags(values: Record<string, any>): SourceOptions {
  return {
    format: choiceFlag(values, 'format', DATA_FORMATS, undefined),
    labelColumn: values['label-column'],
    textColumn: values['text-column'],
    ignoreColumns: readIgnoreColumns(values),
  };
}

/** --ignore-columns id,name: distinct, non-empty header names, none of them the label or text column named by a flag. */
function readIgnoreColumns(values: Record<string, any>): string[] | undefined {
  const raw = values['ignore-columns'];
  if (raw === undefined) return undefined;
  const names = String(raw).split(',');
  if (names.some((n) => n === '')) throw new UsageError(`--ignore-columns: expected comma-separated column names (e.g. id,name), got ${JSON.stringify(String(raw))}`);
  const label = values['label-column'] ?? 'label';
  for (const n of names) {
    if (n === label) throw new UsageError(`--ignore-columns: ${JSON.stringify(n)} is the label column; it cannot be ignored`);
    if (n === values['text-column']) throw new UsageError(`--ignore-columns: ${JSON.stringify(n)} is the text column (--text-column); it cannot be ignored`);
  }
  return [...new Set(names)];
}

/** --ignore-columns only names columns of CSV/TSV files: for other data it is refused, not silently dropped. */
export function checkIgnoreColumnsApply(spec: string, source: SourceOptions): void {
  if (!source.ignoreColumns) return;
  const format = source.format ?? formatFromName(spec);
  if (format !== 'csv' && format !== 'tsv') throw new UsageError(`--ignore-columns: names CSV/TSV columns, but ${spec} is ${format ? `a ${format} file` : 'not a CSV/TSV file'}`);
}

/** The reading flags as given, as command-line words: a printed `argmax train` command must read the file as the search did. */
export function sourceArgs(values: Record<string, any>): string[] {
  return Object.keys(FORMAT_FLAG_SPECS).flatMap((k) => (values[k] !== undefined ? [`--${k}`, String(values[k])] : []));
}

/** --format, --label-column, --text-column and --ignore-columns as given, kept in a model's meta so that test and predict read later files by them. */
export function sourceMeta(source: SourceOptions): { format?: string; labelColumn?: string; textColumn?: string; ignoreColumns?: string[] } {
  return {
    ...(source.format !== undefined ? { format: source.format } : {}),
    ...(source.labelColumn !== undefined ? { labelColumn: source.labelColumn } : {}),
    ...(source.textColumn !== undefined ? { textColumn: source.textColumn } : {}),
    ...(source.ignoreColumns !== undefined ? { ignoreColumns: [...source.ignoreColumns] } : {}),
  };
}

/**
 * The CSV/TSV columns a model was trained with (--label-column, --text-column, kept in its meta) as the
 * defaults for reading later files: a model trained with --label-column species reads test files by it too.
 */
export function withModelColumns(source: SourceOptions, meta: Record<string, unknown>): SourceOptions {
  const named = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const names = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '') ? (v as string[]) : undefined);
  return {
    ...source,
    labelColumn: source.labelColumn ?? named(meta.labelColumn),
    textColumn: source.textColumn ?? named(meta.textColumn),
    ignoreColumns: source.ignoreColumns ?? names(meta.ignoreColumns),
  };
}

/** Flags for training on LibSVM files: later files are read with the model's width and index base. */
export const VECTOR_INPUT_FLAG_SPECS = {
  'n-features': { type: 'string' },
  'zero-based': { type: 'boolean' },
} as const;

export const VECTOR_INPUT_FLAG_HELP = `LibSVM files (the model keeps the width and index base; test and predict files are read with them,
and their features beyond the width are ignored and counted, as LIBLINEAR does):
  --n-features n       the width (default: the largest index in the training file)
  --zero-based         indices start at 0 (default: 0-based if any index is 0, else 1-based)`;

export function readVectorInputFlags(values: Record<string, any>): Pick<SourceOptions, 'numFeatures' | 'zeroBased'> {
  return {
    numFeatures: numberFlag(values, 'n-features', undefined, { integer: true, min: 1, max: MAX_LIBSVM_INDEX + 1 }),
    zeroBased: values['zero-based'] ? true : undefined,
  };
}

/** Flags of the text featurizer. */
export const FEATURIZER_FLAG_SPECS = {
  ngrams: { type: 'string' },
  'char-ngrams': { type: 'string' },
  'min-count': { type: 'string' },
  'max-features': { type: 'string' },
  weighting: { type: 'string' },
  'no-sublinear-tf': { type: 'boolean' },
  'no-normalize': { type: 'boolean' },
  'hash-buckets': { type: 'string' },
  'unsigned-hash': { type: 'boolean' },
  'keep-punctuation': { type: 'boolean' },
  'no-lowercase': { type: 'boolean' },
  'segment-words': { type: 'boolean' },
} as const;

/** Hashed features beyond 2²⁶ buckets would only multiply the model's size (K weights per bucket). */
export const MAX_HASH_BUCKETS = 2 ** 26;

const F = DEFAULT_FEATURIZER;
export const FEATURIZER_FLAG_HELP = `Text features (defaults from the featurizer's own table):
  --ngrams n           word n-grams up to n (default ${F.wordNgrams})
  --char-ngrams a,b    character n-grams of lengths a..b of each word (default ${F.charNgrams ? F.charNgrams.join(',') : 'none'})
  --min-count n        keep terms seen at least n times (default ${F.minCount})
  --max-features n     keep the n most frequent terms (default ${F.maxFeatures ?? 'all'})
  --weighting w        binary, count or tfidf (default ${F.weighting}${F.sublinearTf ? ', with sublinear tf 1 + ln c' : ''})
  --no-sublinear-tf    raw counts in tf
  --no-normalize       no l2 row normalization
  --hash-buckets n     hashing trick with n ≤ ${MAX_HASH_BUCKETS} buckets instead of a vocabulary (signed; --unsigned-hash)
  --keep-punctuation   punctuation marks as tokens; --no-lowercase keeps case
  --segment-words      cut Chinese, Japanese, Thai, Lao, Khmer and Myanmar text into dictionary words`;

export function readFeaturizerFlags(values: Record<string, any>): Partial<FeaturizerOptions> {
  const o: Partial<FeaturizerOptions> = {};
  const ngrams = numberFlag(values, 'ngrams', undefined, { integer: true, min: 1, max: 5 });
  if (ngrams !== undefined) o.wordNgrams = ngrams;
  if (values['char-ngrams'] !== undefined) {
    const raw = String(values['char-ngrams']);
    const m = /^(\d+),(\d+)$/.exec(raw);
    if (raw === '0') o.charNgrams = null;
    else if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1])) throw new UsageError(`--char-ngrams: expected a,b with 1 ≤ a ≤ b (e.g. 3,5), or 0, got ${JSON.stringify(raw)}`);
    else o.charNgrams = [Number(m[1]), Number(m[2])];
  }
  const minCount = numberFlag(values, 'min-count', undefined, { integer: true, min: 1 });
  if (minCount !== undefined) o.minCount = minCount;
  const maxFeatures = numberFlag(values, 'max-features', undefined, { integer: true, min: 1 });
  if (maxFeatures !== undefined) o.maxFeatures = maxFeatures;
  const weighting = choiceFlag(values, 'weighting', ['binary', 'count', 'tfidf'] as const, undefined);
  if (weighting) o.weighting = weighting;
  if (values['no-sublinear-tf']) o.sublinearTf = false;
  if (values['no-normalize']) o.normalize = 'none';
  const buckets = numberFlag(values, 'hash-buckets', undefined, { integer: true, min: 1, max: MAX_HASH_BUCKETS });
  if (buckets !== undefined) o.hashBuckets = buckets;
  if (values['unsigned-hash']) o.signedHash = false;
  if (values['keep-punctuation']) o.punctuation = 'keep';
  if (values['no-lowercase']) o.lowercase = false;
  if (values['segment-words']) o.segmentWords = true;
  return o;
}
