import { isAscii as isAsciiNative } from 'node:buffer';
import { closeSync, fstatSync, openSync } from 'node:fs';
import { checkLabelText, DataFormatError } from '../io/readers/lines.js';
import { invalidUtf8At, readChunk } from '../io/readers/read-lines.js';
import { isAscii } from './ascii-tokens.js';
import { ensure } from './term-table.js';
import { decodeTerm } from './wtf8.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';

/** Where the documents of a fastText file go, word source by word source. */
export interface DocumentFeed {
  /** The text of the line is ASCII bytes[start, end) (words split on ASCII spaces and NUL). */
  feedAscii(bytes: Uint8Array, start: number, end: number, nulIsSpace: boolean): void;
  /** The text of the line, decoded (it had non-ASCII bytes). */
  feedText(text: string): void;
  /** The line's labels (prefix removed; none on an unlabelled line) and its 1-based number. */
  endLine(labels: string[], number: number): void;
}

export interface FastTextReadOptions {
  /** The label prefix (default "__label__"). */
  prefix?: string;
  /** Lines must start with a label (default true). */
  requireLabels?: boolean;
  /**
   * An empty or blank line is an unlabelled document with no words (default false: skipped).
   * Prediction keeps them, so that output line i answers input line i, as fastText's predict does.
   */
  keepEmptyLines?: boolean;
  /** Called now and then with the fraction of the file read (not for standard input). */
  onProgress?: (fraction: number) => void;
}

export const FASTTEXT_READ_OPTION_NAMES = optionNames<FastTextReadOptions>()(['prefix', 'requireLabels', 'keepEmptyLines', 'onProgress']);

const CHUNK = 1 << 20;
const SEPARATOR = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x00]) SEPARATOR[c] = 1;

/**
 * Reads a fastText file ('-': standard input) as bytes, in 1 MiB chunks,
 * once: no line, word or document is kept as a string. Lines are parsed
 * on their bytes (a line with bad UTF-8 is an error naming it); ASCII words
 * go to feedAscii, and only words with other characters are decoded and
 * go to feedText. Same lines, labels, texts and errors as readLines +
 * parseFastText; empty lines are skipped (unless keepEmptyLines).
 */
export function readFastTextFile(path: string, feed: DocumentFeed, options: FastTextReadOptions = {}): void {
  refuseUnknownOptions(options, FASTTEXT_READ_OPTION_NAMES, 'readFastTextFile');
  const prefix = new TextEncoder().encode(options.prefix ?? '__label__');
  const prefixText = options.prefix ?? '__label__';
  const requireLabels = options.requireLabels ?? true;
  let fd = 0;
  if (path !== '-') {
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      throw new Error(`${path}: cannot open the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const size = path !== '-' && options.onProgress ? fstatSync(fd).size : 0;
  let number = 0;
  let readBytes = 0;
  /** A line; highBytes: whether the line split saw a byte ≥ 0x80 in it (false: it is ASCII, no second scan). */
  const line = (bytes: Uint8Array, start: number, end: number, highBytes: boolean) => {
    number++;
    // A byte-order mark opens the first line only.
    if (number === 1 && end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3;
    const ascii = !highBytes || isAscii(bytes, start, end);
    if (!ascii) {
      const bad = invalidUtf8At(bytes.subarray(start, end));
      if (bad >= 0) throw new DataFormatError(path, number, `invalid UTF-8 (byte 0x${bytes[start + bad].toString(16).padStart(2, '0')} at byte ${bad + 1} of the line); save the file as UTF-8`);
    }
    const text = (from: number, to: number) => (ascii ? decodeTerm(bytes, from, to) : decoder.decode(bytes.subarray(from, to)));
    let i = start;
    while (i < end && SEPARATOR[bytes[i]]) i++;
    if (i === end) {
      if (options.keepEmptyLines) feed.endLine([], number);
      return;
    }
    const labels: string[] = [];
    for (;;) {
      let j = i;
      while (j < end && !SEPARATOR[bytes[j]]) j++;
      if (!startsWith(bytes, i, j, prefix)) break;
      if (j - i === prefix.length) throw new DataFormatError(path, number, `empty label "${prefixText}"`);
      labels.push(checkLabelText(text(i + prefix.length, j), path, number));
      i = j;
      while (i < end && SEPARATOR[bytes[i]]) i++;
      if (i === end) break;
    }
    if (labels.length === 0 && requireLabels) {
      throw new DataFormatError(path, number, `expected the line to start with a label such as ${prefixText}spam, got ${JSON.stringify(text(start, end).slice(0, 40))}`);
    }
    if (ascii) feed.feedAscii(bytes, i, end, true);
    else {
      // Word by word: NFC, lower-casing and the tokenizer never act across a space, so an ASCII word
      // takes the byte path and only the other words are decoded.
      while (i < end) {
        let j = i;
        while (j < end && !SEPARATOR[bytes[j]]) j++;
        if (isAscii(bytes, i, j)) feed.feedAscii(bytes, i, j, true);
        else feed.feedText(decoder.decode(bytes.subarray(i, j)));
        i = j;
        while (i < end && SEPARATOR[bytes[i]]) i++;
      }
    }
    feed.endLine(labels, number);
  };
  const buffer = new Uint8Array(CHUNK);
  // The start of a line that runs past the chunk (copied: the chunk buffer is reused).
  const carry = { buffer: new Uint8Array(0) };
  let carried = 0;
  let carriedHigh = false;
  let skipLineFeed = false;
  try {
    for (;;) {
      const n = readChunk(fd, buffer);
      if (n === 0) break;
      readBytes += n;
      let start = 0;
      if (skipLineFeed && buffer[0] === 0x0a) start = 1;
      skipLineFeed = false;
      // Line ends and non-ASCII bytes found by Node's native searches (memchr, SIMD) over a view of the chunk.
      const view = Buffer.from(buffer.buffer, buffer.byteOffset, n);
      let cr = -2; // the next carriage return at or after start (−1: none in the chunk; −2: not searched yet)
      for (;;) {
        if (cr !== -1 && cr < start) cr = view.indexOf(0x0d, start);
        const lf = view.indexOf(0x0a, start);
        const end = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
        if (end < 0) break;
        const highBytes = carriedHigh || !isAsciiNative(view.subarray(start, end));
        carriedHigh = false;
        if (carried > 0) {
          ensure(carry, carried + end - start);
          carry.buffer.set(buffer.subarray(start, end), carried);
          line(carry.buffer, 0, carried + end - start, highBytes);
          carried = 0;
        } else line(buffer, start, end, highBytes);
        let i = end;
        if (buffer[i] === 0x0d) {
          if (i + 1 === n) skipLineFeed = true;
          else if (buffer[i + 1] === 0x0a) i++;
        }
        start = i + 1;
      }
      if (start < n) {
        carriedHigh ||= !isAsciiNative(view.subarray(start, n));
        ensure(carry, carried + n - start);
        carry.buffer.set(buffer.subarray(start, n), carried);
        carried += n - start;
      }
      if (size > 0) options.onProgress!(readBytes / size);
    }
    if (carried > 0) line(carry.buffer, 0, carried, carriedHigh);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

function startsWith(bytes: Uint8Array, start: number, end: number, prefix: Uint8Array): boolean {
  if (end - start < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) if (bytes[start + k] !== prefix[k]) return false;
  return true;
}
