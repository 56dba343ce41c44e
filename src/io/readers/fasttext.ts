import { checkLabelText, DataFormatError } from './lines.js';
import { type TextRecords } from './records.js';
import { optionNames, refuseUnknownOptions } from '../../option-names.js';

/** fastText's word separators: space, \t, \n, \v, \f, \r and NUL. */
const FASTTEXT_SPACE = /[ \t\n\v\f\r\0]+/;

export interface FastTextOptions {
  /** The label prefix (default "__label__"). */
  prefix?: string;
  /** false: lines may lack a label (prediction); default true. */
  requireLabels?: boolean;
}

const FASTTEXT_OPTION_NAMES = optionNames<FastTextOptions>()(['prefix', 'requireLabels']);

/**
 * fastText format: `__label__A __label__B text …` — one or more labels (the
 * prefix, default "__label__"), then the text. Empty lines are skipped; a
 * non-empty line without a label is an error naming the line. Words are
 * separated by ASCII whitespace and NUL, as fastText splits them (a
 * no-break space is part of a word).
 */
export function parseFastText(lines: Iterable<{ line: string; number: number }>, source: string, options: FastTextOptions = {}): TextRecords {
  refuseUnknownOptions(options, FASTTEXT_OPTION_NAMES, 'parseFastText');
  const prefix = options.prefix ?? '__label__';
  const requireLabels = options.requireLabels ?? true;
  const texts: string[] = [];
  const labels: string[][] = [];
  for (const { line, number } of lines) {
    const parsed = parseFastTextLine(line, number, source, prefix, requireLabels);
    if (!parsed) continue;
    texts.push(parsed.text);
    labels.push(parsed.labels);
  }
  return { kind: 'text', texts, labels };
}

/** One fastText line: its labels and its text (words joined by one space), or null for an empty line. */
export function parseFastTextLine(line: string, number: number, source: string, prefix: string, requireLabels: boolean): { labels: string[]; text: string } | null {
  const words = line.split(FASTTEXT_SPACE).filter((w) => w !== '');
  if (words.length === 0) return null;
  const own: string[] = [];
  let i = 0;
  while (i < words.length && words[i].startsWith(prefix)) {
    const label = words[i].slice(prefix.length);
    if (label === '') throw new DataFormatError(source, number, `empty label "${prefix}"`);
    own.push(checkLabelText(label, source, number));
    i++;
  }
  if (own.length === 0 && requireLabels) {
    throw new DataFormatError(source, number, `expected the line to start with a label such as ${prefix}spam, got ${JSON.stringify(line.slice(0, 40))}`);
  }
  return { labels: own, text: words.slice(i).join(' ') };
}
