/**
 * Splits text into numbered lines (for parsing strings with the same readers
 * as files): \n, \r\n and a lone \r (old Mac files) all end a line; a
 * leading byte-order mark is dropped.
 */
export function* linesOf(text: string): Generator<{ line: string; number: number }> {
  const parts = text.split(/\r\n|\r|\n/);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  let number = 0;
  for (const raw of parts) {
    number++;
    yield { line: number === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw, number };
  }
}

/** A data file that cannot be read exactly; the message starts with "file:line:". */
export class DataFormatError extends Error {
  constructor(source: string, line: number, message: string) {
    super(`${source}:${line}: ${message}`);
    this.name = 'DataFormatError';
  }
}

/** Labels end up one per line in predict's output: a line break inside one would shift every later line. */
export function checkLabelText(label: string, source: string, line: number): string {
  if (label === '') throw new DataFormatError(source, line, 'empty label');
  if (/[\r\n]/.test(label)) throw new DataFormatError(source, line, `the label ${JSON.stringify(label)} contains a line break`);
  return label;
}

/**
 * Strict decimal numbers as LibSVM and CSV write them: optional sign, digits
 * with an optional fraction, optional exponent. No hex (0x10), no "Infinity",
 * no empty string (which Number() would read as 0).
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The finite number a token spells in decimal, or null. */
export function parseDecimal(token: string): number | null {
  if (!DECIMAL.test(token)) return null;
  const v = Number(token);
  return Number.isFinite(v) ? v : null;
}
