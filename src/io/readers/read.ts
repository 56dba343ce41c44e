import { parseCsv } from './csv.js';
import { parseFastText } from './fasttext.js';
import { parseJsonl } from './jsonl.js';
import { parseLibsvm } from './libsvm.js';
import { readLines } from './read-lines.js';
import { type Records } from './records.js';
import { optionNames, refuseUnknownOptions } from '../../option-names.js';

export type DataFormat = 'fasttext' | 'libsvm' | 'csv' | 'tsv' | 'jsonl';
export const DATA_FORMATS: readonly DataFormat[] = ['fasttext', 'libsvm', 'csv', 'tsv', 'jsonl'];

/** The format a file name implies: .txt/.ft → fasttext, .svm/.libsvm → libsvm, .csv, .tsv, .jsonl/.ndjson. */
export function formatFromName(path: string): DataFormat | null {
  const m = /\.([a-z0-9]+)$/i.exec(path);
  const ext = m ? m[1].toLowerCase() : '';
  if (ext === 'txt' || ext === 'ft' || ext === 'train' || ext === 'test' || ext === 'valid') return 'fasttext';
  if (ext === 'svm' || ext === 'libsvm' || ext === 'svmlight') return 'libsvm';
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv') return 'tsv';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  return null;
}

export interface ReadOptions {
  format?: DataFormat;
  /** Examples may lack labels (for predict). */
  unlabelled?: boolean;
  labelColumn?: string;
  textColumn?: string;
  /** CSV/TSV: header names of columns to drop (refused for other formats unless absentIgnored is 'skip'). */
  ignoreColumns?: readonly string[];
  /** CSV/TSV: whether the file may lack an ignored column (later files) or not (the training file; default). */
  absentIgnored?: 'error' | 'skip';
  /** LibSVM: the index base (a trained model's; default 'auto'). */
  indexBase?: 'auto' | 0 | 1;
  /** LibSVM: the width (default: the largest index). */
  numFeatures?: number;
  /** LibSVM with numFeatures: drop and count values beyond the width instead of refusing them. */
  beyondWidth?: 'error' | 'ignore';
}

export const READ_OPTION_NAMES = optionNames<ReadOptions>()(['format', 'unlabelled', 'labelColumn', 'textColumn', 'ignoreColumns', 'absentIgnored', 'indexBase', 'numFeatures', 'beyondWidth']);

/** Reads a data file (streaming, line by line) in the given or implied format. */
export function readRecords(path: string, options: ReadOptions = {}): Records {
  refuseUnknownOptions(options, READ_OPTION_NAMES, 'readRecords');
  const format = options.format ?? formatFromName(path);
  if (!format) {
    throw new RangeError(`${path}: cannot tell the format from the name; pass --format (${DATA_FORMATS.join(', ')})`);
  }
  if (options.ignoreColumns?.length && format !== 'csv' && format !== 'tsv' && options.absentIgnored !== 'skip') {
    throw new RangeError(`${path}: --ignore-columns names CSV/TSV columns, but this is a ${format} file`);
  }
  const lines = readLines(path);
  switch (format) {
    case 'fasttext':
      return parseFastText(lines, path, { requireLabels: !options.unlabelled });
    case 'libsvm':
      return parseLibsvm(lines, path, { numFeatures: options.numFeatures, indexBase: options.indexBase, beyondWidth: options.beyondWidth, requireLabels: !options.unlabelled });
    case 'jsonl':
      return parseJsonl(lines, path, { requireLabels: !options.unlabelled });
    case 'csv':
    case 'tsv':
      return parseCsv(lines, path, { delimiter: format === 'tsv' ? '\t' : ',', labelColumn: options.labelColumn, textColumn: options.textColumn, ignoreColumns: options.ignoreColumns, absentIgnored: options.absentIgnored, requireLabels: !options.unlabelled });
  }
}
