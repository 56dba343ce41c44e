/** predict on unlabelled data: every input format and every model kind, and the label it prints agrees with --proba. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI, ended, runCli as run, runOk, tempFiles } from './cli-run.js';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLASSES, rows } from './support/three-classes.js';

const { dir, file } = tempFiles('argmax-predict-');

// Three classes, each marked by its own feature (1, 2 or 3), with some noise on the others.
const labelledCsv = file('train.csv', 'label,x1,x2,x3\n' + rows.map((r) => `${CLASSES[r.k]},${r.x.join(',')}`).join('\n') + '\n');
// Unlabelled inputs: one clear example per class, in both numeric formats.
const probes = [[2, 0, 0], [0, 2, 0], [0, 0, 2]];
const unlabelledCsv = file('probe.csv', 'x1,x2,x3\n' + probes.map((x) => x.join(',')).join('\n') + '\n');
const unlabelledSvm = file('probe.svm', probes.map((x) => x.map((v, j) => (v ? `${j + 1}:${v}` : '')).filter(Boolean).join(' ')).join('\n') + '\n');

for (const kind of ['softmax', 'svm', 'perceptron', 'ova', 'ava']) {
  test(`predict with a ${kind} model: unlabelled CSV (no label column) and unlabelled LibSVM lines`, () => {
    const model = join(dir, `${kind}.json`);
    const t = run('train', labelledCsv, '-o', model, '--model', kind, '--epochs', '30');
    assert.equal(t.code, 0, ended(t));
    for (const input of [unlabelledCsv, unlabelledSvm]) {
      const p = run('predict', model, input);
      assert.equal(p.code, 0, ended(p));
      assert.deepEqual(p.stdout.trim().split('\n'), CLASSES, `${kind} on ${input}`);
    }
  });
}

test('predict with a binary model on unlabelled CSV', () => {
  const two = file('two.csv', 'label,x1,x2,x3\n' + rows.filter((r) => r.k < 2).map((r) => `${CLASSES[r.k]},${r.x.join(',')}`).join('\n') + '\n');
  const model = join(dir, 'binary.json');
  runOk('train', two, '-o', model, '--model', 'binary');
  const p = run('predict', model, unlabelledCsv);
  assert.equal(p.code, 0, ended(p));
  assert.deepEqual(p.stdout.trim().split('\n').slice(0, 2), ['a', 'b']);
});

test('predict with a text model: plain lines, CSV with only a text column, JSON Lines without labels', () => {
  const lines = Array.from({ length: 30 }, (_, i) => ['__label__fruit apple pear apple', '__label__bread rye bread loaf', '__label__fish cod salmon fish'][i % 3]).join('\n') + '\n';
  const model = join(dir, 'text.json');
  runOk('train', file('t.txt', lines), '-o', model);
  const expected = ['fruit', 'bread', 'fish'];
  const inputs = [
    file('plain.txt', 'apple pear\nrye loaf\nsalmon cod\n'),
    file('only-text.csv', 'text\napple pear\nrye loaf\nsalmon cod\n'),
    file('nolabel.jsonl', '{"text": "apple pear"}\n{"text": "rye loaf"}\n{"text": "salmon cod"}\n'),
  ];
  for (const input of inputs) {
    const p = run('predict', model, input);
    assert.equal(p.code, 0, ended(p));
    assert.deepEqual(p.stdout.trim().split('\n'), expected, input);
  }
  // A labelled file works too: its labels are ignored.
  assert.deepEqual(runOk('predict', model, file('labelled.txt', '__label__fish apple pear\n')).trim(), 'fruit');
});

test('a CSV whose width does not fit the model is refused naming both widths', () => {
  const model = join(dir, 'softmax.json');
  const p = run('predict', model, file('narrow.csv', 'x1,x2\n1,2\n'));
  assert.equal(p.code, 1);
  assert.match(p.stderr, /narrow\.csv has 2 features \(columns\) but the model expects 3/);
});

test('infinite scores: --proba gives finite probabilities and the same label as plain predict', () => {
  // Scores for x = 1e300: a 1e300·1e300 = +∞, b 0, c +∞ — a and c tie at +∞, and a (the first) wins in both.
  const model = file('inf.json', JSON.stringify({ format: 'argmax-model', version: 2, kind: 'linear', scores: 'softmax', labels: ['a', 'b', 'c'], numFeatures: 1, W: [1e300, 0, 1e300], b: null, input: { kind: 'vectors' }, meta: {} }));
  const input = file('inf.csv', 'x\n1e300\n');
  // Each run must end with exit code 0: a failure says how the process ended and what it wrote to stderr.
  assert.equal(runOk('predict', model, input).trim(), 'a');
  const p = run('predict', model, input, '-k', '3');
  assert.equal(p.code, 0, ended(p));
  assert.equal(p.stdout.trim(), 'a 0.500000 c 0.500000 b 0.00000');
});

test('an all-vs-all model of logistic pairs gives pairwise-coupled probabilities to predict -k and a log loss to test', () => {
  const model = join(dir, 'ava.json');
  runOk('train', labelledCsv, '-o', model, '--model', 'ava');
  const p = run('predict', model, unlabelledCsv, '-k', '3');
  assert.equal(p.code, 0, ended(p));
  for (const line of p.stdout.trim().split('\n')) {
    const parts = line.split(' ');
    const total = Number(parts[1]) + Number(parts[3]) + Number(parts[5]);
    // Printed with 6 significant digits: the sum is 1 to within 3 roundings of 5e-7.
    assert.ok(Math.abs(total - 1) < 2e-6, `"${line}" sums to ${total}`);
  }
  assert.deepEqual(p.stdout.trim().split('\n').map((l) => l.split(' ')[0]), CLASSES);
  const t = JSON.parse(runOk('test', model, labelledCsv, '--json'));
  assert.ok(t.log_loss > 0 && t.log_loss < Math.log(3), `log loss ${t.log_loss}`);
  const svm = join(dir, 'ava-svm.json');
  runOk('train', labelledCsv, '-o', svm, '--model', 'ava', '--binary-learner', 'svm');
  assert.match(run('predict', svm, unlabelledCsv, '--proba').stderr, /--proba and -k need probabilities/);
});

test('predict with a text model prints one line per input line, empty and blank lines included (as fastText does)', () => {
  const lines = Array.from({ length: 30 }, (_, i) => ['__label__fruit apple pear apple', '__label__bread rye bread loaf', '__label__fish cod salmon fish'][i % 3]).join('\n') + '\n';
  const model = join(dir, 'text-gaps.json');
  runOk('train', file('t-gaps.txt', lines), '-o', model);
  // Lines 2 and 4 have no words: each still gets a prediction, so output line i belongs to input line i.
  const input = 'apple pear\n\nrye loaf\n  \t\nsalmon cod\n';
  for (const source of [file('gaps.txt', input), file('gaps-crlf.txt', input.replaceAll('\n', '\r\n'))]) {
    const p = run('predict', model, source);
    assert.equal(p.code, 0, ended(p));
    const out = p.stdout.split('\n');
    assert.equal(out.length, 6, JSON.stringify(p.stdout)); // five lines and the final newline
    assert.deepEqual([out[0], out[2], out[4]], ['fruit', 'bread', 'fish']);
    // The two empty documents have the same (bias-only) prediction, one of the model's labels.
    assert.equal(out[1], out[3]);
    assert.ok(['fruit', 'bread', 'fish'].includes(out[1]), out[1]);
  }
});

test('predict on a one-column text CSV answers a quoted empty text ("") and skips only empty lines', () => {
  const lines = Array.from({ length: 30 }, (_, i) => ['__label__fruit apple pear apple', '__label__bread rye bread loaf', '__label__fish cod salmon fish'][i % 3]).join('\n') + '\n';
  const model = join(dir, 'text-empty-field.json');
  runOk('train', file('t-empty-field.txt', lines), '-o', model);
  const p = run('predict', model, file('empty-field.csv', 'text\napple pear\n""\n\nsalmon cod\n'));
  assert.equal(p.code, 0, ended(p));
  const out = p.stdout.trim().split('\n');
  // Three records: apple pear, the empty text, salmon cod (the empty line is not a record).
  assert.equal(out.length, 3, p.stdout);
  assert.deepEqual([out[0], out[2]], ['fruit', 'fish']);
});

test('predict with a numeric model reads standard input in the format it was trained on (LibSVM, CSV)', () => {
  for (const [training, input] of [[labelledCsv, readFileSync(unlabelledCsv, 'utf8')], [file('train-stdin.svm', rows.map((r) => `${r.k} ${r.x.map((v, j) => `${j + 1}:${v}`).join(' ')}`).join('\n') + '\n'), readFileSync(unlabelledSvm, 'utf8')]]) {
    const model = join(dir, `stdin-${training.endsWith('.svm') ? 'svm' : 'csv'}.json`);
    runOk('train', training, '-o', model);
    const p = spawnSync(process.execPath, [CLI, 'predict', model, '-'], { input, encoding: 'utf8' });
    assert.equal(p.status, 0, p.stderr);
    assert.deepEqual(p.stdout.trim().split('\n'), training.endsWith('.svm') ? ['0', '1', '2'] : CLASSES);
  }
});

test('predict -k larger than the number of classes prints all of them, as fastText does; a bad -k is named as typed (-k)', () => {
  const model = join(dir, 'k-softmax.json');
  runOk('train', labelledCsv, '-o', model);
  const all = run('predict', model, unlabelledCsv, '-k', '3');
  const many = run('predict', model, unlabelledCsv, '-k', '10');
  assert.equal(many.code, 0, ended(many));
  assert.equal(many.stdout, all.stdout);
  assert.deepEqual(many.stdout.trim().split('\n').map((l) => l.split(' ').length), [6, 6, 6]);
  const zero = run('predict', model, unlabelledCsv, '-k', '0');
  assert.equal(zero.code, 2);
  assert.match(zero.stderr, /^argmax predict: -k: expected an integer ≥ 1, got 0$/m);
});

test('predict --jsonl: one JSON object per input, labels as in the data and unrounded probabilities that match -k', () => {
  const model = join(dir, 'jsonl-softmax.json');
  runOk('train', labelledCsv, '-o', model);
  const plain = runOk('predict', model, unlabelledCsv).trim().split('\n');
  const labels = run('predict', model, unlabelledCsv, '--jsonl');
  assert.equal(labels.code, 0, ended(labels));
  assert.deepEqual(labels.stdout.trim().split('\n').map((l) => JSON.parse(l)), plain.map((label) => ({ label })));
  const proba = runOk('predict', model, unlabelledCsv, '--jsonl', '--proba').trim().split('\n').map((l) => JSON.parse(l));
  const top = runOk('predict', model, unlabelledCsv, '--jsonl', '-k', '5').trim().split('\n').map((l) => JSON.parse(l));
  const text = runOk('predict', model, unlabelledCsv, '-k', '3').trim().split('\n').map((l) => l.split(' '));
  top.forEach((o, i) => {
    assert.deepEqual(Object.keys(o), ['labels', 'probabilities']);
    assert.deepEqual(o.labels, text[i].filter((_, j) => j % 2 === 0));
    // The text form rounds to 6 significant digits; the JSON numbers are the doubles themselves.
    o.probabilities.forEach((p: number, j: number) => assert.equal(p.toPrecision(6), text[i][2 * j + 1]));
    assert.ok(Math.abs(o.probabilities.reduce((s: number, p: number) => s + p, 0) - 1) < 1e-12, 'the probabilities of all classes sum to 1 (1e-12)');
    assert.deepEqual(proba[i], { label: o.labels[0], probability: o.probabilities[0] });
  });
});

test('labels with spaces: predict -k 2 is refused with the way out (--jsonl), which separates them; plain and --proba output stay as they were', () => {
  const cities = ['New York', 'Los Angeles', 'Chicago'];
  const data = file('cities.csv', 'label,x1,x2,x3\n' + rows.map((r) => `${cities[r.k]},${r.x.join(',')}`).join('\n') + '\n');
  const model = join(dir, 'cities.json');
  runOk('train', data, '-o', model);
  const refused = run('predict', model, unlabelledCsv, '-k', '2');
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /-k 2: the label "(Los Angeles|New York)" contains a space, so "label p label p" lines could not be split; add --jsonl/);
  assert.equal(refused.stdout, '');
  assert.deepEqual(runOk('predict', model, unlabelledCsv).trim().split('\n'), cities);
  assert.deepEqual(runOk('predict', model, unlabelledCsv, '--proba').trim().split('\n').map((l) => l.replace(/ [0-9.e-]+$/, '')), cities);
  const json = run('predict', model, unlabelledCsv, '-k', '2', '--jsonl');
  assert.equal(json.code, 0, ended(json));
  assert.deepEqual(json.stdout.trim().split('\n').map((l) => JSON.parse(l).labels[0]), cities);
});

test('a run that must succeed and fails says how it ended: the exit code and what the command wrote to stderr', () => {
  // Without this, a command that failed for a reason outside the test (a killed process, a half-written build)
  // showed up only as empty output ('' !== 'a'), with nothing to find the cause by.
  assert.throws(() => runOk('predict', join(dir, 'no-such-model.json'), unlabelledCsv), /: exit code 1; stderr: argmax predict: .*no-such-model\.json/);
});
