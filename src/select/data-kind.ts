/** What the data argument holds (text or numeric vectors), told from the flags and the name before reading when possible. */
import { type SourceOptions } from '../cli/data-source.js';
import { UsageError } from '../cli/args.js';
import { isMnistName } from '../data/mnist.js';
import { formatFromName } from '../io/readers/read.js';
import { TEXT_KEYS } from './keys.js';
import { type Setting } from './settings.js';
import { type Dimension } from './space.js';

export type DataKind = 'text' | 'vectors';

/**
 * Built-in images and LibSVM files are numeric vectors; fastText and JSON Lines files, and CSV/TSV files read
 * with --text-column, are text. null when only the data can tell: a CSV/TSV without --text-column is text if
 * its header has a "text" column.
 */
export function dataKindBeforeReading(spec: string, source: SourceOptions): DataKind | null {
  if (isMnistName(spec)) return 'vectors';
  switch (source.format ?? formatFromName(spec)) {
    case 'libsvm':
      return 'vectors';
    case 'fasttext':
    case 'jsonl':
      return 'text';
    case 'csv':
    case 'tsv':
      return source.textColumn !== undefined ? 'text' : null;
    default:
      return null;
  }
}

/**
 * Refuses text featurizer options (n-grams, min-count, …) for numeric data, naming where each was given: a flag
 * (--ngrams) or a key of the search space (--grid ngrams=1,2). Does nothing while the kind is unknown (null).
 */
export function refuseTextOptions(spec: string, kind: DataKind | null, flags: Setting, space: readonly Dimension[] = []): void {
  if (kind !== 'vectors') return;
  const isText = (key: string) => (TEXT_KEYS as readonly string[]).includes(key);
  for (const key of Object.keys(flags)) {
    if (isText(key)) throw new UsageError(`--${key}: a text featurizer option, but ${spec} holds numeric vectors`);
  }
  for (const d of space) {
    if (!isText(d.key)) continue;
    const spelled = d.values ? d.values.join(',') : `${d.range!.lo}..${d.range!.hi}`;
    throw new UsageError(`--grid ${d.key}=${spelled}: ${d.key} is a text featurizer option, but ${spec} holds numeric vectors`);
  }
}
