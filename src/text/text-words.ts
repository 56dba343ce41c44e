import { type TermCounter } from './term-counter.js';
import { tokenize } from './tokenize.js';
import { ensure } from './term-table.js';

/**
 * Feeds a document's words to a TermCounter: ASCII text straight from its
 * bytes; any other text through the Unicode tokenizer (NFC, toLowerCase, the
 * letter/mark/number regular expression), so both give the same words.
 */
export class WordFeeder {
  private scratch = { buffer: new Uint8Array(1 << 16) };
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly lowercase: boolean,
    private readonly keepPunctuation: boolean,
    private readonly segmentWords: boolean,
  ) {}

  /** The words of ASCII bytes[start, end) (lower-cased in place when wanted). nulIsSpace: fastText lines split on NUL. */
  asciiBytes(counter: TermCounter, bytes: Uint8Array, start: number, end: number, nulIsSpace: boolean): void {
    counter.addAsciiWords(bytes, start, end, this.lowercase, this.keepPunctuation, nulIsSpace);
  }

  /** The words of a decoded text. */
  text(counter: TermCounter, text: string): void {
    ensure(this.scratch, 3 * text.length);
    const { read, written } = this.encoder.encodeInto(text, this.scratch.buffer);
    // Every character took one byte: the text is ASCII.
    if (read === text.length && written === text.length) {
      this.asciiBytes(counter, this.scratch.buffer, 0, written, false);
      return;
    }
    for (const word of tokenize(text, { lowercase: this.lowercase, punctuation: this.keepPunctuation ? 'keep' : 'drop', segmentWords: this.segmentWords })) counter.addWordString(word);
  }
}
