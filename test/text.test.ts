/** Tokenizer, hashing and featurizer on small hand-made inputs with exact expected outputs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../src/text/tokenize.js';
import { murmur3 } from '../src/text/hash.js';
import { TextFeaturizer } from '../src/text/featurizer.js';

test('tokenizer: Unicode words, inner apostrophes, lower-casing, punctuation dropped or kept', () => {
  assert.deepEqual(tokenize('Too many drug trials, too few patients!'), ['too', 'many', 'drug', 'trials', 'too', 'few', 'patients']);
  assert.deepEqual(tokenize("Don't stop: l’Été à Zürich — 42°C"), ["don't", 'stop', 'l’été', 'à', 'zürich', '42', 'c']);
  assert.deepEqual(tokenize('Ελληνικά και русский, 中文。'), ['ελληνικά', 'και', 'русский', '中文']);
  assert.deepEqual(tokenize('Hi, you!', { punctuation: 'keep' }), ['hi', ',', 'you', '!']);
  assert.deepEqual(tokenize('MiXeD Case', { lowercase: false }), ['MiXeD', 'Case']);
  // NFC: "e" + combining acute (2 code points) and the precomposed é are the same token.
  assert.deepEqual(tokenize('caf\u0065\u0301'), tokenize('caf\u00e9'));
  assert.deepEqual(tokenize(''), []);
  assert.deepEqual(tokenize('  ... !!! '), []);
});

test('MurmurHash3 x86-32 matches the reference vectors', () => {
  // Reference values of MurmurHash3_x86_32 (Appleby's smhasher): "" seed 0 → 0, "" seed 1 → 0x514E28B7,
  // "a" → 0x3C2569B2, "abc" → 0xB3DD93FA, "Hello, world!" seed 1234 → 0xFAF6CDB3.
  assert.equal(murmur3(''), 0);
  assert.equal(murmur3('', 1), 0x514e28b7);
  assert.equal(murmur3('a'), 0x3c2569b2);
  assert.equal(murmur3('abc'), 0xb3dd93fa);
  assert.equal(murmur3('Hello, world!', 1234), 0xfaf6cdb3);
});

test('featurizer: word n-grams, counts and binary weights with an exact vocabulary', () => {
  const f = new TextFeaturizer({ wordNgrams: 2, minCount: 1, weighting: 'count', sublinearTf: false, normalize: 'none' });
  const X = f.fitTransform(['a b a', 'b c']);
  // Counts: a 2, b 2, "a b" 1, "b a" 1, c 1, "b c" 1. Vocabulary by count desc, then term:
  // ["a", "b", "a b", "b a", "b c", "c"] → columns 0..5.
  assert.deepEqual(f.toJSON().vocabulary, ['a', 'b', 'a b', 'b a', 'b c', 'c']);
  assert.deepEqual(Array.from(X.indptr), [0, 4, 7]);
  assert.deepEqual(Array.from(X.indices), [0, 1, 2, 3, 1, 4, 5]);
  assert.deepEqual(Array.from(X.values), [2, 1, 1, 1, 1, 1, 1]);
  const binary = new TextFeaturizer({ wordNgrams: 1, minCount: 1, weighting: 'binary', normalize: 'none' }).fitTransform(['a a a b']);
  assert.deepEqual(Array.from(binary.values), [1, 1]);
  // Unknown words at transform time are ignored; an empty text is an empty row.
  const Y = f.transform(['zzz', '', 'c c']);
  assert.deepEqual(Array.from(Y.indptr), [0, 0, 0, 1]);
  assert.deepEqual(Array.from(Y.values), [2]);
});

test('featurizer: tf-idf with sublinear tf and l2 normalization, exact values', () => {
  const f = new TextFeaturizer({ wordNgrams: 1, minCount: 1 });
  const X = f.fitTransform(['x x y', 'y']);
  // N = 2. df(x) = 1, df(y) = 2. idf = ln((1+N)/(1+df)) + 1: idf(x) = ln(3/2) + 1, idf(y) = ln(3/3) + 1 = 1.
  // Document 1: tf(x) = 1 + ln 2 (sublinear), tf(y) = 1 → v = [(1 + ln 2)(1 + ln 1.5), 1], then / ‖v‖.
  const vx = (1 + Math.log(2)) * (1 + Math.log(1.5));
  const n = Math.hypot(vx, 1);
  const vocab = f.toJSON().vocabulary!;
  assert.deepEqual(vocab, ['x', 'y']); // both seen twice: ties broken by the term
  // Within 2 ulps: the featurizer multiplies by 1/‖v‖, this comment's arithmetic divides by hypot.
  const got = Array.from(X.values.subarray(0, 2));
  [vx / n, 1 / n].forEach((e, i) => assert.ok(Math.abs(got[i] - e) <= 4.5e-16 * e, `value ${i}: ${got[i]} vs ${e}`));
  assert.deepEqual(Array.from(X.values.subarray(2)), [1]); // document 2: y only, unit norm
});

test('featurizer: minCount and maxFeatures bound the vocabulary', () => {
  const texts = ['a a a b b c', 'a b d'];
  const f = new TextFeaturizer({ wordNgrams: 1, minCount: 2 });
  f.fit(texts);
  assert.deepEqual(f.toJSON().vocabulary, ['a', 'b']); // c and d seen once
  const g = new TextFeaturizer({ wordNgrams: 1, minCount: 1, maxFeatures: 1 });
  g.fit(texts);
  assert.deepEqual(g.toJSON().vocabulary, ['a']);
});

test('featurizer: character n-grams of padded words', () => {
  const f = new TextFeaturizer({ wordNgrams: 1, charNgrams: [2, 3], minCount: 1 });
  // "ab" padded "<ab>": 2-grams <a ab b>, 3-grams <ab ab>.
  assert.deepEqual(f.termsOf('ab'), ['ab', 'c:<a', 'c:ab', 'c:b>', 'c:<ab', 'c:ab>']);
  // Code points, not UTF-16 units: "é𝐀" (𝐀 = U+1D400, a letter outside the BMP) is two characters.
  assert.deepEqual(new TextFeaturizer({ wordNgrams: 1, charNgrams: [3, 3] }).termsOf('é𝐀').slice(1), ['c:<é𝐀', 'c:é𝐀>']);
});

test('featurizer: hashing trick with a fixed number of buckets, signed', () => {
  const f = new TextFeaturizer({ wordNgrams: 1, hashBuckets: 8, weighting: 'count', sublinearTf: false, normalize: 'none' });
  const X = f.fitTransform(['alpha beta alpha']);
  assert.equal(X.cols, 8);
  const col = (t: string) => murmur3(t) % 8;
  const sign = (t: string) => (murmur3(t, 0x9747b28c) & 1 ? -1 : 1);
  const expected = new Map<number, number>();
  expected.set(col('alpha'), (expected.get(col('alpha')) ?? 0) + 2 * sign('alpha'));
  expected.set(col('beta'), (expected.get(col('beta')) ?? 0) + sign('beta'));
  const got = new Map(Array.from(X.indices, (j, p) => [j, X.values[p]]));
  for (const [j, v] of expected) if (v !== 0) assert.equal(got.get(j), v);
  // Unsigned: all counts positive.
  const u = new TextFeaturizer({ wordNgrams: 1, hashBuckets: 8, signedHash: false, weighting: 'count', sublinearTf: false, normalize: 'none' }).fitTransform(['alpha beta alpha']);
  assert.ok(Array.from(u.values).every((v) => v > 0));
});

test('featurizer: round trip through JSON gives the same features; bad options are refused', () => {
  const f = new TextFeaturizer({ charNgrams: [3, 4] }).fit(['the router blocks the packets', 'the packets arrive', 'blocks of code']);
  const g = TextFeaturizer.fromJSON(JSON.parse(JSON.stringify(f.toJSON())));
  const a = f.transform(['the router blocks', 'code packets']);
  const b = g.transform(['the router blocks', 'code packets']);
  assert.deepEqual(b, a);
  assert.throws(() => new TextFeaturizer({ wordNgrams: 0 }), /wordNgrams must be an integer ≥ 1, got 0/);
  assert.throws(() => new TextFeaturizer({ charNgrams: [4, 2] }), /charNgrams max must be an integer ≥ 4, got 2/);
  assert.throws(() => new TextFeaturizer({ weighting: 'bm25' as never }), /weighting must be binary, count or tfidf/);
  assert.throws(() => new TextFeaturizer().transform(['x']), /must be fitted/);
});

test('featurizer: a very long text (1 MB) is featurized in one row', () => {
  const long = 'spam '.repeat(200_000) + 'eggs';
  const f = new TextFeaturizer({ wordNgrams: 1, minCount: 1, weighting: 'count', sublinearTf: false, normalize: 'none' });
  const X = f.fitTransform([long]);
  assert.deepEqual(f.toJSON().vocabulary, ['spam', 'eggs']);
  assert.deepEqual(Array.from(X.values), [200_000, 1]);
});
