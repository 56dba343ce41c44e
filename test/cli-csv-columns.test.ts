/** CSV columns are matched by their header names between training and test/predict, as scikit-learn matches a DataFrame's feature names. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { runCli as run, tempFiles } from './cli-run.js';
import { CLASSES, rows } from './support/three-classes.js';

const { dir, file } = tempFiles('argmax-csv-columns-');

// Class a has a large x1, class b a large x2, class c a large x3: swapping columns swaps the classes.
const csv = (order: number[], names = ['x1', 'x2', 'x3'], label = true) =>
  (label ? 'label,' : '') + order.map((j) => names[j]).join(',') + '\n' +
  rows.map((r) => (label ? `${CLASSES[r.k]},` : '') + order.map((j) => r.x[j]).join(',')).join('\n') + '\n';
const model = join(dir, 'm.json');
const trained = run('train', file('train.csv', csv([0, 1, 2])), '-o', model);

test('train records the CSV feature columns in the model file (meta.columns)', () => {
  assert.equal(trained.code, 0, trained.stderr);
  assert.deepEqual(JSON.parse(readFileSync(model, 'utf8')).meta.columns, ['x1', 'x2', 'x3']);
});

test('test and predict read a CSV whose columns come in another order by their names: same accuracy, same predictions', () => {
  const same = JSON.parse(run('test', model, file('same.csv', csv([0, 1, 2])), '--json').stdout);
  const shuffled = run('test', model, file('shuffled.csv', csv([2, 0, 1])), '--json');
  assert.equal(shuffled.code, 0, shuffled.stderr);
  assert.equal(JSON.parse(shuffled.stdout).accuracy, same.accuracy);
  assert.equal(same.accuracy, 1);
  const p1 = run('predict', model, file('p-same.csv', csv([0, 1, 2], undefined, false)), '-k', '3');
  const p2 = run('predict', model, file('p-shuffled.csv', csv([1, 2, 0], undefined, false)), '-k', '3');
  assert.equal(p2.code, 0, p2.stderr);
  assert.equal(p2.stdout, p1.stdout);
});

test('test and predict refuse a CSV whose column names are not the model\'s, naming the missing and unexpected columns', () => {
  for (const command of ['test', 'predict']) {
    const r = run(command, model, file(`renamed-${command}.csv`, csv([0, 1, 2], ['x1', 'x2', 'y3'], command === 'test')));
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /renamed-\w+\.csv: the columns do not match the model's \(x1, x2, x3\): missing "x3"; unexpected "y3"/);
  }
});

test('search -o records the CSV columns too, and search --val matches a reordered validation CSV by name', () => {
  const searched = join(dir, 'searched.json');
  const s = run('search', file('s-train.csv', csv([0, 1, 2])), '--grid', 'C=1,10', '--val', file('s-val.csv', csv([2, 1, 0])), '--json', '-o', searched);
  assert.equal(s.code, 0, s.stderr);
  // Read by position, the reordered validation file swaps classes a and c: accuracy 1/3 instead of 1.
  assert.equal(JSON.parse(s.stdout).best.score, 1);
  assert.deepEqual(JSON.parse(readFileSync(searched, 'utf8')).meta.columns, ['x1', 'x2', 'x3']);
  const t = run('test', searched, file('s-test.csv', csv([1, 0, 2])), '--json');
  assert.equal(JSON.parse(t.stdout).accuracy, 1);
});

test('a model trained with --label-column and --text-column reads test and predict CSVs by those columns without the flags', () => {
  const speciesCsv = (label: boolean) => (label ? 'x1,x2,x3,species\n' : 'x1,x2,x3\n') + rows.map((r) => r.x.join(',') + (label ? `,${CLASSES[r.k]}` : '')).join('\n') + '\n';
  const species = join(dir, 'species.json');
  const t = run('train', file('species-train.csv', speciesCsv(true)), '--label-column', 'species', '-o', species);
  assert.equal(t.code, 0, t.stderr);
  const tested = run('test', species, file('species-test.csv', speciesCsv(true)), '--json');
  assert.equal(tested.code, 0, tested.stderr);
  assert.equal(JSON.parse(tested.stdout).accuracy, 1);
  // The labelled file given to predict: its species column is the label, not a fourth feature.
  const p = run('predict', species, file('species-labelled.csv', speciesCsv(true)));
  assert.equal(p.code, 0, p.stderr);
  assert.deepEqual(p.stdout.trim().split('\n'), rows.map((r) => CLASSES[r.k]));

  const texts = ['apple pear apple', 'rye bread loaf', 'cod salmon fish'];
  const bodyCsv = 'body,kind\n' + Array.from({ length: 30 }, (_, i) => `${texts[i % 3]},${['fruit', 'bread', 'fish'][i % 3]}`).join('\n') + '\n';
  const body = join(dir, 'body.json');
  assert.equal(run('train', file('body.csv', bodyCsv), '--label-column', 'kind', '--text-column', 'body', '-o', body).code, 0);
  const q = run('predict', body, file('body-new.csv', 'body\napple pear\nsalmon cod\n'));
  assert.equal(q.code, 0, q.stderr);
  assert.deepEqual(q.stdout.trim().split('\n'), ['fruit', 'fish']);
});

test('models from search -o and from autotune keep --label-column too: test and predict read the species CSV without the flag', () => {
  const speciesCsv = 'x1,x2,x3,species\n' + rows.map((r) => `${r.x.join(',')},${CLASSES[r.k]}`).join('\n') + '\n';
  const data = file('species-select.csv', speciesCsv);
  const searched = join(dir, 'species-searched.json');
  const tuned = join(dir, 'species-tuned.json');
  const s = run('search', data, '--label-column', 'species', '--grid', 'C=1,10', '--folds', '2', '-o', searched);
  assert.equal(s.code, 0, s.stderr);
  const a = run('train', data, '--label-column', 'species', '--autotune-val', data, '--autotune-trials', '2', '-o', tuned);
  assert.equal(a.code, 0, a.stderr);
  for (const model of [searched, tuned]) {
    assert.equal(JSON.parse(readFileSync(model, 'utf8')).meta.labelColumn, 'species', model);
    const t = run('test', model, data, '--json');
    assert.equal(t.code, 0, t.stderr);
    assert.equal(JSON.parse(t.stdout).accuracy, 1, model);
    // Without the recorded column, predict would read species as a fourth feature and refuse its text.
    const p = run('predict', model, data);
    assert.equal(p.code, 0, p.stderr);
    assert.deepEqual(p.stdout.trim().split('\n'), rows.map((r) => CLASSES[r.k]));
  }
});

// An id and a name column beside the features: with --ignore-columns they are neither features nor refused as text.
const withIds = (label: boolean, order = [0, 1, 2], ids = true) =>
  (ids ? 'id,name,' : '') + order.map((j) => `x${j + 1}`).join(',') + (label ? ',label' : '') + '\n' +
  rows.map((r, i) => (ids ? `${1000 + i},"item ${i}",` : '') + order.map((j) => r.x[j]).join(',') + (label ? `,${CLASSES[r.k]}` : '')).join('\n') + '\n';

test('train --ignore-columns id,name: the columns are not features, the model keeps them in meta, and test and predict drop them (files may lack them)', () => {
  const data = file('ids-train.csv', withIds(true));
  const model = join(dir, 'ids.json');
  const t = run('train', data, '--ignore-columns', 'id,name', '-o', model);
  assert.equal(t.code, 0, t.stderr);
  const meta = JSON.parse(readFileSync(model, 'utf8')).meta;
  assert.deepEqual(meta.columns, ['x1', 'x2', 'x3']);
  assert.deepEqual(meta.ignoreColumns, ['id', 'name']);
  // Without the flag the name column is read as a number and refused.
  assert.equal(run('train', data, '-o', join(dir, 'ids-refused.json')).code, 1);
  const tested = run('test', model, file('ids-test.csv', withIds(true, [2, 0, 1])), '--json');
  assert.equal(tested.code, 0, tested.stderr);
  assert.equal(JSON.parse(tested.stdout).accuracy, 1);
  const expected = rows.map((r) => CLASSES[r.k]).join('\n') + '\n';
  for (const ids of [true, false]) {
    const p = run('predict', model, file(`ids-predict-${ids}.csv`, withIds(false, [1, 2, 0], ids)));
    assert.equal(p.code, 0, p.stderr);
    assert.equal(p.stdout, expected, `predict on a file ${ids ? 'with' : 'without'} the ignored columns`);
  }
});

test('cv and search --ignore-columns train on the remaining columns, and search -o keeps them for predict', () => {
  const data = file('ids-select.csv', withIds(true));
  const cv = run('cv', data, '--ignore-columns', 'id,name', '--folds', '3', '--json');
  assert.equal(cv.code, 0, cv.stderr);
  assert.deepEqual(JSON.parse(cv.stdout).per_fold.map((f: { features: number }) => f.features), [3, 3, 3]);
  const searched = join(dir, 'ids-searched.json');
  const s = run('search', data, '--ignore-columns', 'id,name', '--grid', 'C=1,10', '--folds', '2', '-o', searched, '--json');
  assert.equal(s.code, 0, s.stderr);
  assert.deepEqual(JSON.parse(readFileSync(searched, 'utf8')).meta.ignoreColumns, ['id', 'name']);
  const p = run('predict', searched, file('ids-select-predict.csv', withIds(false)));
  assert.equal(p.code, 0, p.stderr);
  assert.deepEqual(p.stdout.trim().split('\n'), rows.map((r) => CLASSES[r.k]));
});

test('--ignore-columns is refused for a column the training file lacks (exit 1, naming it), for the label column and for non-CSV data (exit 2)', () => {
  const data = file('ids-bad.csv', withIds(true));
  const missing = run('train', data, '--ignore-columns', 'id,nmae', '-o', join(dir, 'x.json'));
  assert.equal(missing.code, 1, missing.stderr);
  assert.match(missing.stderr, /ids-bad\.csv:1: no column "nmae" to ignore \(--ignore-columns\) in the header \[id, name, x1, x2, x3, label\]/);
  const label = run('cv', data, '--ignore-columns', 'label');
  assert.equal(label.code, 2, label.stderr);
  assert.match(label.stderr, /--ignore-columns: "label" is the label column/);
  const svm = run('train', file('ids.svm', '1 1:1\n2 2:1\n'), '--ignore-columns', 'id', '-o', join(dir, 'y.json'));
  assert.equal(svm.code, 2, svm.stderr);
  assert.match(svm.stderr, /--ignore-columns: names CSV\/TSV columns, but .*ids\.svm is a libsvm file/);
  assert.equal(run('train', data, '--ignore-columns', 'id,,name', '-o', join(dir, 'z.json')).code, 2);
  // Ignoring every feature column would leave a model that predicts one class for everything.
  const none = run('train', data, '--ignore-columns', 'id,name,x1,x2,x3', '-o', join(dir, 'none.json'));
  assert.equal(none.code, 1, none.stderr);
  assert.match(none.stderr, /ids-bad\.csv:1: no feature columns: the header \[id, name, x1, x2, x3, label\] has only the label and ignored columns/);
});
