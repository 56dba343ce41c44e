/** Splits text into numbered lines (for parsing strings with the same readers). */
export function* linesOf(text: string): Generator<{ line: string; number: number }> {
  const parts = text.split('\n');
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  let number = 0;
  for (const raw of parts) {
    number++;
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (number === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    yield { line, number };
  }
}

export class DataFormatError extends Error {
  constructor(source: string, line: number, message: string) {
    super(`${source}:${line}: ${message}`);
    this.name = 'DataFormatError';
  }
}
