import { type FeaturizerOptions } from './featurizer.js';
import { encodeTerm, decodeTerm } from './wtf8.js';
import { FNV_PRIME, FNV_START, TALLY_COUNT, TALLY_DF, TALLY_INTS, TALLY_MARK, TALLY_PLACE, finishHash, TermTable, ensure, growInt32 } from './term-table.js';
import { BYTE_CLASS, SPACE_BYTE, WORD_AS_IS, WORD_LOWER } from './ascii-tokens.js';

/**
 * The terms of one document at a time, as interned ids: words arrive one by
 * one (bytes or strings); at the end of the document its word n-grams are
 * formed from the word ids (pairs in the table), its character n-grams come
 * from a per-word cache, and the distinct ids with their counts are listed in
 * `ids` / `counts` (the first `size` entries; scratch, reused per document).
 *
 * In 'intern' mode unseen terms are added to the table; in 'find' mode (a
 * fitted vocabulary) they are left out.
 */
export class TermCounter {
  ids = new Int32Array(1024);
  counts = new Int32Array(1024);
  size = 0;
  private words = new Int32Array(1024);
  private numWords = 0;
  private grams = new Int32Array(1024);
  private numGrams = 0;
  /** Per term id: the last document it was seen in and its place in that document's list (made when first needed: a fitting table keeps them in its records). */
  private marks: Int32Array | null = null;
  private doc = 0;
  private readonly charNgrams: [number, number] | null;
  private gramStart: Int32Array | null = null;
  private gramLength: Int32Array | null = null;
  private gramList = new Int32Array(1024);
  private gramListLength = 0;
  private scratch = { buffer: new Uint8Array(256) };

  constructor(
    options: FeaturizerOptions,
    readonly table: TermTable,
    private readonly find: boolean,
  ) {
    this.wordNgrams = options.wordNgrams;
    this.charNgrams = options.charNgrams;
    const cap = table.capacity;
    if (this.charNgrams) {
      this.gramStart = new Int32Array(cap).fill(-1);
      this.gramLength = new Int32Array(cap);
    }
    if (!find) table.onGrow = (c) => this.grow(c);
  }

  private readonly wordNgrams: number;

  /**
   * Adds the words of ASCII bytes[start, end), as tokenize.ts finds them on
   * ASCII text (see ascii-tokens.ts), lower-casing in place when asked and
   * hashing each word as it is scanned.
   */
  addAsciiWords(bytes: Uint8Array, start: number, end: number, lowercase: boolean, keepPunctuation: boolean, nulIsSpace: boolean): void {
    const word = lowercase ? WORD_LOWER : WORD_AS_IS;
    let i = start;
    while (i < end) {
      let w = word[bytes[i]];
      if (w !== 0) {
        const s = i;
        let h = FNV_START;
        for (;;) {
          do {
            bytes[i] = w;
            h = Math.imul(h ^ w, FNV_PRIME);
            i++;
          } while (i < end && (w = word[bytes[i]]) !== 0);
          // An inner apostrophe joins two runs.
          if (i + 1 < end && bytes[i] === 0x27 && (w = word[bytes[i + 1]]) !== 0) {
            h = Math.imul(h ^ 0x27, FNV_PRIME);
            i++;
            continue;
          }
          break;
        }
        this.addWord(bytes, s, i, finishHash(h));
      } else {
        const c = bytes[i];
        if (keepPunctuation && BYTE_CLASS[c] !== SPACE_BYTE && !(c === 0 && nulIsSpace)) this.addWord(bytes, i, i + 1);
        i++;
      }
    }
  }

  /** Adds the word bytes[start, end) (already normalized and lower-cased as wanted); h: its hash if known. */
  addWord(bytes: Uint8Array, start: number, end: number, h?: number): void {
    const id = this.find ? this.table.findBytes(bytes, start, end, h) : this.table.internBytes(bytes, start, end, h);
    if (this.numWords === this.words.length) this.words = growInt32(this.words, this.words.length * 2);
    this.words[this.numWords++] = id;
    if (this.charNgrams) this.addCharNgrams(id, bytes, start, end);
  }

  /** Adds a word given as a string (from the Unicode tokenizer). */
  addWordString(word: string): void {
    ensure(this.scratch, 3 * word.length);
    const end = encodeTerm(word, this.scratch.buffer);
    this.addWord(this.scratch.buffer, 0, end);
  }

  /**
   * Ends the document: lists its distinct term ids and their counts; returns
   * how many. With a table made for fitting (stride TALLY_INTS) the marks
   * are kept in the terms' records, and with tally each term's total count
   * and document frequency there are added to in the same pass (`repeat`
   * times: once per label).
   */
  endDocument(tally = false, repeat = 1): number {
    const n = this.numWords;
    // All the document's term occurrences, words first: words, n-grams, character n-grams.
    let total = n;
    if (this.wordNgrams > 1 && n > 1) {
      const maxLen = Math.min(this.wordNgrams, n);
      const need = n * maxLen + this.numGrams;
      if (this.words.length < need) this.words = growInt32(this.words, Math.max(need, 2 * this.words.length));
      const words = this.words;
      // The n-gram at i is the pair (the (n−1)-gram at i, the word at i + n − 1).
      let prev = 0;
      for (let len = 2; len <= maxLen; len++) {
        const count = n - len + 1;
        for (let i = 0; i < count; i++) {
          const p = words[prev + i];
          const w = words[i + len - 1];
          words[total + i] = p < 0 || w < 0 ? -1 : this.find ? this.table.findPair(p, w) : this.table.internPair(p, w);
        }
        prev = total;
        total += count;
      }
    }
    if (this.numGrams > 0) {
      if (this.words.length < total + this.numGrams) this.words = growInt32(this.words, total + this.numGrams);
      this.words.set(this.grams.subarray(0, this.numGrams), total);
      total += this.numGrams;
    }
    if (this.ids.length < total) {
      this.ids = new Int32Array(Math.max(total, 2 * this.ids.length));
      this.counts = new Int32Array(this.ids.length);
    }
    const { words, ids, counts } = this;
    const doc = this.doc++;
    let size = 0;
    if (this.table.stride === TALLY_INTS) {
      // As below, the marks kept in the term's record beside its keys (just read by the lookup) and its totals.
      const { records, tallies } = this.table;
      const mark = doc + 1;
      const add = tally ? repeat : 0;
      for (let k = 0; k < total; k++) {
        const id = words[k];
        if (id < 0) continue;
        const r = TALLY_INTS * id;
        const t = (TALLY_INTS / 2) * id;
        tallies[t + TALLY_COUNT] += add;
        if (records[r + TALLY_MARK] !== mark) {
          tallies[t + TALLY_DF] += add;
          records[r + TALLY_MARK] = mark;
          records[r + TALLY_PLACE] = size;
          ids[size] = id;
          counts[size++] = 1;
        } else counts[records[r + TALLY_PLACE]]++;
      }
    } else {
      if (this.marks === null || this.marks.length < 2 * this.table.capacity) {
        this.marks = growInt32(this.marks ?? new Int32Array(0), 2 * this.table.capacity, -1);
      }
      const marks = this.marks;
      for (let k = 0; k < total; k++) {
        const id = words[k];
        if (id < 0) continue;
        // marks[2·id]: the last document the term was seen in; marks[2·id + 1]: its place in that document's list.
        if (marks[2 * id] !== doc) {
          marks[2 * id] = doc;
          marks[2 * id + 1] = size;
          ids[size] = id;
          counts[size++] = 1;
        } else counts[marks[2 * id + 1]]++;
      }
    }
    this.numWords = 0;
    this.numGrams = 0;
    this.size = size;
    return size;
  }

  /** Character n-grams of the word "<word>" ("c:" + n code points), cached per known word. */
  private addCharNgrams(id: number, bytes: Uint8Array, start: number, end: number): void {
    let from: number;
    let count: number;
    if (id >= 0 && this.gramStart![id] >= 0) {
      from = this.gramStart![id];
      count = this.gramLength![id];
    } else {
      from = this.gramListLength;
      const [a, b] = this.charNgrams!;
      const chars = Array.from(`<${decodeTerm(bytes, start, end)}>`);
      // Lengths beyond the word's give no n-gram: stopping there keeps a huge maximum (from a model file) from looping for ever.
      for (let len = a; len <= Math.min(b, chars.length); len++) {
        for (let i = 0; i + len <= chars.length; i++) {
          const gram = 'c:' + chars.slice(i, i + len).join('');
          ensure(this.scratch, 3 * gram.length);
          const e = encodeTerm(gram, this.scratch.buffer);
          const g = this.find ? this.table.findBytes(this.scratch.buffer, 0, e) : this.table.internBytes(this.scratch.buffer, 0, e);
          if (this.gramListLength === this.gramList.length) this.gramList = growInt32(this.gramList, this.gramList.length * 2);
          this.gramList[this.gramListLength++] = g;
        }
      }
      count = this.gramListLength - from;
      if (id >= 0) {
        this.gramStart![id] = from;
        this.gramLength![id] = count;
      } else this.gramListLength = from; // an unknown word's n-grams are not kept (read below before any reuse)
    }
    if (this.numGrams + count > this.grams.length) this.grams = growInt32(this.grams, Math.max(this.grams.length * 2, this.numGrams + count));
    this.grams.set(this.gramList.subarray(from, from + count), this.numGrams);
    this.numGrams += count;
  }

  private grow(capacity: number): void {
    if (this.marks) this.marks = growInt32(this.marks, 2 * capacity, -1);
    if (this.gramStart) {
      this.gramStart = growInt32(this.gramStart, capacity, -1);
      this.gramLength = growInt32(this.gramLength!, capacity);
    }
  }
}
