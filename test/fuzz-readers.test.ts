/**
 * Fuzzing the readers and the model loader with fast-check: random valid
 * files round-trip exactly; random mutations of them (bytes deleted,
 * duplicated, swapped, truncation, invalid UTF-8, huge numbers, NaN/Inf,
 * CRLF, CR, BOM, NUL, no-break spaces) give either the parse a reference
 * reader (fuzz-oracles.ts) gives, or the project's own error naming the file
 * and line — never another exception, a hang or a silently different dataset.
 *
 * `npm test` runs a small fixed-seed budget; `ARGMAX_FUZZ_RUNS=100000 npm run fuzz`
 * a long one (ARGMAX_FUZZ_SEED picks another seed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { FUZZ_RUNS, FUZZ_SEED, fuzzTally, propertyChecker } from './support/fuzz-check.js';
import { readRecords } from '../src/io/readers/read.js';
import { DataFormatError } from '../src/io/readers/lines.js';
import { type Records } from '../src/io/readers/records.js';
import { parseJointJsonl } from '../src/io/readers/joint-jsonl.js';
import { readLines } from '../src/io/readers/read-lines.js';
import { encodeIdx, IdxFormatError, parseIdx } from '../src/data/idx.js';
import { ModelFormatError, modelFromJson, modelToJson } from '../src/io/model-json.js';
import { LinearModel } from '../src/model/linear-model.js';
import { LabelTable } from '../src/data/labels.js';
import { csvOracle, fastTextOracle, jsonlOracle, libsvmOracle, type Parsed } from './fuzz-oracles.js';
import { scratchDir } from './support/scratch-dir.js';

const RUNS = FUZZ_RUNS;
const SEED = FUZZ_SEED;
/** An input that takes longer than this to read counts as a hang. */
const HANG_MS = 2000;
const dir = scratchDir('argmax-fuzz-');
const encoder = new TextEncoder();

/** Totals for the closing summary of a long run. */
const { summary, count } = fuzzTally('reading', HANG_MS);

// ---------- mutations ----------

const SPECIAL = ['1e400', '-1e400', 'NaN', 'Infinity', '-0', '0x10', '1e308', '99999999999999999999', '4294967297', ':', '#', '"', '""', ',', '\t', '\r\n', '\r', '\n', '\u00a0', '\u0000', '\ufeff', ' ', '__label__', 'qid:1', '{', '}', '[', 'é', '1:1', '-', '.', 'e5'];
const INVALID_UTF8 = [[0xff], [0xc3], [0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]];

type Mutation = (b: Uint8Array) => Uint8Array;
const at = (b: Uint8Array, f: number) => Math.floor(f * (b.length + 1));
const splice = (b: Uint8Array, start: number, remove: number, insert: ArrayLike<number>) =>
  Uint8Array.from([...b.subarray(0, start), ...Array.from(insert), ...b.subarray(start + remove)]);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((f) => (b: Uint8Array) => splice(b, Math.min(at(b, f), Math.max(b.length - 1, 0)), 1, [])),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 8 })).map(([f, n]) => (b: Uint8Array) => {
    const i = Math.min(at(b, f), b.length);
    return splice(b, i, 0, b.subarray(i, i + n));
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([f, g]) => (b: Uint8Array) => {
    if (b.length < 2) return b;
    const c = Uint8Array.from(b);
    const i = Math.min(at(b, f), b.length - 1);
    const j = Math.min(at(b, g), b.length - 1);
    [c[i], c[j]] = [c[j], c[i]];
    return c;
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((f) => (b: Uint8Array) => b.subarray(0, at(b, f))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...INVALID_UTF8)).map(([f, bad]) => (b: Uint8Array) => splice(b, at(b, f), 0, bad)),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...SPECIAL), fc.boolean()).map(([f, s, replace]) => (b: Uint8Array) => {
    const i = Math.min(at(b, f), b.length);
    const e = encoder.encode(s);
    return splice(b, i, replace ? Math.min(e.length, b.length - i) : 0, e);
  }),
  fc.constant((b: Uint8Array) => encoder.encode(new TextDecoder().decode(b).replace(/\n/g, '\r\n'))),
  fc.constant((b: Uint8Array) => encoder.encode(new TextDecoder().decode(b).replace(/\n/g, '\r'))),
  fc.constant((b: Uint8Array) => Uint8Array.from([0xef, 0xbb, 0xbf, ...b])),
);
const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });
const applyAll = (ms: Mutation[], b: Uint8Array): Uint8Array => ms.reduce<Uint8Array>((x, m) => m(x), b);

// ---------- reading and comparing ----------

type Outcome = { ok: true; records: Records } | { ok: false; error: Error };

function readAs(name: string, bytes: Uint8Array): { outcome: Outcome; path: string; ms: number } {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const t0 = performance.now();
  let outcome: Outcome;
  try {
    outcome = { ok: true, records: readRecords(path) };
  } catch (e) {
    outcome = { ok: false, error: e as Error };
  }
  return { outcome, path, ms: performance.now() - t0 };
}

function comparable(r: Records): Parsed {
  if (r.kind === 'text') return { labels: r.labels, texts: r.texts };
  return { labels: r.labels, indptr: Array.from(r.X.indptr), indices: Array.from(r.X.indices), values: Array.from(r.X.values), cols: r.X.cols };
}

/** The reader agrees with the reference: the same records, or an own error naming the file and a line. */
function agrees(name: string, bytes: Uint8Array, oracle: (b: Uint8Array) => Parsed | null): void {
  const { outcome, path, ms } = readAs(name, bytes);
  const expected = oracle(bytes);
  count(name, !outcome.ok, ms);
  const shown = JSON.stringify(new TextDecoder().decode(bytes).slice(0, 300));
  if (!outcome.ok) {
    if (!(outcome.error instanceof DataFormatError)) throw new Error(`crash: ${outcome.error.name}: ${outcome.error.message} on ${shown}`);
    assert.ok(outcome.error.message.startsWith(`${path}:`), `the error does not name the file and line: ${outcome.error.message}`);
    if (expected !== null) throw new Error(`refused a valid input (${outcome.error.message}) ${shown}`);
    return;
  }
  if (expected === null) throw new Error(`silent misparse: accepted an invalid input ${shown} as ${JSON.stringify(comparable(outcome.records)).slice(0, 300)}`);
  assert.deepEqual(comparable(outcome.records), expected, `different dataset from ${shown}`);
}

// ---------- valid files ----------

const label = fc.stringMatching(/^[A-Za-z0-9_.:é-]{1,8}$/);
const word = fc.stringMatching(/^[A-Za-z0-9'é!?.-]{1,10}$/);
const sep = fc.constantFrom(' ', '\t', '  ', ' \t');
const eol = fc.constantFrom('\n', '\r\n');
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

const libsvmRow = fc.record({
  labels: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 2 }),
  labelForm: fc.constantFrom('plain', 'plus', 'decimal'),
  features: fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 6 }).chain((idx) => fc.tuple(fc.constant(idx.sort((a, b) => a - b)), fc.array(finite, { minLength: idx.length, maxLength: idx.length }))),
  qid: fc.option(fc.nat(99), { nil: undefined }),
  comment: fc.option(fc.constantFrom('# note', '#', '# 1:2'), { nil: undefined }),
  sep,
});
const libsvmFile = fc.tuple(fc.array(libsvmRow, { minLength: 1, maxLength: 12 }), eol, fc.boolean()).map(([rows, nl, bom]) => {
  const text = rows.map((r) => {
    const lab = r.labels.map((v) => (r.labelForm === 'plus' && v >= 0 ? `+${v}` : r.labelForm === 'decimal' ? v.toFixed(1) : String(v))).join(',');
    const parts = [lab, ...(r.qid !== undefined ? [`qid:${r.qid}`] : []), ...r.features[0].map((j, k) => `${j}:${r.features[1][k]}`)];
    return parts.join(r.sep) + (r.comment ? ` ${r.comment}` : '');
  }).join(nl) + nl;
  return { bytes: encoder.encode((bom ? '\ufeff' : '') + text), rows };
});

const fastTextFile = fc.tuple(
  fc.array(fc.record({ labels: fc.array(label, { minLength: 1, maxLength: 3 }), words: fc.array(word, { maxLength: 8 }), sep }), { minLength: 1, maxLength: 12 }),
  eol,
).map(([rows, nl]) => ({ bytes: encoder.encode(rows.map((r) => [...r.labels.map((l) => `__label__${l}`), ...r.words].join(r.sep)).join(nl) + nl), rows }));

const csvField = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', 'é', '\t', '1'), maxLength: 12 });
const quote = (s: string) => (/[",\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s);
const csvTextFile = fc.tuple(fc.array(fc.tuple(label, csvField), { minLength: 1, maxLength: 10 }), eol).map(([rows, nl]) => ({
  bytes: encoder.encode(['label,text', ...rows.map(([l, t]) => `${quote(l)},${quote(t)}`)].join(nl) + nl),
  rows,
}));
const csvNumericFile = fc.tuple(fc.integer({ min: 1, max: 4 }), eol).chain(([width, nl]) =>
  fc.array(fc.tuple(label, fc.array(finite, { minLength: width, maxLength: width })), { minLength: 1, maxLength: 10 }).map((rows) => ({
    bytes: encoder.encode([['label', ...Array.from({ length: width }, (_, j) => `x${j}`)].join(','), ...rows.map(([l, xs]) => [l, ...xs.map(String)].join(','))].join(nl) + nl),
    rows,
  })),
);
const jsonlFile = fc.array(fc.record({ text: fc.string({ maxLength: 20 }), label: fc.oneof(label, fc.integer({ min: -5, max: 5 }), fc.array(label, { minLength: 1, maxLength: 2 })) }), { minLength: 1, maxLength: 10 }).map((rows) => ({
  bytes: encoder.encode(rows.map((r) => JSON.stringify(r)).join('\n') + '\n'),
  rows,
}));

const { check, failed: failedProperties } = propertyChecker();

// ---------- round trips ----------

test(`fuzz (${RUNS} runs each): random valid LibSVM, fastText, CSV and JSON Lines files are read exactly`, () => {
  check(fc.property(libsvmFile, ({ bytes, rows }) => {
    const { outcome, ms } = readAs('valid.svm', bytes);
    count('valid.svm', !outcome.ok, ms);
    assert.ok(outcome.ok, !outcome.ok ? outcome.error.message : '');
    const r = outcome.records;
    assert.equal(r.kind, 'vectors');
    if (r.kind !== 'vectors') return;
    assert.deepEqual(r.labels, rows.map((row) => row.labels.map((v) => v + 0)));
    const base = rows.some((row) => row.features[0].includes(0)) ? 0 : 1;
    const kept = rows.flatMap((row) => row.features[0].map((j, k) => [j - base, row.features[1][k]] as const).filter(([, v]) => v !== 0));
    assert.deepEqual(Array.from(r.X.indices), kept.map(([j]) => j));
    assert.deepEqual(Array.from(r.X.values), kept.map(([, v]) => v));
  }));
  check(fc.property(fastTextFile, ({ bytes, rows }) => {
    const { outcome, ms } = readAs('valid.txt', bytes);
    count('valid.txt', !outcome.ok, ms);
    assert.ok(outcome.ok && outcome.records.kind === 'text', !outcome.ok ? outcome.error.message : '');
    assert.deepEqual(outcome.records.labels, rows.map((r) => r.labels));
    assert.deepEqual((outcome.records as { texts: string[] }).texts, rows.map((r) => r.words.join(' ')));
  }));
  check(fc.property(csvTextFile, ({ bytes, rows }) => {
    const { outcome, ms } = readAs('valid.csv', bytes);
    count('valid.csv', !outcome.ok, ms);
    assert.ok(outcome.ok && outcome.records.kind === 'text', !outcome.ok ? outcome.error.message : '');
    // Rows whose label and text are both empty would be an empty record; labels here are never empty.
    assert.deepEqual(outcome.records.labels, rows.map(([l]) => [l]));
    assert.deepEqual((outcome.records as { texts: string[] }).texts, rows.map(([, t]) => t));
  }));
  check(fc.property(csvNumericFile, ({ bytes, rows }) => {
    const { outcome, ms } = readAs('numeric.csv', bytes);
    count('numeric.csv', !outcome.ok, ms);
    assert.ok(outcome.ok && outcome.records.kind === 'vectors', !outcome.ok ? outcome.error.message : '');
    if (outcome.records.kind !== 'vectors') return;
    assert.deepEqual(outcome.records.labels, rows.map(([l]) => [/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(l) ? Number(l) : l]));
    assert.deepEqual(Array.from(outcome.records.X.values), rows.flatMap(([, xs]) => xs.filter((v) => v !== 0)));
  }));
  check(fc.property(jsonlFile, ({ bytes, rows }) => {
    const { outcome, ms } = readAs('valid.jsonl', bytes);
    count('valid.jsonl', !outcome.ok, ms);
    assert.ok(outcome.ok && outcome.records.kind === 'text', !outcome.ok ? outcome.error.message : '');
    assert.deepEqual(outcome.records.labels, rows.map((r) => (Array.isArray(r.label) ? r.label : [r.label]).map(String)));
    assert.deepEqual((outcome.records as { texts: string[] }).texts, rows.map((r) => r.text));
  }));
});

// ---------- mutations ----------

test(`fuzz (${RUNS} runs each): mutated files are read as the reference reader reads them, or refused naming file and line`, () => {
  const cases: Array<[string, fc.Arbitrary<{ bytes: Uint8Array }>, (b: Uint8Array) => Parsed | null]> = [
    ['mutated.svm', libsvmFile, libsvmOracle],
    ['mutated.txt', fastTextFile, fastTextOracle],
    ['mutated.csv', csvTextFile, csvOracle],
    ['mutated-numeric.csv', csvNumericFile, csvOracle],
    ['mutated.jsonl', jsonlFile, jsonlOracle],
  ];
  for (const [name, file, oracle] of cases) {
    check(fc.property(file, mutations, ({ bytes }, ms) => agrees(name, applyAll(ms, bytes), oracle)));
  }
});

test(`fuzz (${RUNS} runs each): the line reader splits every mix of \\n, \\r\\n and \\r, and never replaces bytes silently`, () => {
  check(fc.property(fc.array(fc.tuple(fc.string({ unit: fc.constantFrom('a', 'é', ' ', '€', '𝄞'), maxLength: 6 }), eol.chain((e) => fc.constantFrom(e, '\r'))), { maxLength: 12 }), fc.nat(5), (parts, cut) => {
    const text = parts.map(([s, e]) => s + e).join('');
    const path = join(dir, 'lines.txt');
    writeFileSync(path, text);
    const expected = text.split(/\r\n|\r|\n/);
    if (expected[expected.length - 1] === '') expected.pop();
    assert.deepEqual([...readLines(path)].map((l) => l.line), expected);
    // Cutting a multi-byte character in two is refused naming its line.
    const bytes = encoder.encode(text);
    const i = bytes.findIndex((b, k) => b >= 0xc0 && k >= cut);
    if (i < 0) return;
    writeFileSync(path, bytes.subarray(0, i + 1));
    assert.throws(() => [...readLines(path)], (e: Error) => e instanceof DataFormatError && /invalid UTF-8/.test(e.message));
  }));
});

test(`fuzz (${RUNS} runs each): joint JSON Lines and IDX readers give their own errors on mutated input`, () => {
  const jointFile = fc.array(fc.record({ candidates: fc.array(fc.record({ label: label, features: fc.dictionary(word, fc.double({ min: -5, max: 5, noNaN: true })) }), { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 5 })
    .map((docs) => encoder.encode(docs.map((d) => JSON.stringify({ ...d, gold: d.candidates[0].label })).join('\n') + '\n'));
  check(fc.property(jointFile, mutations, (bytes, ms) => {
    const path = join(dir, 'joint.jsonl');
    writeFileSync(path, applyAll(ms, bytes));
    const t0 = performance.now();
    let refused = false;
    try {
      const data = parseJointJsonl(readLines(path), path, 64);
      assert.equal(data.gold.length, data.offsets.length - 1);
    } catch (e) {
      if (!(e instanceof DataFormatError)) throw new Error(`crash: ${(e as Error).name}: ${(e as Error).message}`);
      refused = true;
    }
    count('joint.jsonl', refused, performance.now() - t0);
  }));
  const idx = fc.tuple(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }), fc.nat(255)).map(([shape, v]) => ({
    shape,
    data: Uint8Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => (v + i * 7) & 255),
  }));
  check(fc.property(idx, mutations, ({ shape, data }, ms) => {
    const bytes = encodeIdx(shape, data);
    const back = parseIdx(bytes, 'x.idx');
    assert.deepEqual([back.shape, Array.from(back.data)], [shape, Array.from(data)]);
    const mutated = applyAll(ms, bytes);
    const t0 = performance.now();
    try {
      const r = parseIdx(mutated, 'x.idx');
      // Accepted: the header must describe exactly the bytes that follow it.
      const elements = r.shape.reduce((a, b) => a * b, 1);
      assert.equal(r.data.length, elements);
      assert.equal(mutated.length, 4 + 4 * r.shape.length + elements * r.data.BYTES_PER_ELEMENT);
      count('x.idx', false, performance.now() - t0);
    } catch (e) {
      if (!(e instanceof IdxFormatError)) throw new Error(`crash: ${(e as Error).name}: ${(e as Error).message}`);
      count('x.idx', true, performance.now() - t0);
    }
  }));
});

test(`fuzz (${RUNS} runs each): model files round-trip bit for bit; mutated ones load or give a ModelFormatError, never pollute prototypes`, () => {
  const modelArb = fc.tuple(fc.uniqueArray(fc.oneof(label, fc.integer({ min: -9, max: 9 })), { minLength: 2, maxLength: 4, selector: (l) => (typeof l === 'number' ? `n${l}` : `s${l}`) }), fc.integer({ min: 1, max: 4 }), fc.boolean())
    .chain(([labels, D, bias]) => fc.tuple(fc.constant(labels), fc.constant(D), fc.array(finite, { minLength: labels.length * D, maxLength: labels.length * D }), bias ? fc.array(finite, { minLength: labels.length, maxLength: labels.length }) : fc.constant(null)));
  check(fc.property(modelArb, mutations, ([labels, D, W, b], ms) => {
    const model = new LinearModel(new LabelTable(labels), D, Float64Array.from(W), b ? Float64Array.from(b) : null);
    const text = modelToJson(model);
    const back = modelFromJson(text, 'm.json').model as LinearModel;
    // W is stored as float64 bytes (base64): bit for bit, −0 included. b is a JSON array, and JSON has no −0:
    // a bias of −0 is stored as 0 (the same value); every other value comes back bit for bit.
    const noNegativeZero = (a: ArrayLike<number>) => Array.from(a, (v) => v + 0);
    assert.deepEqual([Array.from(back.W), back.b && Array.from(back.b), back.labels.labels], [Array.from(model.W), model.b && noNegativeZero(model.b), model.labels.labels]);
    const mutated = new TextDecoder().decode(applyAll(ms, encoder.encode(text)));
    const t0 = performance.now();
    let refused = false;
    try {
      modelFromJson(mutated, 'm.json');
    } catch (e) {
      if (!(e instanceof ModelFormatError)) throw new Error(`crash: ${(e as Error).name}: ${(e as Error).message}`);
      refused = true;
    }
    count('model.json', refused, performance.now() - t0);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  }));
});

test('fuzz summary', () => {
  const lines = Object.entries(summary).map(([name, s]) => `${name.padEnd(22)} ${String(s.runs).padStart(7)} inputs, ${String(s.refused).padStart(7)} refused with the reader's own error, slowest ${s.slowestMs.toFixed(1)} ms`);
  const total = Object.values(summary).reduce((t, s) => t + s.runs, 0);
  // Every crash, hang (> HANG_MS) or silent misparse fails its property (fast-check stops there and shrinks it).
  console.log(`fuzz: seed ${SEED}, ${RUNS} runs per property, ${total} inputs read; properties failed (a crash, hang > ${HANG_MS} ms or silent misparse): ${failedProperties()}\n${lines.join('\n')}`);
  assert.ok(total > 0);
});
