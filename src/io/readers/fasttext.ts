import { DataFormatError } from './lines.js';
import { type TextRecords } from './records.js';

/**
 * fastText format: `__label__A __label__B text …` — one or more labels (the
 * prefix, default "__label__"), then the text. Empty lines are skipped; a
 * non-empty line without a label is an error naming the line.
 */
export function parseFastText(
  lines: Iterable<{ line: string; number: number }>,
  source: string,
  options: { prefix?: string; requireLabels?: boolean } = {},
): TextRecords {
  const prefix = options.prefix ?? '__label__';
  const requireLabels = options.requireLabels ?? true;
  const texts: string[] = [];
  const labels: string[][] = [];
  for (const { line, number } of lines) {
    if (line.trim() === '') continue;
    const words = line.split(/\s+/).filter((w) => w !== '');
    const own: string[] = [];
    let i = 0;
    while (i < words.length && words[i].startsWith(prefix)) {
      const label = words[i].slice(prefix.length);
      if (label === '') throw new DataFormatError(source, number, `empty label "${prefix}"`);
      own.push(label);
      i++;
    }
    if (own.length === 0 && requireLabels) {
      throw new DataFormatError(source, number, `expected the line to start with a label such as ${prefix}spam, got ${JSON.stringify(line.slice(0, 40))}`);
    }
    texts.push(words.slice(i).join(' '));
    labels.push(own);
  }
  return { kind: 'text', texts, labels };
}
