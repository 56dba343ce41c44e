/**
 * vocabularyOrder (counts descending, then JavaScript string order, without
 * making strings) against Array.prototype.sort on the strings themselves,
 * with groups of equal counts large enough for the counting passes and terms
 * mixing ASCII, units ≥ 255, surrogate pairs and shared prefixes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TermTable } from '../src/text/term-table.js';
import { TermUnits, vocabularyOrder } from '../src/text/vocabulary-order.js';
import { encodeTerm } from '../src/text/wtf8.js';

test('vocabularyOrder orders terms by count descending, then as JavaScript compares the strings (150 random cases, seed 4)', () => {
  const unit = fc.constantFrom('a', 'b', 'ab', 'z', ' ', '0', '\u00ff', '\u0100', 'é', 'ÿ', '中', '😀', '\ud800', '\uffff', 'aaaa');
  const term = fc.array(unit, { minLength: 1, maxLength: 8 }).map((u) => u.join(''));
  const cases = fc.uniqueArray(term, { maxLength: 1500, size: 'max' }).chain((terms) =>
    fc.array(fc.integer({ min: 1, max: 3 }), { minLength: terms.length, maxLength: terms.length }).map((counts) => ({ terms, counts })),
  );
  fc.assert(
    fc.property(cases, ({ terms, counts }) => {
      const table = new TermTable();
      const buffer = new Uint8Array(64);
      const ids = terms.map((t) => table.internBytes(buffer, 0, encodeTerm(t, buffer)));
      const order = vocabularyOrder(Float64Array.from(counts), new TermUnits(table, ids));
      const expected = terms.map((_, k) => k).sort((x, y) => counts[y] - counts[x] || (terms[x] < terms[y] ? -1 : terms[x] > terms[y] ? 1 : 0));
      assert.deepEqual(Array.from(order), expected);
    }),
    // No shrinking: a failing case of long arrays takes minutes to shrink; the first one is reported as found.
    { numRuns: 150, seed: 4, endOnFailure: true },
  );
});
