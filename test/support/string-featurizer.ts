import { type CsrMatrix } from '../../src/data/csr.js';
import { murmur3 } from '../../src/text/hash.js';
import { tokenize } from '../../src/text/tokenize.js';
import { DEFAULT_FEATURIZER, type FeaturizerOptions } from '../../src/text/featurizer.js';

/**
 * The featurizer as it was before the byte-level interning: every term a
 * string, a Map vocabulary. Kept as the reference the fast path must match
 * exactly (test/text-exact.test.ts).
 */
export class StringFeaturizer {
  readonly options: FeaturizerOptions;
  private vocabulary: Map<string, number> | null = null;
  terms: string[] | null = null;
  idf: Float64Array | null = null;
  private fitted = false;

  constructor(options: Partial<FeaturizerOptions> = {}) {
    this.options = { ...DEFAULT_FEATURIZER, ...options };
  }

  /** Number of features (columns) after fitting. */
  get numFeatures(): number {
    this.requireFitted();
    return this.options.hashBuckets ?? this.terms!.length;
  }

  /** The terms of one text, in order, with repeats. */
  termsOf(text: string): string[] {
    const o = this.options;
    const tokens = tokenize(text, o);
    const out: string[] = [];
    for (let n = 1; n <= o.wordNgrams; n++) {
      for (let i = 0; i + n <= tokens.length; i++) out.push(n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' '));
    }
    if (o.charNgrams) {
      const [a, b] = o.charNgrams;
      for (const t of tokens) {
        const chars = Array.from(`<${t}>`);
        for (let n = a; n <= b; n++) for (let i = 0; i + n <= chars.length; i++) out.push('c:' + chars.slice(i, i + n).join(''));
      }
    }
    return out;
  }

  /** Learns the vocabulary (or bucket document frequencies) and the idf from training texts. */
  fit(texts: readonly string[]): this {
    this.fitInterned(texts);
    return this;
  }

  /** The feature matrix of texts (CSR, float64, columns sorted within each row). */
  transform(texts: readonly string[]): CsrMatrix {
    this.requireFitted();
    return this.buildRows(texts.length, (d, emit) => {
      for (const t of this.termsOf(texts[d])) {
        const [col, sign] = this.bucket(t);
        if (col >= 0) emit(col, sign);
      }
    });
  }

  /**
   * fit then transform, tokenizing each text once (terms are interned to
   * integer ids in between). onProgress gets the fraction of texts tokenized.
   */
  fitTransform(texts: readonly string[], onProgress?: (fraction: number) => void): CsrMatrix {
    const { docs, colOf, signOf } = this.fitInterned(texts, onProgress);
    return this.buildRows(docs.length, (d, emit) => {
      for (const id of docs[d]) if (colOf[id] >= 0) emit(colOf[id], signOf[id]);
    });
  }

  /**
   * One pass over the training texts: each distinct term gets an integer id
   * (documents are kept as id arrays, not strings), with its count and
   * document frequency; then the vocabulary (or hash buckets) and idf.
   * Returns the documents and each id's column and sign.
   */
  private fitInterned(texts: readonly string[], onProgress?: (fraction: number) => void): { docs: Int32Array[]; colOf: Int32Array; signOf: Int8Array } {
    const o = this.options;
    const N = texts.length;
    const ids = new Map<string, number>();
    const terms: string[] = [];
    const count: number[] = [];
    const df: number[] = [];
    const lastDoc: number[] = [];
    const docs = texts.map((text, d) => {
      if (onProgress && (d & 255) === 0) onProgress(d / N);
      const ts = this.termsOf(text);
      const out = new Int32Array(ts.length);
      for (let k = 0; k < ts.length; k++) {
        let id = ids.get(ts[k]);
        if (id === undefined) {
          id = terms.length;
          ids.set(ts[k], id);
          terms.push(ts[k]);
          count.push(0);
          df.push(0);
          lastDoc.push(-1);
        }
        count[id]++;
        if (lastDoc[id] !== d) {
          df[id]++;
          lastDoc[id] = d;
        }
        out[k] = id;
      }
      return out;
    });
    const colOf = new Int32Array(terms.length).fill(-1);
    const signOf = new Int8Array(terms.length).fill(1);
    if (o.hashBuckets !== null) {
      terms.forEach((t, id) => ([colOf[id], signOf[id]] = this.bucket(t)));
      // Document frequency per bucket: the distinct buckets of each document.
      const bucketDf = new Float64Array(o.hashBuckets);
      const seenIn = new Int32Array(o.hashBuckets).fill(-1);
      docs.forEach((doc, d) => {
        for (const id of doc) {
          const c = colOf[id];
          if (seenIn[c] !== d) {
            seenIn[c] = d;
            bucketDf[c]++;
          }
        }
      });
      this.idf = o.weighting === 'tfidf' ? bucketDf.map((x) => Math.log((1 + N) / (1 + x)) + 1) : null;
    } else {
      let kept = terms.map((_, id) => id).filter((id) => count[id] >= o.minCount);
      kept.sort((x, y) => count[y] - count[x] || (terms[x] < terms[y] ? -1 : terms[x] > terms[y] ? 1 : 0));
      if (o.maxFeatures !== null) kept = kept.slice(0, o.maxFeatures);
      kept.forEach((id, col) => (colOf[id] = col));
      this.terms = kept.map((id) => terms[id]);
      this.vocabulary = new Map(this.terms.map((t, i) => [t, i]));
      this.idf = o.weighting === 'tfidf' ? Float64Array.from(kept, (id) => Math.log((1 + N) / (1 + df[id])) + 1) : null;
    }
    this.fitted = true;
    return { docs, colOf, signOf };
  }

  /** Weighted, normalized CSR rows from each document's (column, sign) occurrences. */
  private buildRows(numDocs: number, entries: (d: number, emit: (col: number, sign: number) => void) => void): CsrMatrix {
    const o = this.options;
    const indptr = new Int32Array(numDocs + 1);
    const indices: number[] = [];
    const values: number[] = [];
    const row = new Map<number, number>();
    const emit = (col: number, sign: number) => row.set(col, (row.get(col) ?? 0) + sign);
    for (let i = 0; i < numDocs; i++) {
      row.clear();
      entries(i, emit);
      const cols = [...row.keys()].sort((a, b) => a - b);
      let sq = 0;
      const start = values.length;
      for (const col of cols) {
        const c = row.get(col)!;
        if (c === 0) continue; // signed collisions cancelled
        const mag = Math.abs(c);
        let v = o.weighting === 'binary' ? 1 : o.sublinearTf ? 1 + Math.log(mag) : mag;
        if (this.idf) v *= this.idf[col];
        v *= Math.sign(c);
        indices.push(col);
        values.push(v);
        sq += v * v;
      }
      if (o.normalize === 'l2' && sq > 0) {
        const inv = 1 / Math.sqrt(sq);
        for (let p = start; p < values.length; p++) values[p] *= inv;
      }
      indptr[i + 1] = values.length;
    }
    return {
      kind: 'csr', rows: numDocs, cols: this.numFeatures, indptr,
      indices: Int32Array.from(indices), values: Float64Array.from(values), scale: 1,
    };
  }

  /** Column of a term and its sign (column −1 for a term outside the vocabulary). */
  private bucket(term: string): [number, number] {
    const o = this.options;
    if (o.hashBuckets !== null) {
      const col = murmur3(term) % o.hashBuckets;
      const sign = o.signedHash && murmur3(term, 0x9747b28c) & 1 ? -1 : 1;
      return [col, sign];
    }
    return [this.vocabulary!.get(term) ?? -1, 1];
  }

  private requireFitted(): void {
    if (!this.fitted) throw new Error('the featurizer must be fitted (fit or fromJSON) before use');
  }
}

