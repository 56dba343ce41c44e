/**
 * Streaming a fastText file (bytes, one pass) gives exactly what reading it
 * with the line readers and featurizing the strings gives: same examples
 * (one per label), same label table, same vocabulary and bit-identical rows;
 * with a held-out share, the same seeded split.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { type CsrMatrix } from '../src/data/csr.js';
import { LabelTable } from '../src/data/labels.js';
import { Random } from '../src/random.js';
import { readRecords } from '../src/io/readers/read.js';
import { type TextRecords } from '../src/io/readers/records.js';
import { type FeaturizerOptions } from '../src/text/featurizer.js';
import { fitTextFile, fitTransformTextFile, transformTextFile } from '../src/text/text-stream.js';
import { CsrRows } from '../src/text/text-pipeline.js';
import { StringFeaturizer } from './support/string-featurizer.js';
import { scratchDir } from './support/scratch-dir.js';

const WORDS = ['the', 'The', 'cat', "don't", 'l’été', 'İ', 'ß', 'cafe\u0301', 'café', '😀', '42', ',', '!', 'a\u00a0b', '\0', 'x\0y', '__label__late', 'ZZ'];
const SPACES = [' ', '  ', '\t', '\v', '\f', ' \0 '];
const LABELS = ['spam', 'ham', 'égal', '1'];
const line = fc.tuple(
  fc.array(fc.constantFrom(...LABELS), { minLength: 1, maxLength: 2 }),
  fc.array(fc.tuple(fc.constantFrom(...SPACES), fc.constantFrom(...WORDS)), { maxLength: 12 }),
).map(([labels, words]) => labels.map((l) => `__label__${l}`).join(' ') + words.map(([s, w]) => s + w).join(''));
const file = fc.tuple(
  fc.boolean(),
  fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\n  \n')), { minLength: 2, maxLength: 30 }),
).map(([bom, lines]) => (bom ? '\ufeff' : '') + lines.map(([l, end]) => l + end).join(''));
const options: fc.Arbitrary<Partial<FeaturizerOptions>> = fc.record({
  wordNgrams: fc.integer({ min: 1, max: 3 }),
  minCount: fc.integer({ min: 1, max: 2 }),
  punctuation: fc.constantFrom('drop' as const, 'keep' as const),
  lowercase: fc.boolean(),
  hashBuckets: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
  charNgrams: fc.option(fc.constant([2, 3] as [number, number]), { nil: null }),
});

function sameCsr(a: CsrMatrix, b: CsrMatrix, what: string): void {
  assert.deepEqual([a.rows, a.cols], [b.rows, b.cols], `${what}: shape`);
  assert.deepEqual(Array.from(a.indptr), Array.from(b.indptr), `${what}: indptr`);
  assert.deepEqual(Array.from(a.indices), Array.from(b.indices), `${what}: indices`);
  assert.ok(Array.from(a.values).every((v, i) => Object.is(v, b.values[i])), `${what}: values`);
}

test('fitTransformTextFile, fitTextFile and transformTextFile match the readers and the string featurizer (150 random files, seed 5)', () => {
  const dir = scratchDir('argmax-stream-');
  try {
    fc.assert(
      fc.property(options, file, fc.constantFrom(0, 0.3), (o, content, valFraction) => {
        const path = join(dir, 'data.txt');
        writeFileSync(path, content);
        const records = readRecords(path) as TextRecords;
        const rows: number[] = [];
        const labels: string[] = [];
        records.labels.forEach((ls, i) => ls.forEach((l) => (rows.push(i), labels.push(l))));
        const table = LabelTable.fromValues(labels);
        const y = table.encode(labels);
        let trainAt: number[] = rows.map((_, i) => i);
        let valAt: number[] = [];
        if (valFraction) {
          const nVal = Math.round(valFraction * rows.length);
          if (nVal <= 0 || nVal >= rows.length) return;
          const perm = new Random(3).permutation(rows.length);
          trainAt = Array.from(perm.subarray(0, rows.length - nVal));
          valAt = Array.from(perm.subarray(rows.length - nVal));
        }
        const ref = new StringFeaturizer(o);
        const Xref = ref.fitTransform(trainAt.map((i) => records.texts[rows[i]]));
        const r = fitTransformTextFile(path, o, { validationFraction: valFraction, seed: 3 });
        assert.deepEqual(r.labels.labels, table.labels, 'label table');
        sameCsr(r.train.X, Xref, 'training rows');
        assert.deepEqual(Array.from(r.train.y), trainAt.map((i) => y[i]), 'training labels');
        assert.deepEqual(r.featurizer.toJSON().vocabulary, ref.terms, 'vocabulary');
        if (valFraction) {
          sameCsr(r.validation!.X, ref.transform(valAt.map((i) => records.texts[rows[i]])), 'held-out rows');
          assert.deepEqual(Array.from(r.validation!.y), valAt.map((i) => y[i]), 'held-out labels');
        } else {
          assert.deepEqual(fitTextFile(path, o).featurizer.toJSON(), r.featurizer.toJSON(), 'fit without rows');
          const sink = new CsrRows(r.featurizer.numFeatures);
          transformTextFile(path, r.featurizer, sink);
          sameCsr(sink.matrix(), ref.transform(records.texts), 'transform, one row per line');
        }
      }),
      { seed: 5, numRuns: 150 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file streamed in chunks: lines that cross the 1 MiB reads, and a 3 MiB line, give the readers\' rows', () => {
  const dir = scratchDir('argmax-stream-');
  try {
    const path = join(dir, 'big.txt');
    const long = Array.from({ length: 400_000 }, (_, i) => `w${i % 997} é${i % 13}`).join(' ');
    const lines = Array.from({ length: 30_000 }, (_, i) => `__label__${i % 3} line ${i} of the file ${i % 7}`);
    lines.splice(12_000, 0, `__label__1 ${long}`);
    writeFileSync(path, lines.join('\r\n'));
    const records = readRecords(path) as TextRecords;
    const ref = new StringFeaturizer({});
    const Xref = ref.fitTransform(records.texts);
    const r = fitTransformTextFile(path, {});
    sameCsr(r.train.X, Xref, 'rows');
    assert.deepEqual(r.featurizer.toJSON().vocabulary, ref.terms);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
