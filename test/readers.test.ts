/** Every reader on small hand-made inputs: exact outputs, malformed lines named, empty lines, Unicode, long lines. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { linesOf } from '../src/io/readers/lines.js';
import { readLines } from '../src/io/readers/read-lines.js';
import { parseFastText } from '../src/io/readers/fasttext.js';
import { parseLibsvm } from '../src/io/readers/libsvm.js';
import { parseCsv } from '../src/io/readers/csv.js';
import { parseJsonl } from '../src/io/readers/jsonl.js';
import { formatFromName, readRecords } from '../src/io/readers/read.js';
import { scratchDir } from './support/scratch-dir.js';

test('line reader: \\n and \\r\\n endings, a byte-order mark, numbering, chunk boundaries', () => {
  const dir = scratchDir('argmax-lines-');
  const path = join(dir, 'x.txt');
  // 3 MB of lines so that lines straddle the 1 MiB read chunks, plus a multi-byte character at the start.
  const body = Array.from({ length: 300_000 }, (_, i) => `line ${i} é`).join('\r\n');
  writeFileSync(path, '\uFEFF' + body + '\n');
  let count = 0;
  for (const { line, number } of readLines(path)) {
    assert.equal(line, `line ${number - 1} é`);
    count++;
  }
  assert.equal(count, 300_000);
  assert.deepEqual([...linesOf('a\r\nb\n\nc')].map((l) => [l.line, l.number]), [['a', 1], ['b', 2], ['', 3], ['c', 4]]);
});

test('fastText format: labels, several labels, empty lines, Unicode, errors naming the line', () => {
  const r = parseFastText(linesOf('__label__sports  Yankees win\n\n__label__health __label__science Drug trials   für Patienten\n'), 'a.txt');
  assert.deepEqual(r.texts, ['Yankees win', 'Drug trials für Patienten']);
  assert.deepEqual(r.labels, [['sports'], ['health', 'science']]);
  assert.throws(() => parseFastText(linesOf('__label__a ok\nno label here\n'), 'a.txt'), /a\.txt:2: expected the line to start with a label such as __label__spam/);
  assert.throws(() => parseFastText(linesOf('__label__ text'), 'a.txt'), /a\.txt:1: empty label/);
  const unlabelled = parseFastText(linesOf('just text'), 'a.txt', { requireLabels: false });
  assert.deepEqual(unlabelled.labels, [[]]);
  const long = 'w'.repeat(2_000_000);
  assert.equal(parseFastText(linesOf(`__label__x ${long}`), 'a.txt').texts[0].length, 2_000_000);
});

test('LibSVM: 1-based indices detected, 0-based detected, comments, errors naming line and token', () => {
  const r = parseLibsvm(linesOf('1 1:0.5 3:2 # comment\n\n-1 2:1\n'), 'd.svm');
  assert.deepEqual(r.labels, [[1], [-1]]);
  assert.equal(r.X.cols, 3);
  assert.deepEqual(Array.from(r.X.indptr), [0, 2, 3]);
  assert.deepEqual(Array.from(r.X.indices), [0, 2, 1]);
  assert.deepEqual(Array.from(r.X.values), [0.5, 2, 1]);
  const z = parseLibsvm(linesOf('7 0:1 4:2'), 'd.svm');
  assert.deepEqual([z.X.cols, ...z.X.indices], [5, 0, 4]);
  assert.throws(() => parseLibsvm(linesOf('1 1:1\n1 3:x\n'), 'd.svm'), /d\.svm:2: feature 1 "3:x": expected index:value/);
  assert.throws(() => parseLibsvm(linesOf('1 3:1 2:1'), 'd.svm'), /d\.svm:1: feature indices must increase: 3 then 2/);
  assert.throws(() => parseLibsvm(linesOf('1 2'), 'd.svm'), /d\.svm:1: feature 1 "2"/);
  assert.throws(() => parseLibsvm(linesOf('1 0:1'), 'd.svm', { indexBase: 1 }), /index 0, but the indices are 1-based/);
});

test('CSV/TSV: text column, numeric columns, quotes over lines, errors naming line and column', () => {
  const r = parseCsv(linesOf('label,text\nspam,"Buy ""now"", cheap"\nham,"two\nlines"\n\n'), 'm.csv');
  assert.equal(r.kind, 'text');
  if (r.kind !== 'text') return;
  assert.deepEqual(r.texts, ['Buy "now", cheap', 'two\nlines']);
  assert.deepEqual(r.labels, [['spam'], ['ham']]);
  const n = parseCsv(linesOf('x1\tlabel\tx2\n1.5\ta\t0\n0\tb\t-2\n'), 'n.tsv', { delimiter: '\t' });
  assert.equal(n.kind, 'vectors');
  if (n.kind !== 'vectors') return;
  assert.deepEqual([n.X.rows, n.X.cols], [2, 2]);
  assert.deepEqual(Array.from(n.X.indices), [0, 1]);
  assert.deepEqual(Array.from(n.X.values), [1.5, -2]);
  assert.throws(() => parseCsv(linesOf('x,label\n1,a\nfoo,b\n'), 'n.csv'), /n\.csv:3: column "x": expected a finite number, got "foo"/);
  assert.throws(() => parseCsv(linesOf('x,label\n1,a,3\n'), 'n.csv'), /n\.csv:2: expected 2 fields as in the header, got 3/);
  assert.throws(() => parseCsv(linesOf('x,y\n1,2\n'), 'n.csv'), /n\.csv:1: no column "label" in the header \[x, y\]/);
  assert.throws(() => parseCsv(linesOf('label,text\na,"open\n'), 'n.csv'), /n\.csv:2: a quoted field is not closed/);
  assert.throws(() => parseCsv(linesOf(''), 'n.csv'), /empty file/);
});

test('JSON Lines: text and label fields, label arrays and numbers, errors naming line and field', () => {
  const r = parseJsonl(linesOf('{"text": "héllo", "label": "a"}\n\n{"text": "x", "label": [1, "b"]}\n'), 'd.jsonl');
  assert.deepEqual(r.texts, ['héllo', 'x']);
  assert.deepEqual(r.labels, [['a'], ['1', 'b']]);
  assert.throws(() => parseJsonl(linesOf('{"text": "a", "label": "x"}\n{bad json}\n'), 'd.jsonl'), /d\.jsonl:2: not valid JSON/);
  assert.throws(() => parseJsonl(linesOf('{"label": "x"}'), 'd.jsonl'), /d\.jsonl:1: field "text" must be a string/);
  assert.throws(() => parseJsonl(linesOf('{"text": "a"}'), 'd.jsonl'), /d\.jsonl:1: missing field "label"/);
  assert.throws(() => parseJsonl(linesOf('[1, 2]'), 'd.jsonl'), /d\.jsonl:1: expected a JSON object/);
  assert.throws(() => parseJsonl(linesOf('{"text": "a", "label": {"x": 1}}'), 'd.jsonl'), /must be a string, a number or an array/);
});

test('formats come from the file name, and an unknown one asks for --format', () => {
  assert.equal(formatFromName('a/train.txt'), 'fasttext');
  assert.equal(formatFromName('x.libsvm'), 'libsvm');
  assert.equal(formatFromName('x.TSV'), 'tsv');
  assert.equal(formatFromName('x.ndjson'), 'jsonl');
  assert.equal(formatFromName('x.dat'), null);
  assert.throws(() => readRecords('x.dat'), /x\.dat: cannot tell the format from the name; pass --format/);
});
