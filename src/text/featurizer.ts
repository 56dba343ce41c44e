import { type CsrMatrix } from '../data/csr.js';
import { tokenize } from './tokenize.js';
import { type EncodedFloat64, float64ToBase64, readFloat64Field } from '../io/float64-base64.js';
import { buildLookup, CsrRows, TextFitter, TextTransformer, type VocabularyLookup } from './text-pipeline.js';
import { refuseUnknownOptions } from '../option-names.js';

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
  /** Cut runs of Chinese, Japanese, Thai, Lao, Khmer or Myanmar letters into dictionary words (ICU's word breaker). */
  segmentWords: boolean;
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
  // Off by default, as scikit-learn's and fastText's tokenizers: a model's terms do not depend on the ICU version.
  segmentWords: false,
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
  /** Written as float64 base64; an array of numbers (earlier files) is read too. */
  idf: number[] | EncodedFloat64 | null;
}

export class TextFeaturizer {
  readonly options: FeaturizerOptions;
  /** Vocabulary mode: the terms by column. */
  private terms: string[] | null = null;
  /** Vocabulary mode: the terms interned for lookup, built on first use. */
  private lookup: VocabularyLookup | null = null;
  private idf: Float64Array | null = null;
  private fitted = false;

  constructor(options: Partial<FeaturizerOptions> = {}) {
    refuseUnknownOptions(options, Object.keys(DEFAULT_FEATURIZER), 'featurizer');
    this.options = validateOptions({ ...DEFAULT_FEATURIZER, ...options });
  }

  /** A fitted featurizer from its parts (as fitting computed them: not re-validated). */
  static fromParts(options: FeaturizerOptions, terms: string[] | null, idf: Float64Array | null): TextFeaturizer {
    const f = new TextFeaturizer(options);
    f.terms = terms;
    f.idf = idf;
    f.fitted = true;
    return f;
  }

  /** Number of features (columns) after fitting. */
  get numFeatures(): number {
    this.requireFitted();
    return this.options.hashBuckets ?? this.terms!.length;
  }

  /** The inverse document frequencies by column (tfidf weighting), else null. */
  get idfValues(): Float64Array | null {
    this.requireFitted();
    return this.idf;
  }

  /** The terms of one text, in order, with repeats. */
  termsOf(text: string): string[] {
    const o = this.options;
    const tokens = tokenize(text, o);
    const out: string[] = [];
    // n-grams longer than the text (or the word) do not exist: the loops stop there, whatever the options say.
    for (let n = 1; n <= Math.min(o.wordNgrams, tokens.length); n++) {
      for (let i = 0; i + n <= tokens.length; i++) out.push(n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' '));
    }
    if (o.charNgrams) {
      const [a, b] = o.charNgrams;
      for (const t of tokens) {
        const chars = Array.from(`<${t}>`);
        for (let n = a; n <= Math.min(b, chars.length); n++) for (let i = 0; i + n <= chars.length; i++) out.push('c:' + chars.slice(i, i + n).join(''));
      }
    }
    return out;
  }

  /** Learns the vocabulary (or bucket document frequencies) and the idf from training texts. */
  fit(texts: readonly string[]): this {
    const fitter = new TextFitter(this.options);
    for (const text of texts) fitter.addText(text);
    this.adopt(fitter.finish().featurizer);
    return this;
  }

  /** The feature matrix of texts (CSR, float64, columns sorted within each row). */
  transform(texts: readonly string[]): CsrMatrix {
    const rows = new CsrRows(this.numFeatures);
    const transformer = this.transformer();
    for (const text of texts) transformer.text(text, rows, -1);
    return rows.matrix();
  }

  /**
   * A row writer: each text's row (sorted columns, final values) goes to a
   * RowSink, one at a time (see transformTextFile for files).
   */
  transformer(): TextTransformer {
    this.requireFitted();
    if (this.options.hashBuckets === null) this.lookup ??= buildLookup(this.terms!, this.options);
    return new TextTransformer(this.options, this.numFeatures, this.idf, this.lookup);
  }

  /**
   * fit then transform, tokenizing each text once (documents are kept as
   * interned term ids and counts in between). onProgress gets the fraction of
   * texts tokenized.
   */
  fitTransform(texts: readonly string[], onProgress?: (fraction: number) => void): CsrMatrix {
    const fitter = new TextFitter(this.options, true);
    texts.forEach((text, d) => {
      if (onProgress && (d & 255) === 0) onProgress(d / texts.length);
      fitter.addText(text);
    });
    const { featurizer, rows } = fitter.finish();
    this.adopt(featurizer);
    return rows!.toCsrInPlace();
  }

  private adopt(f: TextFeaturizer): void {
    this.terms = f.terms;
    this.idf = f.idf;
    this.lookup = null;
    this.fitted = true;
  }

  toJSON(): FeaturizerJson {
    const { options, vocabulary, idf } = this.parts();
    return { options, vocabulary, idf: idf ? { encoding: 'float64-base64', data: float64ToBase64(idf) } : null };
  }

  /** What a saved featurizer holds (shared, not copied: the model file writes them piece by piece). */
  parts(): { options: FeaturizerOptions; vocabulary: string[] | null; idf: Float64Array | null } {
    this.requireFitted();
    return { options: this.options, vocabulary: this.terms, idf: this.idf };
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
      json.vocabulary!.forEach((t, i) => {
        if (typeof t !== 'string') fail(`vocabulary[${i}] is ${JSON.stringify(t)}, expected a string`);
      });
      f.terms = json.vocabulary;
      // The lookup is what transform needs; building it here also finds repeated terms.
      f.lookup = buildLookup(f.terms!, f.options, (i) => fail(`vocabulary[${i}] ${JSON.stringify(f.terms![i])} appears twice`));
    } else if (json.vocabulary !== null && json.vocabulary !== undefined) fail('"vocabulary" must be null with hashBuckets');
    const expected = f.options.hashBuckets ?? f.terms!.length;
    if (json.idf !== null && json.idf !== undefined) {
      f.idf = readFloat64Field(json.idf, 'idf', expected, fail);
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
  for (const key of ['lowercase', 'segmentWords', 'sublinearTf', 'signedHash'] as const) {
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
