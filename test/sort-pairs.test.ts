/**
 * PairSorter (a row's columns with their counts) against a stable sort of
 * the pairs: the same keys in ascending order, each value still beside its
 * key, equal keys in their input order; short runs (insertion sort) and long
 * ones (radix passes), keys up to 2^31 − 1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PairSorter } from '../src/text/sort-pairs.js';

test('PairSorter orders pairs by key as a stable sort does, values moved with their keys (300 random cases, seed 3)', () => {
  const sorter = new PairSorter();
  const pairs = fc.integer({ min: 0, max: 31 }).chain((bits) =>
    fc.array(fc.integer({ min: 0, max: 2 ** bits - 1 }), { maxLength: 3000, size: 'max' }).map((keys) => ({ keys, maxKey: 2 ** bits - 1 })),
  );
  fc.assert(
    fc.property(pairs, ({ keys, maxKey }) => {
      const n = keys.length;
      // Spare room after n: the sorter must touch only the first n pairs.
      const k = new Int32Array(n + 3).fill(-7);
      const v = new Int32Array(n + 3).fill(-7);
      keys.forEach((key, i) => {
        k[i] = key;
        v[i] = i;
      });
      const expected = keys.map((key, i) => [key, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      sorter.sort(k, v, n, maxKey);
      assert.deepEqual(Array.from(k.subarray(0, n)), expected.map((p) => p[0]));
      assert.deepEqual(Array.from(v.subarray(0, n)), expected.map((p) => p[1]));
      assert.deepEqual(Array.from(k.subarray(n)), [-7, -7, -7]);
      assert.deepEqual(Array.from(v.subarray(n)), [-7, -7, -7]);
    }),
    { numRuns: 300, seed: 3 },
  );
});
