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

  toJSON(): FeaturizerJson {
    this.requireFitted();
    return { options: this.options, vocabulary: this.terms, idf: this.idf ? Array.from(this.idf) : null };
  }

  /**
   * A featurizer from its saved form, validated field by field before use:
   * known options of the right types, a vocabulary of distinct strings, finite
   * idf values of the right count. Errors name the field.
   */
  static fromJSON(json: FeaturizerJson, source = 'featurizer'): TextFeaturizer {
    const fail = (msg: string): never => {
      throw new RangeError(`${source}: ${msg}`);
    };
    if (json === null || typeof json !== 'object' || Array.isArray(json)) fail('expected an object with options, vocabulary and idf');
    const f = new TextFeaturizer(checkedOptions(json.options, fail));
    if (f.options.hashBuckets === null) {
      if (!Array.isArray(json.vocabulary)) fail('"vocabulary" must be an array of terms');
      const vocabulary = new Map<string, number>();
      json.vocabulary!.forEach((t, i) => {
        if (typeof t !== 'string') fail(`vocabulary[${i}] is ${JSON.stringify(t)}, expected a string`);
        if (vocabulary.has(t)) fail(`vocabulary[${i}] ${JSON.stringify(t)} appears twice`);
        vocabulary.set(t, i);
      });
      f.terms = json.vocabulary;
      f.vocabulary = vocabulary;
    } else if (json.vocabulary !== null && json.vocabulary !== undefined) fail('"vocabulary" must be null with hashBuckets');
    const expected = f.options.hashBuckets ?? f.terms!.length;
    if (json.idf !== null && json.idf !== undefined) {
      if (!Array.isArray(json.idf)) fail('"idf" must be an array of numbers or null');
      if (json.idf.length !== expected) fail(`"idf" has ${json.idf.length} values, expected ${expected}`);
      json.idf.forEach((x, i) => {
        if (typeof x !== 'number' || !Number.isFinite(x)) fail(`idf[${i}] is ${typeof x === 'number' ? String(x) : JSON.stringify(x)}, expected a finite number`);
      });
      f.idf = Float64Array.from(json.idf);
    } else if (f.options.weighting === 'tfidf') fail('tfidf weighting needs "idf"');
    f.fitted = true;
    return f;
  }

  private requireFitted(): void {
    if (!this.fitted) throw new Error('the featurizer must be fitted (fit or fromJSON) before use');
  }
}

/** Saved options: an object with only known keys, each of the right type (ranges are checked by validateOptions). */
function checkedOptions(raw: unknown, fail: (msg: string) => never): FeaturizerOptions {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail('"options" must be an object');
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!Object.hasOwn(DEFAULT_FEATURIZER, key)) fail(`unknown option ${JSON.stringify(key)}`);
  for (const key of ['lowercase', 'sublinearTf', 'signedHash'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') fail(`options.${key} must be true or false, got ${JSON.stringify(o[key])}`);
  }
  for (const key of ['wordNgrams', 'minCount', 'maxFeatures', 'hashBuckets'] as const) {
    if (o[key] !== undefined && o[key] !== null && typeof o[key] !== 'number') fail(`options.${key} must be a number, got ${JSON.stringify(o[key])}`);
  }
  const c = o.charNgrams;
  if (c !== undefined && c !== null && !(Array.isArray(c) && c.length === 2 && c.every((v) => typeof v === 'number'))) fail(`options.charNgrams must be [min, max] or null, got ${JSON.stringify(c)}`);
  try {
    return validateOptions({ ...DEFAULT_FEATURIZER, ...(o as Partial<FeaturizerOptions>) });
  } catch (e) {
    return fail(`options: ${(e as Error).message}`);
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
