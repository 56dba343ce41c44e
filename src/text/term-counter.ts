import { type FeaturizerOptions } from './featurizer.js';
import { encodeTerm, decodeTerm } from './wtf8.js';
import { TermTable, ensure, growInt32 } from './term-table.js';

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
  private ngramA = new Int32Array(1024);
  private ngramB = new Int32Array(1024);
  private stamp: Int32Array;
  private position: Int32Array;
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
    this.stamp = new Int32Array(cap).fill(-1);
    this.position = new Int32Array(cap);
    if (this.charNgrams) {
      this.gramStart = new Int32Array(cap).fill(-1);
      this.gramLength = new Int32Array(cap);
    }
    if (!find) table.onGrow = (c) => this.grow(c);
  }

  private readonly wordNgrams: number;

  /** Adds the word bytes[start, end) (already normalized and lower-cased as wanted). */
  addWord(bytes: Uint8Array, start: number, end: number): void {
    const id = this.find ? this.table.findBytes(bytes, start, end) : this.table.internBytes(bytes, start, end);
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

  /** Ends the document: lists its distinct term ids and their counts; returns how many. */
  endDocument(): number {
    const n = this.numWords;
    let size = 0;
    const doc = this.doc++;
    const add = (id: number) => {
      if (id < 0) return;
      if (this.stamp[id] !== doc) {
        this.stamp[id] = doc;
        this.position[id] = size;
        if (size === this.ids.length) {
          this.ids = growInt32(this.ids, size * 2);
          this.counts = growInt32(this.counts, size * 2);
        }
        this.ids[size] = id;
        this.counts[size++] = 1;
      } else this.counts[this.position[id]]++;
    };
    for (let i = 0; i < n; i++) add(this.words[i]);
    // n-grams: the n-gram at i is the pair (the (n−1)-gram at i, the word at i + n − 1).
    if (this.wordNgrams > 1 && n > 1) {
      if (this.ngramA.length < n) {
        this.ngramA = new Int32Array(n);
        this.ngramB = new Int32Array(n);
      }
      let prev = this.words;
      let cur = this.ngramA;
      for (let len = 2; len <= this.wordNgrams && len <= n; len++) {
        for (let i = 0; i + len <= n; i++) {
          const p = prev[i];
          const w = this.words[i + len - 1];
          const id = p < 0 || w < 0 ? -1 : this.find ? this.table.findPair(p, w) : this.table.internPair(p, w);
          cur[i] = id;
          add(id);
        }
        prev = cur;
        cur = cur === this.ngramA ? this.ngramB : this.ngramA;
      }
    }
    for (let i = 0; i < this.numGrams; i++) add(this.grams[i]);
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
      for (let len = a; len <= b; len++) {
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
    this.stamp = growInt32(this.stamp, capacity, -1);
    this.position = growInt32(this.position, capacity);
    if (this.gramStart) {
      this.gramStart = growInt32(this.gramStart, capacity, -1);
      this.gramLength = growInt32(this.gramLength!, capacity);
    }
  }
}
