import { closeSync, openSync, readSync } from 'node:fs';
import { DataFormatError } from './lines.js';

/**
 * The lines of a UTF-8 file, read in 1 MiB chunks (the file is never held
 * whole), with their 1-based numbers. \n, \r\n and a lone \r (old Mac files)
 * end a line; a leading byte-order mark is dropped; '-' reads standard input.
 * Bytes that are not UTF-8 are an error naming the line and the byte, never
 * silently replaced by U+FFFD.
 */
export function* readLines(path: string): Generator<{ line: string; number: number }> {
  let fd = 0;
  if (path !== '-') {
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      throw new Error(`${path}: cannot open the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const buffer = new Uint8Array(1 << 20);
  // Pieces of the line being read (copied: the buffer is reused), and whether a \r ended the last chunk.
  let pieces: Uint8Array[] = [];
  let skipLineFeed = false;
  let number = 0;
  const decode = (): { line: string; number: number } => {
    number++;
    const bytes = pieces.length === 1 ? pieces[0] : concat(pieces);
    pieces = [];
    let line: string;
    try {
      line = decoder.decode(bytes);
    } catch {
      const at = Math.max(0, invalidUtf8At(bytes));
      throw new DataFormatError(path, number, `invalid UTF-8 (byte 0x${bytes[at].toString(16).padStart(2, '0')} at byte ${at + 1} of the line); save the file as UTF-8`);
    }
    if (number === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    return { line, number };
  };
  try {
    for (;;) {
      const n = readChunk(fd, buffer);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      let start = 0;
      if (skipLineFeed && chunk[0] === 0x0a) start = 1;
      skipLineFeed = false;
      for (let i = start; i < n; i++) {
        const c = chunk[i];
        if (c !== 0x0a && c !== 0x0d) continue;
        pieces.push(chunk.subarray(start, i));
        yield decode();
        if (c === 0x0d) {
          if (i + 1 === n) skipLineFeed = true;
          else if (chunk[i + 1] === 0x0a) i++;
        }
        start = i + 1;
      }
      if (start < n) pieces.push(chunk.slice(start, n));
    }
    if (pieces.some((p) => p.length > 0)) yield decode();
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

function concat(pieces: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence (overlong forms, surrogates and > U+10FFFF are invalid). */
export function invalidUtf8At(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (need === 0 || i + need >= b.length) return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if ((d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Fills buffer from fd's current position; the byte count, 0 at the end.
 * A non-blocking descriptor (a pipe or terminal on standard input) that has
 * nothing yet is retried rather than taken for the end; EOF from such a
 * descriptor is the end.
 */
export function readChunk(fd: number, buffer: Uint8Array): number {
  for (;;) {
    try {
      return readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EOF') return 0;
      throw e;
    }
  }
}
