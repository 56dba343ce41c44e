/**
 * The byte-level featurizer (interned terms, ASCII fast path, streaming files)
 * gives exactly what the string featurizer gives (test/support/string-featurizer.ts):
 * the same vocabulary in the same order, the same idf, and CSR rows with
 * identical columns and bit-identical values, for random option combinations
 * on random texts full of the cases that differ between bytes and strings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type CsrMatrix } from '../src/data/csr.js';
import { type FeaturizerOptions, TextFeaturizer } from '../src/text/featurizer.js';
import { StringFeaturizer } from './support/string-featurizer.js';

/** Pieces where bytes and strings part ways: case mapping that changes length, NFC/NFD, apostrophes, surrogates, spaces JavaScript's \s knows. */
const PIECES = [
  'the', 'The', 'THE', 'a', 'b', 'spam', 'Ham', 'x1', '42', "don't", "'quoted'", "a''b", 'l’homme', '’s', 'İstanbul', 'İ', 'ß', 'STRASSE', 'Straße',
  'café', 'cafe\u0301', 'e\u0301', '\u0301', 'Å', 'A\u030a', 'ﬁne', 'Ω', 'Ωmega', 'σς', 'ΣΑΣ', '中文', '😀', 'a😀b', '\ud800', 'x\udc00y', '\ue000', '\uffff',
  ' ', '  ', '\t', '\n', '\r', '\v', '\f', '\0', '\u00a0', '\u2028', '\u3000', '\ufeff', ',', '.', '!', '?', '-', '<', '>', ':', 'c:', '__label__x',
  '\x01', '\x1f', '\x7f', 'Z', 'z', 'ÿ', 'Ÿ',
];
const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((p) => p.join('')),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((p) => p.join(' ')),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', "'", 'A', '.'), maxLength: 24 }),
);

const options: fc.Arbitrary<Partial<FeaturizerOptions>> = fc.record({
  lowercase: fc.boolean(),
  punctuation: fc.constantFrom('drop' as const, 'keep' as const),
  wordNgrams: fc.integer({ min: 1, max: 3 }),
  charNgrams: fc.option(fc.integer({ min: 1, max: 3 }).chain((a) => fc.integer({ min: a, max: a + 2 }).map((b) => [a, b] as [number, number])), { nil: null }),
  minCount: fc.integer({ min: 1, max: 3 }),
  maxFeatures: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
  weighting: fc.constantFrom('binary' as const, 'count' as const, 'tfidf' as const),
  sublinearTf: fc.boolean(),
  normalize: fc.constantFrom('l2' as const, 'none' as const),
  hashBuckets: fc.option(fc.integer({ min: 1, max: 64 }), { nil: null }),
  signedHash: fc.boolean(),
});

function sameCsr(a: CsrMatrix, b: CsrMatrix, what: string): void {
  assert.equal(a.rows, b.rows, `${what}: rows`);
  assert.equal(a.cols, b.cols, `${what}: cols`);
  assert.deepEqual(Array.from(a.indptr), Array.from(b.indptr), `${what}: indptr`);
  assert.deepEqual(Array.from(a.indices), Array.from(b.indices), `${what}: indices`);
  // Bit-identical: Object.is tells −0 from 0 and compares NaN with itself.
  const va = Array.from(a.values);
  const vb = Array.from(b.values);
  assert.ok(va.length === vb.length && va.every((v, i) => Object.is(v, vb[i])), `${what}: values ${JSON.stringify(va)} vs ${JSON.stringify(vb)}`);
}

test('fitTransform, fit and transform equal the string featurizer exactly (1000 random cases, seed 12)', () => {
  fc.assert(
    fc.property(options, fc.array(text, { maxLength: 8 }), fc.array(text, { maxLength: 4 }), (o, train, later) => {
      const ref = new StringFeaturizer(o);
      const fast = new TextFeaturizer(o);
      sameCsr(fast.fitTransform(train), ref.fitTransform(train), 'fitTransform');
      assert.deepEqual(fast.toJSON().vocabulary, ref.terms, 'vocabulary');
      assert.deepEqual(fast.idfValues ? Array.from(fast.idfValues) : null, ref.idf ? Array.from(ref.idf) : null, 'idf');
      sameCsr(fast.transform(later), ref.transform(later), 'transform of new texts');
      const refitted = new TextFeaturizer(o).fit(train);
      assert.deepEqual(refitted.toJSON(), fast.toJSON(), 'fit alone');
      // A featurizer read back from its saved form transforms the same way.
      sameCsr(TextFeaturizer.fromJSON(JSON.parse(JSON.stringify(fast.toJSON()))).transform(later), ref.transform(later), 'transform after fromJSON');
    }),
    { seed: 12, numRuns: 1000 },
  );
});

test('larger vocabularies (many terms with equal counts) keep the string order exactly (60 random cases, seed 7)', () => {
  fc.assert(
    fc.property(options, fc.array(text, { minLength: 30, maxLength: 120 }), (o, train) => {
      const ref = new StringFeaturizer({ ...o, maxFeatures: null });
      const fast = new TextFeaturizer({ ...o, maxFeatures: null });
      sameCsr(fast.fitTransform(train), ref.fitTransform(train), 'fitTransform');
      assert.deepEqual(fast.toJSON().vocabulary, ref.terms, 'vocabulary');
    }),
    { seed: 7, numRuns: 60 },
  );
});

test('long documents (hundreds of distinct terms per row) equal the string featurizer exactly (40 random cases, seed 9)', () => {
  // Many distinct words, so rows are long enough for the radix passes of the row sort, not only its insertion sort.
  const word = fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'E', 'é', '1'), minLength: 1, maxLength: 5 }));
  const longText = fc.array(word, { minLength: 100, maxLength: 600, size: 'max' }).map((w) => w.join(' '));
  fc.assert(
    fc.property(options, fc.array(longText, { minLength: 1, maxLength: 5 }), fc.array(longText, { maxLength: 2 }), (o, train, later) => {
      const ref = new StringFeaturizer(o);
      const fast = new TextFeaturizer(o);
      sameCsr(fast.fitTransform(train), ref.fitTransform(train), 'fitTransform');
      assert.deepEqual(fast.toJSON().vocabulary, ref.terms, 'vocabulary');
      sameCsr(fast.transform(later), ref.transform(later), 'transform of new texts');
    }),
    // No shrinking: a failing case of long texts takes minutes to shrink; the first one is reported as found.
    { seed: 9, numRuns: 40, endOnFailure: true },
  );
});

test('a hand-written vocabulary (empty words, too many words, line feeds, non-ASCII) maps texts as a Map of its strings would', () => {
  const options = { wordNgrams: 3, minCount: 1, weighting: 'count' as const, normalize: 'none' as const, charNgrams: [2, 3] as [number, number] };
  const withLineFeed = ['a b', 'a  b', ' a', 'b ', 'a b c d', 'x\ny', 'é', 'c:<a', '', 'a', 'b c', 'a b c', 'ß'];
  // With a line feed the terms are encoded one by one; without, in one go.
  for (const vocabulary of [withLineFeed, withLineFeed.filter((t) => !t.includes('\n'))]) {
    const f = TextFeaturizer.fromJSON({ options: { ...new TextFeaturizer(options).options }, vocabulary, idf: null });
    const ref = new StringFeaturizer(options);
    Object.assign(ref, { terms: vocabulary, vocabulary: new Map(vocabulary.map((t, i) => [t, i])), fitted: true });
    const texts = ['a b c d', 'A b', 'x y é ß', 'a', '', 'b a b c'];
    sameCsr(f.transform(texts), ref.transform(texts), `transform (${vocabulary.length} terms)`);
  }
  const f = new TextFeaturizer(options);
  assert.throws(() => TextFeaturizer.fromJSON({ options: f.options, vocabulary: ['a', 'a  b', 'a  b'], idf: null }), /vocabulary\[2\] "a  b" appears twice/);
  assert.throws(() => TextFeaturizer.fromJSON({ options: f.options, vocabulary: ['a b', 'x', 'a b'], idf: null }), /vocabulary\[2\] "a b" appears twice/);
});
