/** Readers that never guess: every input they cannot read exactly is an error naming the file and line. */
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
import { scratchDir } from './support/scratch-dir.js';

function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(scratchDir('argmax-strict-'), name);
  writeFileSync(path, content);
  return path;
}

test('LibSVM: a line without a label is an error naming file and line; unlabelled lines are read when allowed', () => {
  assert.throws(() => parseLibsvm(linesOf('1 1:2\n1:0.5 3:1\n'), 'd.svm'), /d\.svm:2: no label: the line starts with the feature "1:0\.5"/);
  const r = parseLibsvm(linesOf('1:0.5 3:1\n2 2:1\n'), 'd.svm', { requireLabels: false });
  assert.deepEqual(r.labels, [[], [2]]);
  assert.deepEqual(Array.from(r.X.indices), [0, 2, 1]);
});

test('LibSVM: numeric labels are numbers, so +1, 1 and 1.0 are one class', () => {
  const r = parseLibsvm(linesOf('+1 1:1\n1 1:2\n1.0 1:3\n-1 1:4\n'), 'd.svm');
  assert.deepEqual(r.labels, [[1], [1], [1], [-1]]);
});

test('LibSVM: a label that is not a number, hex indices, exponent indices and signs in indices are refused', () => {
  // The first line of scikit-learn's svmlight_invalid.txt fixture.
  assert.throws(() => parseLibsvm(linesOf('python 2:2.5 10:-5.2 15:1.5\n'), 'd.svm'), /d\.svm:1: label "python" is not a number/);
  assert.throws(() => parseLibsvm(linesOf('1 0x10:1\n'), 'd.svm'), /d\.svm:1: feature 1 "0x10:1": expected index:value/);
  assert.throws(() => parseLibsvm(linesOf('1 1e1:1\n'), 'd.svm'), /d\.svm:1: feature 1 "1e1:1"/);
  assert.throws(() => parseLibsvm(linesOf('1 +3:1\n'), 'd.svm'), /d\.svm:1: feature 1 "\+3:1"/);
  assert.throws(() => parseLibsvm(linesOf('1 3:0x10\n'), 'd.svm'), /d\.svm:1: feature 1 "3:0x10"/);
  assert.throws(() => parseLibsvm(linesOf('0x1 3:1\n'), 'd.svm'), /d\.svm:1: label "0x1" is not a number/);
  assert.throws(() => parseLibsvm(linesOf('1 3:1e400\n'), 'd.svm'), /d\.svm:1: feature 1 "3:1e400"/);
  assert.throws(() => parseLibsvm(linesOf('1 3:NaN\n'), 'd.svm'), /d\.svm:1: feature 1 "3:NaN"/);
});

test('LibSVM: qid fields are read and ignored', () => {
  const r = parseLibsvm(linesOf('3 qid:1 1:0.5 2:1\n1 qid:2 2:3\n'), 'rank.svm');
  assert.deepEqual(r.labels, [[3], [1]]);
  assert.deepEqual(Array.from(r.X.indices), [0, 1, 1]);
  assert.throws(() => parseLibsvm(linesOf('3 qid:x 1:0.5\n'), 'rank.svm'), /rank\.svm:1: "qid:x": expected qid:<integer>/);
});

test('LibSVM: the index base is given by the model; a 0-based model reads a file without index 0 0-based', () => {
  const r = parseLibsvm(linesOf('1 1:1 3:2\n'), 'd.svm', { indexBase: 0 });
  assert.equal(r.indexBase, 0);
  assert.deepEqual(Array.from(r.X.indices), [1, 3]);
  assert.equal(r.X.cols, 4);
  assert.equal(parseLibsvm(linesOf('1 1:1 3:2\n'), 'd.svm').indexBase, 1);
  assert.equal(parseLibsvm(linesOf('1 0:1 3:2\n'), 'd.svm').indexBase, 0);
  assert.throws(() => parseLibsvm(linesOf('1 1:1\n1 0:1\n'), 'd.svm', { indexBase: 1 }), /d\.svm:2: index 0, but the indices are 1-based/);
});

test('LibSVM: features beyond the model width are dropped and counted; absurd indices are refused naming the line', () => {
  const r = parseLibsvm(linesOf('1 1:1 5:2 9:3\n2 2:1\n'), 'd.svm', { numFeatures: 4, beyondWidth: 'ignore' });
  assert.equal(r.X.cols, 4);
  assert.deepEqual(Array.from(r.X.indices), [0, 1]);
  assert.deepEqual(Array.from(r.X.values), [1, 1]);
  assert.equal(r.ignoredValues, 2);
  assert.throws(() => parseLibsvm(linesOf('1 1:1 5:2\n'), 'd.svm', { numFeatures: 4 }), /d\.svm:1: feature index 5 is beyond the 4 features/);
  assert.throws(() => parseLibsvm(linesOf('1 1:1\n1 2147483648:1\n'), 'd.svm'), /d\.svm:2: feature index 2147483648 is beyond the largest supported index/);
  const wide = parseLibsvm(linesOf('1 1:1\n2 1000000000:1\n'), 'd.svm');
  assert.deepEqual([wide.X.cols, wide.X.values.length, wide.maxIndexLine], [1e9, 2, 2]);
});

test('LibSVM: multi-label lines give numeric label lists', () => {
  assert.deepEqual(parseLibsvm(linesOf('1,3 1:1\n'), 'd.svm').labels, [[1, 3]]);
  assert.throws(() => parseLibsvm(linesOf('1,,3 1:1\n'), 'd.svm'), /d\.svm:1: label "1,,3" is not a number/);
});

test('line reader: invalid UTF-8 is refused naming the line and byte; CR-only line endings split lines', () => {
  const bad = tempFile('bad.txt', Uint8Array.from([...Buffer.from('__label__a ok\n__label__b caf'), 0xe9, ...Buffer.from(' x\n')]));
  assert.throws(() => [...readLines(bad)], /bad\.txt:2: invalid UTF-8 \(byte 0xe9 at byte 15 of the line\)/);
  const mac = tempFile('mac.txt', '__label__a one\r__label__b two\r__label__a three\r');
  assert.deepEqual([...readLines(mac)].map((l) => l.line), ['__label__a one', '__label__b two', '__label__a three']);
  assert.deepEqual([...linesOf('a\rb\r\nc\n')].map((l) => l.line), ['a', 'b', 'c']);
  // A CR at the end of one 1 MiB chunk and its LF at the start of the next are one line ending.
  const body = 'x'.repeat((1 << 20) - 1) + '\r\nsecond\n';
  assert.deepEqual([...readLines(tempFile('edge.txt', body))].map((l) => l.line.length), [(1 << 20) - 1, 6]);
});

test('CSV: text after a closing quote, stray quotes, hex numbers and empty labels are refused', () => {
  assert.throws(() => parseCsv(linesOf('label,text\na,"abc"def\n'), 'm.csv'), /m\.csv:2: text after the closing quote of a field/);
  assert.throws(() => parseCsv(linesOf('label,text\na,ab"c\n'), 'm.csv'), /m\.csv:2: a quote inside an unquoted field/);
  assert.throws(() => parseCsv(linesOf('label,x\na,0x10\n'), 'm.csv'), /m\.csv:2: column "x": expected a finite number, got "0x10"/);
  assert.throws(() => parseCsv(linesOf('label,x\n,1\n'), 'm.csv'), /m\.csv:2: empty label/);
  assert.throws(() => parseCsv(linesOf('label,text\n"a\nb",hello\n'), 'm.csv'), /m\.csv:2: the label "a\\nb" contains a line break/);
  // TSV: quotes inside a field are text.
  const t = parseCsv(linesOf('label\ttext\na\the said "hi"\n'), 'm.tsv', { delimiter: '\t' });
  assert.equal(t.kind === 'text' && t.texts[0], 'he said "hi"');
});

test('CSV with numeric columns: numeric labels are numbers; without a label column when labels are optional', () => {
  const r = parseCsv(linesOf('label,x\n1,0.5\n1.0,2\nb,3\n'), 'n.csv');
  assert.deepEqual(r.labels, [[1], [1], ['b']]);
  const u = parseCsv(linesOf('x,y\n1,2\n3,0\n'), 'n.csv', { requireLabels: false });
  assert.equal(u.kind, 'vectors');
  assert.deepEqual(u.labels, [[], []]);
  assert.equal(u.kind === 'vectors' && u.X.cols, 2);
  assert.throws(() => parseCsv(linesOf('x,y\n1,2\n'), 'n.csv'), /n\.csv:1: no column "label" in the header \[x, y\]/);
});

test('CSV without the label or text column says how to name it, or that the file is separated by another character', () => {
  assert.throws(() => parseCsv(linesOf('species,a\nx,1\n'), 'n.csv'), /^DataFormatError: n\.csv:1: no column "label" in the header \[species, a\]; name the label column with --label-column \(option labelColumn\)$/);
  assert.throws(() => parseCsv(linesOf('label,txt\nx,hi\n'), 'n.csv', { textColumn: 'body' }), /no column "body" in the header \[label, txt\]; name the text column with --text-column \(option textColumn\)$/);
  // A semicolon-separated file read as CSV: the header is one field.
  assert.throws(() => parseCsv(linesOf('a;b;label\n1;2;x\n'), 's.csv'), /s\.csv:1: no column "label" in the header \[a;b;label\]: the header is one column holding ";"; the file is read as separated by ","/);
  // A comma-separated file read as TSV.
  assert.throws(() => parseCsv(linesOf('a,label\n1,x\n'), 't.tsv', { delimiter: '\t' }), /the header is one column holding ","; the file is read as separated by "\\t"$/);
});

test('JSON Lines and fastText: empty labels and labels with line breaks are refused; fastText splits on ASCII whitespace only', () => {
  assert.throws(() => parseJsonl(linesOf('{"text": "a", "label": ""}'), 'd.jsonl'), /d\.jsonl:1: empty label/);
  assert.throws(() => parseJsonl(linesOf('{"text": "a", "label": "x\\ny"}'), 'd.jsonl'), /d\.jsonl:1: the label "x\\ny" contains a line break/);
  const r = parseFastText(linesOf('__label__a\u00a0b text\u0000more\n'), 'a.txt');
  assert.deepEqual(r.labels, [['a\u00a0b']]);
  assert.deepEqual(r.texts, ['text more']);
});
