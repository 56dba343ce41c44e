/**
 * The README's table "Bad input and what argmax says" says every line is a
 * real run: each row is run here, in a fresh folder with the file names the
 * row shows, and its message and exit code must be what argmax prints (its
 * error line on stderr) and returns.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from './cli-run.js';
import { readReadme } from './support/readme-text.js';
import { scratchDir } from './support/scratch-dir.js';
import { Random } from '../src/random.js';

/** How to reproduce one row: the files it needs, commands run first (e.g. training the model it tests), and the command. */
interface Case {
  files?: Record<string, string | Uint8Array>;
  before?: string[][];
  /** Edits a file written by `before` (a model file made wrong on purpose). */
  edit?: { file: string; change: (json: Record<string, any>) => void };
  argv: string[];
}

const OK_SVM = '-1 1:0.5 2:1\n1 1:2 2:0.5\n-1 1:0.4 2:1.2\n1 1:1.8 2:0.2\n';
const OK_TXT = '__label__a the cat purrs\n__label__b the dog barks\n__label__a a cat sleeps\n__label__b a dog fetches\n';
const train = (file: string, ...flags: string[]) => ['train', file, '-o', 'm.json', ...flags];
// Three overlapping Gaussian classes, 200 examples (as test/cli-outputs.test.ts): SGD at --lr 1e6 diverges on them.
const rng = new Random(7);
const GAUSS_SVM = Array.from({ length: 200 }, (_, i) => `${i % 3} ` + [1, 2, 3, 4, 5].map((j) => `${j}:${(rng.normal() + (j === (i % 3) + 1 ? 1 : 0)).toFixed(3)}`).join(' ')).join('\n') + '\n';

// In the README's order; a row added there without a case here fails the count check below.
const CASES: Case[] = [
  { files: { 'nolabel.svm': '1 1:0.5\n1:0.5 3:1\n' }, argv: train('nolabel.svm') },
  { files: { 'python.svm': 'python 2:2.5 10:-5.2 15:1.5\n' }, argv: train('python.svm') },
  { files: { 'hex.svm': '1 0x10:1\n' }, argv: train('hex.svm') },
  { files: { 'order.svm': '1 3:1 2:1\n' }, argv: train('order.svm') },
  { files: { 'qid.svm': '1 qid:x 1:1\n' }, argv: train('qid.svm') },
  { files: { 'huge.svm': '1 1:1\n2 2:1\n1 1:0.5\n2 1000000000:1\n' }, argv: train('huge.svm') },
  { files: { 'wrap.svm': '1 1:1\n2 4294967297:1\n' }, argv: train('wrap.svm') },
  { files: { 'ok.svm': OK_SVM, 'zero.svm': '1 0:1 1:1\n' }, before: [train('ok.svm')], argv: ['test', 'm.json', 'zero.svm'] },
  { files: { 'latin1.txt': Uint8Array.from([...Buffer.from('__label__a hello\n__label__b caf'), 0xe9, ...Buffer.from(' x\n')]) }, argv: train('latin1.txt') },
  { files: { 'q1.csv': 'label,text\na,"abc"def\n' }, argv: train('q1.csv') },
  { files: { 'q2.csv': 'label,text\na,ab"c\n' }, argv: train('q2.csv') },
  { files: { 'hx.csv': 'label,x\na,0x10\nb,1\n' }, argv: train('hx.csv') },
  { files: { 'el.csv': 'label,x\n,1\nb,2\n' }, argv: train('el.csv') },
  { files: { 'nl.csv': 'label,x\n"a\nb",1\nc,2\n' }, argv: train('nl.csv') },
  { files: { 'el.jsonl': '{"text":"hi","label":""}\n{"text":"yo","label":"b"}\n' }, argv: train('el.jsonl') },
  { files: { 'wide.csv': 'label,x,z\na,1,2\nb,2,1\na,1,3\nb,3,1\n', 'narrow.csv': 'label,x\na,1\n' }, before: [train('wide.csv')], argv: ['predict', 'm.json', 'narrow.csv'] },
  { files: { 'ids.csv': 'id,x,label\n1,0.5,a\n2,1.5,b\n' }, argv: train('ids.csv', '--ignore-columns', 'nmae') },
  { files: { 'ok.svm': OK_SVM }, argv: train('ok.svm', '--ignore-columns', 'id') },
  { files: { 'cities.csv': 'label,x\nNew York,1\nChicago,2\nNew York,1.2\nChicago,2.2\n' }, before: [train('cities.csv')], argv: ['predict', 'm.json', 'cities.csv', '-k', '2'] },
  { files: { 'ok.txt': OK_TXT, 'v.svm': OK_SVM }, before: [train('ok.txt')], argv: ['predict', 'm.json', 'v.svm'] },
  { files: { 'ok.svm': OK_SVM, 'ok.txt': OK_TXT }, before: [train('ok.svm')], argv: ['test', 'm.json', 'ok.txt'] },
  { files: { 'ok.svm': OK_SVM, 'unseen.svm': '5 1:1 2:1\n7 1:2 2:1\n' }, before: [train('ok.svm')], argv: ['test', 'm.json', 'unseen.svm'] },
  { files: { 'one.txt': '__label__a x y\n__label__a y z\n' }, argv: train('one.txt') },
  { files: { 'rare.txt': '__label__a p q\n__label__b r s\n' }, argv: train('rare.txt', '--min-count', '2') },
  { files: { 'd.svm': GAUSS_SVM }, argv: train('d.svm', '--optimizer', 'sgd', '--lr', '1e6', '--epochs', '3') },
  { files: { 'big.svm': '-1 1:1e300 2:-1e300\n1 1:-1e300 2:1e300\n-1 1:2e300 2:-1e300\n1 1:-1e300 2:2e300\n' }, argv: train('big.svm', '--optimizer', 'newton', '--scale', 'none') },
  { files: { 'ok.svm': OK_SVM, 'outdir/keep': '' }, argv: ['train', 'ok.svm', '-o', 'outdir'] },
  { files: { 'ok.svm': OK_SVM }, argv: ['train', 'ok.svm', '-o', 'ok.svm'] },
  { files: { 'ok.svm': OK_SVM }, argv: ['train', 'ok.svm', '-o', 'nowhere/m.json'] },
  { files: { 'ok.svm': OK_SVM }, argv: train('ok.svm', '--seed', '1e300') },
  { files: { 'ok.txt': OK_TXT }, argv: train('ok.txt', '--hash-buckets', '1e12') },
  { files: { 'ok.svm': OK_SVM }, argv: train('ok.svm', '--C', '1', '--l2', '0.1') },
  { argv: ['trian'] },
  { files: { 'ok.svm': OK_SVM }, argv: train('ok.svm', '--epoch', '3') },
  { files: { 'ok.svm': OK_SVM }, argv: train('ok.svm', '--checkpoint', 'c.json', '--optimizer', 'newton') },
  {
    files: { 'ok.txt': OK_TXT, 'input.txt': 'the cat\n' }, before: [['train', 'ok.txt', '-o', 'badidf.json']],
    edit: { file: 'badidf.json', change: (m) => (m.input.featurizer.idf = ['abc', 1, 1, 1]) }, argv: ['predict', 'badidf.json', 'input.txt'],
  },
  {
    files: { 'ok.svm': OK_SVM }, before: [['train', 'ok.svm', '-o', 'claim.json']],
    edit: { file: 'claim.json', change: (m) => (m.numFeatures = 1e9) }, argv: ['predict', 'claim.json', 'ok.svm'],
  },
];

/** The rows of the table: input, message (the code span) and exit code, with their README lines. */
function tableRows(): Array<{ line: number; input: string; message: string; exit: number }> {
  const { lines } = readReadme();
  const start = lines.findIndex((l) => /^#+ Bad input and what argmax says/.test(l));
  assert.ok(start >= 0, 'README.md has no heading "Bad input and what argmax says"');
  const rows = [];
  let i = lines.findIndex((l, k) => k > start && l.startsWith('| input |')) + 2;
  for (; lines[i]?.startsWith('|'); i++) {
    const m = /^\| (.*) \| `(.*)` \| (\d) \|$/.exec(lines[i]);
    assert.ok(m, `README.md:${i + 1}: expected "| input | \`message\` | exit |"`);
    rows.push({ line: i + 1, input: m[1], message: m[2], exit: Number(m[3]) });
  }
  return rows;
}

test('README bad-input table: one reproduction per row', () => {
  assert.equal(tableRows().length, CASES.length, `the table has ${tableRows().length} rows, this test reproduces ${CASES.length}`);
});

test('README bad-input table: every row\'s message and exit code are what argmax prints and returns', () => {
  const rows = tableRows();
  rows.forEach((row, k) => {
    const c = CASES[k];
    const dir = scratchDir('argmax-readme-bad-');
    for (const [name, content] of Object.entries(c.files ?? {})) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    const run = (argv: string[]) => spawnSync(process.execPath, [CLI, ...argv], { cwd: dir, encoding: 'utf8' });
    for (const argv of c.before ?? []) {
      const r = run(argv);
      assert.equal(r.status, 0, `README.md:${row.line}: set-up "argmax ${argv.join(' ')}" failed: ${r.stderr}`);
    }
    if (c.edit) {
      const path = join(dir, c.edit.file);
      const json = JSON.parse(readFileSync(path, 'utf8'));
      c.edit.change(json);
      writeFileSync(path, JSON.stringify(json));
    }
    const r = run(c.argv);
    // The error line (a warning may come before it).
    const first = r.stderr.split('\n').find((l) => l.startsWith('argmax')) ?? '';
    assert.equal(first, row.message, `README.md:${row.line} (${row.input}): "argmax ${c.argv.join(' ')}" printed\n  ${first}\nthe README says\n  ${row.message}`);
    assert.equal(r.status, row.exit, `README.md:${row.line} (${row.input}): exit ${r.status}, the README says ${row.exit}`);
  });
});
