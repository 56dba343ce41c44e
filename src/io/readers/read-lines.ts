import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The lines of a UTF-8 file, read in 1 MiB chunks (the file is never held
 * whole), with their 1-based numbers. Handles \n and \r\n endings and a
 * leading byte-order mark; '-' reads standard input.
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
  const decoder = new TextDecoder('utf-8');
  const buffer = new Uint8Array(1 << 20);
  let pending = '';
  let number = 0;
  try {
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, buffer.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        if ((e as NodeJS.ErrnoException).code === 'EOF') n = 0;
        else throw e;
      }
      const text = pending + decoder.decode(buffer.subarray(0, n), { stream: n > 0 });
      const parts = text.split('\n');
      // The last part is an unfinished line; at the end of the file it is the last line, if not empty.
      const last = parts.pop()!;
      pending = n > 0 ? last : '';
      if (n === 0 && last !== '') parts.push(last);
      for (const raw of parts) {
        number++;
        let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (number === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
        yield { line, number };
      }
      if (n === 0) break;
    }
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}
