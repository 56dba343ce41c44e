import { type CsrMatrix } from '../data/csr.js';
import { murmur3 } from './hash.js';
import { tokenize } from './tokenize.js';

/**
 * Text → sparse feature vectors: the bag of words of the lecture
 * (f(x) = [contains drug, contains patients, …]) with n-grams, weighting and
 * either a fitted vocabulary or the hashing trick.
 *
 * Terms: word n-grams for n = 1..wordNgrams ("too", "too many"), and with
 * charNgrams = [a, b] the character n-grams of each word padded as "<word>"
 * (fastText's subwords), prefixed "c:". Weights per document: 'binary' (1),
 * 'count' (c), or 'tfidf' (c · idf, idf = ln((1 + N) / (1 + df)) + 1 as
 * scikit-learn), optionally with a sublinear tf 1 + ln c; rows are then
 * scaled to unit l2 norm unless normalize is 'none'.
 */
export interface FeaturizerOptions {
  lowercase: boolean;
  punctuation: 'drop' | 'keep';
  wordNgrams: number;
  /** [min, max] character n-gram lengths, or null for none. */
  charNgrams: [number, number] | null;
  /** Keep terms seen at least this many times in the training texts (vocabulary mode). */
  minCount: number;
  /** Keep at most this many terms, the most frequent (vocabulary mode); null for no limit. */
  maxFeatures: number | null;
  weighting: 'binary' | 'count' | 'tfidf';
  sublinearTf: boolean;
  normalize: 'l2' | 'none';
  /** Hashing trick: this many buckets instead of a vocabulary (null: a vocabulary). */
  hashBuckets: number | null;
  /** Signed hashing: a second hash picks ±1, so collisions cancel in expectation. */
  signedHash: boolean;
}

export const DEFAULT_FEATURIZER: FeaturizerOptions = {
  lowercase: true,
  punctuation: 'drop',
  wordNgrams: 2,
  charNgrams: null,
  // Terms seen once cannot carry a learned weight to new text reliably; dropping them cut the SOTU
  // vocabulary from 385k to 134k terms and raised validation macro-F1 (bench/NOTES.md).
  minCount: 2,
  maxFeatures: null,
  weighting: 'tfidf',
  sublinearTf: true,
  normalize: 'l2',
  hashBuckets: null,
  signedHash: true,
};

export interface FeaturizerJson {
  options: FeaturizerOptions;
  vocabulary: string[] | null;
  idf: number[] | null;
}

export class TextFeaturizer {
  readonly options: FeaturizerOptions;
  private vocabulary: Map<string, number> | null = null;
  private terms: string[] | null = null;
  private idf: Float64Array | null = null;
  private fitted = false;

  constructor(options: Partial<FeaturizerOptions> = {}) {
    this.options = validateOptions({ ...DEFAULT_FEATURIZER, ...options });
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
    return this.fitTerms(texts.map((t) => this.termsOf(t)));
  }

  /** The feature matrix of texts (CSR, float64, columns sorted within each row). */
  transform(texts: readonly string[]): CsrMatrix {
    this.requireFitted();
    return this.transformTerms(texts.map((t) => this.termsOf(t)));
  }

  /** fit then transform, tokenizing each text once. */
  fitTransform(texts: readonly string[]): CsrMatrix {
    const terms = texts.map((t) => this.termsOf(t));
    return this.fitTerms(terms).transformTerms(terms);
  }

  private fitTerms(docs: string[][]): this {
    const o = this.options;
    const N = docs.length;
    if (o.hashBuckets !== null) {
      const df = new Float64Array(o.hashBuckets);
      for (const terms of docs) for (const col of new Set(terms.map((t) => this.bucket(t)[0]))) df[col]++;
      this.idf = o.weighting === 'tfidf' ? df.map((d) => Math.log((1 + N) / (1 + d)) + 1) : null;
    } else {
      // Per term: [total count, document frequency, last document seen].
      const stats = new Map<string, [number, number, number]>();
      docs.forEach((terms, d) => {
        for (const t of terms) {
          const st = stats.get(t);
          if (!st) stats.set(t, [1, 1, d]);
          else {
            st[0]++;
            if (st[2] !== d) {
              st[1]++;
              st[2] = d;
            }
          }
        }
      });
      let kept = [...stats.entries()].filter(([, st]) => st[0] >= o.minCount);
      kept.sort((x, y) => y[1][0] - x[1][0] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
      if (o.maxFeatures !== null) kept = kept.slice(0, o.maxFeatures);
      this.terms = kept.map(([t]) => t);
      this.vocabulary = new Map(this.terms.map((t, i) => [t, i]));
      this.idf = o.weighting === 'tfidf' ? Float64Array.from(kept, ([, st]) => Math.log((1 + N) / (1 + st[1])) + 1) : null;
    }
    this.fitted = true;
    return this;
  }

  private transformTerms(docs: string[][]): CsrMatrix {
    const o = this.options;
    const indptr = new Int32Array(docs.length + 1);
    const indices: number[] = [];
    const values: number[] = [];
    const row = new Map<number, number>();
    docs.forEach((terms, i) => {
      row.clear();
      for (const t of terms) {
        const [col, sign] = this.bucket(t);
        if (col >= 0) row.set(col, (row.get(col) ?? 0) + sign);
      }
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
    });
    return {
      kind: 'csr', rows: docs.length, cols: this.numFeatures, indptr,
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

  toJSON(): FeaturizerJson {
    this.requireFitted();
    return { options: this.options, vocabulary: this.terms, idf: this.idf ? Array.from(this.idf) : null };
  }

  static fromJSON(json: FeaturizerJson, source = 'featurizer'): TextFeaturizer {
    const f = new TextFeaturizer(json.options);
    if (f.options.hashBuckets === null) {
      if (!Array.isArray(json.vocabulary)) throw new RangeError(`${source}: "vocabulary" must be an array of terms`);
      f.terms = json.vocabulary;
      f.vocabulary = new Map(json.vocabulary.map((t, i) => [t, i]));
    }
    const expected = f.options.hashBuckets ?? f.terms!.length;
    if (json.idf !== null) {
      if (!Array.isArray(json.idf) || json.idf.length !== expected) throw new RangeError(`${source}: "idf" must have ${expected} values`);
      f.idf = Float64Array.from(json.idf);
    } else if (f.options.weighting === 'tfidf') throw new RangeError(`${source}: tfidf weighting needs "idf"`);
    f.fitted = true;
    return f;
  }

  private requireFitted(): void {
    if (!this.fitted) throw new Error('the featurizer must be fitted (fit or fromJSON) before use');
  }
}

function validateOptions(o: FeaturizerOptions): FeaturizerOptions {
  const int = (name: string, v: number, min: number) => {
    if (!(Number.isInteger(v) && v >= min)) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${v}`);
  };
  int('wordNgrams', o.wordNgrams, 1);
  int('minCount', o.minCount, 1);
  if (o.maxFeatures !== null) int('maxFeatures', o.maxFeatures, 1);
  if (o.hashBuckets !== null) int('hashBuckets', o.hashBuckets, 1);
  if (o.charNgrams) {
    const [a, b] = o.charNgrams;
    int('charNgrams min', a, 1);
    int('charNgrams max', b, a);
  }
  if (!['binary', 'count', 'tfidf'].includes(o.weighting)) throw new RangeError(`weighting must be binary, count or tfidf, got ${JSON.stringify(o.weighting)}`);
  if (!['l2', 'none'].includes(o.normalize)) throw new RangeError(`normalize must be l2 or none, got ${JSON.stringify(o.normalize)}`);
  if (!['drop', 'keep'].includes(o.punctuation)) throw new RangeError(`punctuation must be drop or keep, got ${JSON.stringify(o.punctuation)}`);
  return o;
}
