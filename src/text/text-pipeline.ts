import { type CsrMatrix } from '../data/csr.js';
import { type RowSink } from '../data/row-sink.js';
import { type FeaturizerOptions, TextFeaturizer } from './featurizer.js';
import { InternedRows } from './row-store.js';
import { RowWeigher } from './row-weights.js';
import { TermCounter } from './term-counter.js';
import { HashedColumns, TermStats } from './term-stats.js';
import { TALLY_INTS, TermTable, growInt32 } from './term-table.js';
import { WordFeeder } from './text-words.js';
import { encodeTerm } from './wtf8.js';

/**
 * Fitting in one pass: each document's words are interned (TermTable), its
 * distinct terms counted (TermStats); with keepRows the documents are also
 * kept as interned ids (InternedRows) to become the training CSR afterwards.
 * Documents are fed as ASCII bytes or decoded text, then ended with their
 * labels.
 */
export class TextFitter {
  private readonly table: TermTable;
  private counter: TermCounter;
  private stats: TermStats;
  private readonly feeder: WordFeeder;
  private readonly rows: InternedRows | null;

  constructor(
    private readonly options: FeaturizerOptions,
    keepRows = false,
    /** Count documents as they end (false: count a chosen subset of the kept rows in finish). */
    private readonly countAsRead = true,
  ) {
    // Fitting a vocabulary: each term's record also holds its tally.
    this.table = new TermTable(options.hashBuckets === null ? TALLY_INTS : 2);
    this.counter = new TermCounter(options, this.table, false);
    this.stats = new TermStats(options, this.table);
    this.feeder = new WordFeeder(options.lowercase, options.punctuation === 'keep', options.segmentWords);
    this.rows = keepRows ? new InternedRows() : null;
  }

  /** Documents counted so far (once per label). */
  get documents(): number {
    return this.stats.documents;
  }

  /** Number of rows kept. */
  get rowCount(): number {
    return this.rows?.rows ?? 0;
  }

  addText(text: string, labels: readonly number[] | null = null): void {
    this.feeder.text(this.counter, text);
    this.endDocument(labels);
  }

  /** Feeds ASCII words of bytes[start, end) to the current document (lower-cases them in place). */
  feedAscii(bytes: Uint8Array, start: number, end: number, nulIsSpace: boolean): void {
    this.feeder.asciiBytes(this.counter, bytes, start, end, nulIsSpace);
  }

  /** Feeds the words of decoded text to the current document. */
  feedText(text: string): void {
    this.feeder.text(this.counter, text);
  }

  /** Ends the current document: one row per label (one unlabelled row when null), counted once per row. */
  endDocument(labels: readonly number[] | null): void {
    const c = this.counter;
    const repeat = labels ? labels.length : 1;
    // A vocabulary is counted in the counter's own pass over the terms; hashing counts distinct buckets afterwards.
    const tallied = this.countAsRead && this.options.hashBuckets === null;
    if (tallied) this.stats.tally(repeat);
    const n = c.endDocument(tallied, repeat);
    if (this.countAsRead && !tallied) this.stats.add(c.ids, c.counts, n, repeat);
    if (this.rows) {
      if (labels) for (const label of labels) this.rows.push(c.ids, c.counts, n, label);
      else this.rows.push(c.ids, c.counts, n, -1);
    }
  }

  /**
   * The fitted featurizer and, with kept rows, their CSR builder. countRows:
   * the rows to fit on (when documents were not counted as read).
   */
  finish(countRows?: ArrayLike<number>): { featurizer: TextFeaturizer; rows: FittedRows | null; summary: { distinct: number; most: number } } {
    if (countRows) {
      const r = this.rows!;
      for (let k = 0; k < countRows.length; k++) {
        const row = countRows[k];
        const from = r.start(row);
        this.stats.add(r.ids.subarray(from), r.counts.subarray(from), r.ends[row] - from, 1);
      }
    }
    const { colOf, signOf, terms, idf } = this.stats.finish();
    const summary = this.stats.summary();
    // The interned terms are no longer needed (only each id's column): let them go before the rows are built.
    this.table.release();
    this.counter = null!;
    this.stats = null!;
    const featurizer = TextFeaturizer.fromParts(this.options, terms, idf);
    const D = featurizer.numFeatures;
    const rows = this.rows;
    return {
      featurizer,
      summary,
      rows: rows && {
        labels: rows.labels.subarray(0, rows.rows),
        toCsrInPlace: () => rows.toCsrInPlace(new RowWeigher(this.options, D, idf), D, colOf, signOf),
        toCsr: (order) => rows.toCsr(new RowWeigher(this.options, D, idf), D, colOf, signOf, order),
      },
    };
  }
}

/** Kept training rows, turned into CSR once the vocabulary is known. */
export interface FittedRows {
  /** Label index of each kept row (−1: none). */
  labels: Int32Array;
  /** All rows in order; the interned rows are consumed (their id array becomes the column indices). */
  toCsrInPlace(): CsrMatrix;
  /** The given rows in the given order (a copy). */
  toCsr(order: ArrayLike<number>): CsrMatrix;
}

/** A fitted vocabulary ready for lookups: the terms interned, and each term id's column (−1: only part of an n-gram). */
export interface VocabularyLookup {
  table: TermTable;
  colOf: Int32Array;
}

/**
 * Interns a vocabulary for lookups. An n-gram "a b c" is interned as the
 * pairs its words make ((a, b), then ((a b), c)), as documents form it.
 * Terms no document can produce (an empty word, more words than wordNgrams)
 * keep their column and never match. onRepeat(i): term i repeats an earlier one.
 * The terms are encoded in one go (joined by line feeds, which no term of a
 * fitted vocabulary holds) and split on their bytes.
 */
export function buildLookup(terms: readonly string[], options: FeaturizerOptions, onRepeat?: (i: number) => void): VocabularyLookup {
  const joined = terms.join('\n');
  let bytes = new Uint8Array(3 * joined.length);
  const wellFormed = (joined as { isWellFormed?: () => boolean }).isWellFormed?.() === true;
  let n = wellFormed ? new TextEncoder().encodeInto(joined, bytes).written : encodeTerm(joined, bytes);
  let lineFeeds = 0;
  for (let p = 0; p < n; p++) if (bytes[p] === 0x0a) lineFeeds++;
  const starts = new Int32Array(terms.length + 1);
  if (terms.length > 0 && lineFeeds !== terms.length - 1) {
    // A term with a line feed (a hand-edited vocabulary): encode term by term, back to back.
    bytes = new Uint8Array(3 * joined.length + terms.length);
    n = 0;
    terms.forEach((t, i) => {
      starts[i] = n;
      n = encodeTerm(t, bytes, n) + 1;
    });
  } else {
    for (let p = 0, k = 0; p < n; p++) if (bytes[p] === 0x0a) starts[++k] = p + 1;
    n++;
  }
  starts[terms.length] = n;
  return internTerms(terms, bytes, starts, options, onRepeat);
}

/**
 * Interns each term (bytes[starts[i], starts[i + 1] − 1): one separator byte
 * follows each), its words split on spaces into pairs, and records its column.
 */
function internTerms(terms: readonly string[], bytes: Uint8Array, starts: Int32Array, options: FeaturizerOptions, onRepeat?: (i: number) => void): VocabularyLookup {
  const table = new TermTable();
  let colOf = new Int32Array(table.capacity).fill(-1);
  const unreachable = new Set<string>();
  for (let col = 0; col < terms.length; col++) {
    const from = starts[col];
    const end = starts[col + 1] - 1;
    let id = -1;
    let words = 1;
    let ok = true;
    for (let p = from; p < end; p++) if (bytes[p] === 0x20) words++;
    if (words > 1) {
      // "a b c": no empty word, at most wordNgrams words.
      if (words > options.wordNgrams || bytes[from] === 0x20 || bytes[end - 1] === 0x20) ok = false;
      for (let p = from + 1; ok && p < end; p++) if (bytes[p] === 0x20 && bytes[p - 1] === 0x20) ok = false;
    }
    if (!ok) {
      if (unreachable.has(terms[col])) onRepeat?.(col);
      unreachable.add(terms[col]);
      continue;
    }
    let s = from;
    for (let p = from; p <= end; p++) {
      if (p < end && bytes[p] !== 0x20) continue;
      const w = table.internBytes(bytes, s, p);
      id = id < 0 ? w : table.internPair(id, w);
      s = p + 1;
    }
    if (colOf.length < table.capacity) colOf = growInt32(colOf, table.capacity, -1);
    if (colOf[id] >= 0) onRepeat?.(col);
    colOf[id] = col;
  }
  return { table, colOf };
}

/**
 * Rows of new documents with a fitted featurizer, one at a time into a
 * RowSink: sorted columns, final weighted (and normalized) values, the label.
 */
export class TextTransformer {
  private readonly counter: TermCounter;
  private readonly feeder: WordFeeder;
  private readonly weigher: RowWeigher;
  private readonly hashed: HashedColumns | null;
  private readonly colOf: Int32Array | null;
  private cols = new Int32Array(1024);
  private merged = new Int32Array(1024);
  private values = new Float64Array(1024);

  constructor(options: FeaturizerOptions, numFeatures: number, idf: Float64Array | null, lookup: VocabularyLookup | null) {
    // Hashing: terms are interned as they come, to hash each distinct term once.
    const table = lookup ? lookup.table : new TermTable();
    this.counter = new TermCounter(options, table, lookup !== null);
    this.hashed = lookup ? null : new HashedColumns(table, options);
    this.colOf = lookup ? lookup.colOf : null;
    this.feeder = new WordFeeder(options.lowercase, options.punctuation === 'keep', options.segmentWords);
    this.weigher = new RowWeigher(options, numFeatures, idf);
  }

  /** One text's row into the sink. */
  text(text: string, sink: RowSink, label: number): void {
    this.feeder.text(this.counter, text);
    this.endDocument(sink, label);
  }

  feedAscii(bytes: Uint8Array, start: number, end: number, nulIsSpace: boolean): void {
    this.feeder.asciiBytes(this.counter, bytes, start, end, nulIsSpace);
  }

  feedText(text: string): void {
    this.feeder.text(this.counter, text);
  }

  /** Ends the current document: its row goes to the sink with the label (−1: none). */
  endDocument(sink: RowSink, label: number): void {
    const c = this.counter;
    const n = c.endDocument();
    let colOf = this.colOf;
    let signOf: Int8Array | null = null;
    if (this.hashed) {
      for (let k = 0; k < n; k++) this.hashed.column(c.ids[k]);
      ({ colOf, signOf } = this.hashed.all());
    }
    if (this.cols.length < n) {
      this.cols = new Int32Array(2 * n);
      this.merged = new Int32Array(2 * n);
      this.values = new Float64Array(2 * n);
    }
    const m = this.weigher.merge(c.ids, c.counts, 0, n, colOf!, signOf, this.cols, this.merged, 0);
    this.weigher.weigh(this.cols, this.merged, 0, m, this.values);
    sink.push(this.cols, this.values, m, label);
  }
}

/** A RowSink that keeps the rows as a CSR matrix (arrays grown by doubling), with their labels. */
export class CsrRows implements RowSink {
  private indptr = new Int32Array(1025);
  private indices = new Int32Array(1 << 14);
  private values = new Float64Array(1 << 14);
  private labelList = new Int32Array(1024);
  rows = 0;

  constructor(readonly cols: number) {}

  push(columns: Int32Array, values: Float64Array, length: number, label: number): void {
    const at = this.indptr[this.rows];
    if (at + length > this.indices.length) {
      const cap = Math.max(2 * this.indices.length, at + length);
      this.indices = growInt32(this.indices, cap);
      const v = new Float64Array(cap);
      v.set(this.values);
      this.values = v;
    }
    this.indices.set(columns.subarray(0, length), at);
    this.values.set(values.subarray(0, length), at);
    if (this.rows + 1 === this.indptr.length) this.indptr = growInt32(this.indptr, 2 * this.indptr.length);
    if (this.rows === this.labelList.length) this.labelList = growInt32(this.labelList, 2 * this.labelList.length);
    this.labelList[this.rows++] = label;
    this.indptr[this.rows] = at + length;
  }

  /** The label of each row. */
  labels(): Int32Array {
    return this.labelList.slice(0, this.rows);
  }

  matrix(): CsrMatrix {
    const nnz = this.indptr[this.rows];
    return {
      kind: 'csr', rows: this.rows, cols: this.cols, indptr: this.indptr.slice(0, this.rows + 1),
      indices: this.indices.slice(0, nnz), values: this.values.slice(0, nnz), scale: 1,
    };
  }
}
