/**
 * Reference readers for the fuzz suite: each format restated from its
 * grammar, independently of src/io/readers, on the whole decoded file. A
 * reader's output is compared with these; null means "this input must be
 * refused".
 */

export interface Parsed {
  labels: Array<Array<string | number>>;
  texts?: string[];
  indptr?: number[];
  indices?: number[];
  values?: number[];
  cols?: number;
}

/** Strict UTF-8 decoding, BOM dropped, lines split at \r\n, \r or \n (no trailing empty line); null if not UTF-8. */
export function decodeLines(bytes: Uint8Array): string[] | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const finiteNumber = (s: string): number | null => (NUMBER.test(s) && Number.isFinite(Number(s)) ? Number(s) : null);

/** LibSVM: `label[,label…] [qid:n] index:value … [# comment]`, indices strictly increasing decimal integers below 2³¹−1, base 0 if any index is 0. */
export function libsvmOracle(bytes: Uint8Array): Parsed | null {
  const lines = decodeLines(bytes);
  if (!lines) return null;
  const labels: number[][] = [];
  const rows: Array<Array<[number, number]>> = [];
  let sawZero = false;
  let maxIndex = -1;
  for (const raw of lines) {
    const body = raw.split('#')[0];
    const tokens = body.split(/\s+/).filter((t) => t !== '');
    if (tokens.length === 0) continue;
    const own = tokens[0].split(',').map(finiteNumber);
    if (own.some((v) => v === null)) return null;
    let t = 1;
    if (tokens[t] !== undefined && tokens[t].startsWith('qid:')) {
      if (!/^qid:\d+$/.test(tokens[t])) return null;
      t++;
    }
    const row: Array<[number, number]> = [];
    let prev = -1;
    for (; t < tokens.length; t++) {
      const m = /^(\d+):(.*)$/.exec(tokens[t]);
      if (!m) return null;
      const index = Number(m[1]);
      const value = finiteNumber(m[2]);
      if (value === null || index > 2 ** 31 - 2 || index <= prev) return null;
      prev = index;
      if (index === 0) sawZero = true;
      maxIndex = Math.max(maxIndex, index);
      if (value !== 0) row.push([index, value]);
    }
    labels.push(own as number[]);
    rows.push(row);
  }
  const base = sawZero ? 0 : 1;
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    for (const [j, v] of row) {
      indices.push(j - base);
      values.push(v);
    }
    indptr.push(indices.length);
  }
  return { labels, indptr, indices, values, cols: Math.max(maxIndex + 1 - base, 0) };
}

/** fastText: words split at space, \t, \v, \f and NUL; leading `__label__x` words are the labels (at least one, none empty). */
export function fastTextOracle(bytes: Uint8Array): Parsed | null {
  const lines = decodeLines(bytes);
  if (!lines) return null;
  const labels: string[][] = [];
  const texts: string[] = [];
  for (const line of lines) {
    const words = line.split(/[ \t\v\f\0]+/).filter((w) => w !== '');
    if (words.length === 0) continue;
    const own: string[] = [];
    let i = 0;
    for (; i < words.length && words[i].startsWith('__label__'); i++) {
      if (words[i].length === '__label__'.length) return null;
      own.push(words[i].slice('__label__'.length));
    }
    if (own.length === 0) return null;
    labels.push(own);
    texts.push(words.slice(i).join(' '));
  }
  return { labels, texts };
}

/**
 * RFC 4180 records over the whole text: a field is "…" with "" for a quote
 * (line breaks inside become \n) or a run without quotes, commas or line
 * breaks; records end at \r\n, \r or \n. An empty line is skipped (a quoted
 * empty field "" is a record). null for anything else (a stray quote, text after a closing quote,
 * an open quote at the end).
 */
export function csvRecordsOracle(lines: string[]): string[][] | null {
  const text = lines.join('\n') + '\n';
  const records: string[][] = [];
  let at = 0;
  const field = /"((?:[^"]|"")*)"|([^",\n]*)/y;
  while (at < text.length) {
    const fields: string[] = [];
    let quotedField = false;
    for (;;) {
      field.lastIndex = at;
      const m = field.exec(text)!;
      at = field.lastIndex;
      fields.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
      quotedField ||= m[1] !== undefined;
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === '\n') {
        at++;
        break;
      }
      return null;
    }
    // An empty record is skipped, except as the header (which then lacks the label column).
    if (records.length === 0 || !(fields.length === 1 && fields[0] === '' && !quotedField)) records.push(fields);
  }
  return records;
}

/** CSV with a header: a label column and a text column (text kept as is), or numeric columns (decimal, finite). */
export function csvOracle(bytes: Uint8Array): Parsed | null {
  const lines = decodeLines(bytes);
  if (!lines) return null;
  const records = csvRecordsOracle(lines);
  if (!records || records.length === 0) return null;
  const [header, ...rows] = records;
  const labelAt = header.indexOf('label');
  const textAt = header.indexOf('text');
  if (labelAt < 0) return null;
  const labels: Array<Array<string | number>> = [];
  const texts: string[] = [];
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    if (row.length !== header.length) return null;
    const label = row[labelAt];
    if (label === '' || /[\r\n]/.test(label)) return null;
    if (textAt >= 0) {
      labels.push([label]);
      texts.push(row[textAt]);
      continue;
    }
    labels.push([finiteNumber(label) ?? label]);
    let c = 0;
    for (let j = 0; j < row.length; j++) {
      if (j === labelAt) continue;
      const v = finiteNumber(row[j].trim());
      if (v === null) return null;
      if (v !== 0) {
        indices.push(c);
        values.push(v);
      }
      c++;
    }
    indptr.push(indices.length);
  }
  return textAt >= 0 ? { labels, texts } : { labels, indptr, indices, values, cols: header.length - 1 };
}

/** JSON Lines: an object per non-blank line with a string "text" and a "label" (string, number or a non-empty array of them), labels non-empty without line breaks. */
export function jsonlOracle(bytes: Uint8Array): Parsed | null {
  const lines = decodeLines(bytes);
  if (!lines) return null;
  const labels: string[][] = [];
  const texts: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    let doc: any;
    try {
      doc = JSON.parse(line);
    } catch {
      return null;
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || typeof doc.text !== 'string') return null;
    const raw = doc.label === undefined ? [] : Array.isArray(doc.label) ? doc.label : [doc.label];
    if (raw.length === 0) return null;
    const own: string[] = [];
    for (const l of raw) {
      if (typeof l !== 'string' && typeof l !== 'number') return null;
      const s = String(l);
      if (s === '' || /[\r\n]/.test(s)) return null;
      own.push(s);
    }
    labels.push(own);
    texts.push(doc.text);
  }
  return { labels, texts };
}
