import { type FeaturizerOptions } from './featurizer.js';
import { murmur3, murmur3Bytes } from './hash.js';
import { decodeTerm, hasLoneSurrogate } from './wtf8.js';
import { TALLY_COUNT, TALLY_DF, TALLY_INTS, type TermTable, growInt32 } from './term-table.js';
import { TermUnits, vocabularyOrder } from './vocabulary-order.js';

/**
 * What fitting learns from the training documents' interned terms: per term
 * its total count and document frequency (vocabulary mode), or per hash
 * bucket its document frequency (hashing mode); then the columns and idf.
 */
export class TermStats {
  /** Documents counted (a line with several labels counts once per label). */
  documents = 0;
  private bucketDf: Float64Array | null = null;
  private bucketSeen: Int32Array | null = null;
  private readonly hashed: HashedColumns | null;

  constructor(
    private readonly options: FeaturizerOptions,
    private readonly table: TermTable,
  ) {
    this.hashed = options.hashBuckets !== null ? new HashedColumns(table, options) : null;
    if (options.hashBuckets !== null) {
      this.bucketDf = new Float64Array(options.hashBuckets);
      this.bucketSeen = new Int32Array(options.hashBuckets).fill(-1);
    }
  }

  /**
   * Vocabulary mode, for a TermCounter counting as documents end (its
   * endDocument(true, repeat), adding to the table's tallies): one document
   * more, `repeat` times.
   */
  tally(repeat: number): void {
    this.documents += repeat;
  }

  /** Counts one document's distinct terms (ids) and their counts, `repeat` times. */
  add(ids: Int32Array, counts: Int32Array, size: number, repeat = 1): void {
    const doc = this.documents;
    this.documents += repeat;
    if (this.hashed) {
      // Document frequency per bucket: the distinct buckets of each document.
      for (let k = 0; k < size; k++) {
        const c = this.hashed.column(ids[k]);
        if (this.bucketSeen![c] !== doc) {
          this.bucketSeen![c] = doc;
          this.bucketDf![c] += repeat;
        }
      }
      return;
    }
    const cd = this.table.tallies;
    for (let k = 0; k < size; k++) {
      const t = (TALLY_INTS / 2) * ids[k];
      cd[t + TALLY_COUNT] += counts[k] * repeat;
      cd[t + TALLY_DF] += repeat;
    }
  }

  /** Vocabulary mode: how many distinct terms were counted and the largest count. */
  summary(): { distinct: number; most: number } {
    let distinct = 0;
    let most = 0;
    const cd = this.table.tallies;
    // Hashing mode keeps no per-term tallies (an empty array).
    const counted = cd.length === 0 ? 0 : this.table.size;
    for (let id = 0; id < counted; id++) {
      const c = cd[(TALLY_INTS / 2) * id + TALLY_COUNT];
      if (c > 0) distinct++;
      most = Math.max(most, c);
    }
    return { distinct, most };
  }

  /**
   * The fitted featurizer's parts: each term id's column (−1: not a feature)
   * and sign, the vocabulary (terms by column; null when hashing), the idf.
   * Vocabulary: terms seen ≥ minCount times, by count descending then by term
   * (JavaScript string order), at most maxFeatures; idf = ln((1 + N)/(1 + df)) + 1.
   */
  finish(): { colOf: Int32Array; signOf: Int8Array | null; terms: string[] | null; idf: Float64Array | null } {
    const o = this.options;
    const N = this.documents;
    const tfidf = o.weighting === 'tfidf';
    if (this.hashed) {
      const { colOf, signOf } = this.hashed.all();
      return { colOf, signOf, terms: null, idf: tfidf ? this.bucketDf!.map((x) => Math.log((1 + N) / (1 + x)) + 1) : null };
    }
    const size = this.table.size;
    const cd = this.table.tallies;
    const T = TALLY_INTS / 2;
    // A term never counted (only in held-out rows) has count 0: never kept.
    const keptIds = new Int32Array(size);
    let keptCount = 0;
    for (let id = 0; id < size; id++) if (cd[T * id + TALLY_COUNT] >= o.minCount) keptIds[keptCount++] = id;
    const kept = keptIds.subarray(0, keptCount);
    const units = new TermUnits(this.table, kept);
    const keptCounts = new Float64Array(keptCount);
    for (let k = 0; k < keptCount; k++) keptCounts[k] = cd[T * kept[k] + TALLY_COUNT];
    let order = vocabularyOrder(keptCounts, units);
    if (o.maxFeatures !== null && order.length > o.maxFeatures) order = order.subarray(0, o.maxFeatures);
    const colOf = new Int32Array(size).fill(-1);
    const idf = tfidf ? new Float64Array(order.length) : null;
    for (let col = 0; col < order.length; col++) {
      const id = kept[order[col]];
      colOf[id] = col;
      if (idf) idf[col] = Math.log((1 + N) / (1 + cd[T * id + TALLY_DF])) + 1;
    }
    const terms = units.strings(order);
    return { colOf, signOf: null, terms, idf };
  }
}

/**
 * Hashing-trick columns of interned terms, computed once per term: bucket
 * murmur3(UTF-8 bytes) mod buckets, sign from a second murmur3 when signed.
 */
export class HashedColumns {
  private col = new Int32Array(0);
  private sign = new Int8Array(0);
  private out = { buffer: new Uint8Array(64) };

  constructor(
    private readonly table: TermTable,
    private readonly options: FeaturizerOptions,
  ) {}

  column(id: number): number {
    this.ensure(id);
    return this.col[id];
  }

  signOf(id: number): number {
    this.ensure(id);
    return this.sign[id];
  }

  all(): { colOf: Int32Array; signOf: Int8Array } {
    for (let id = 0; id < this.table.size; id++) this.ensure(id);
    return { colOf: this.col.subarray(0, this.table.size), signOf: this.sign.subarray(0, this.table.size) };
  }

  private ensure(id: number): void {
    if (id < this.col.length && this.col[id] >= 0) return;
    if (id >= this.col.length) {
      const cap = Math.max(this.table.capacity, id + 1);
      this.col = growInt32(this.col, cap, -1);
      const sign = new Int8Array(cap);
      sign.set(this.sign);
      this.sign = sign;
    }
    const end = this.table.writeBytes(id, this.out, 0);
    const b = this.out.buffer;
    // A lone surrogate is hashed as the string's UTF-8 encoding would have it (U+FFFD).
    const text = hasLoneSurrogate(b, 0, end) ? decodeTerm(b, 0, end) : null;
    const h = text !== null ? murmur3(text) : murmur3Bytes(b, 0, end);
    this.col[id] = h % this.options.hashBuckets!;
    const s = text !== null ? murmur3(text, 0x9747b28c) : murmur3Bytes(b, 0, end, 0x9747b28c);
    this.sign[id] = this.options.signedHash && s & 1 ? -1 : 1;
  }
}
