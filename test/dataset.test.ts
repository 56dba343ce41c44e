import { test } from 'node:test';
import assert from 'node:assert/strict';
import { denseMatrix, fromRows } from '../src/data/dense.js';
import { assertTrainable, makeDataset } from '../src/data/dataset.js';
import { type Label, LabelTable } from '../src/data/labels.js';
import { head, trainValidationSplit } from '../src/data/split.js';
import { trainSoftmax } from '../src/train/train.js';
import { randomDataset } from './helpers.js';

test("the label table keeps the user's labels and orders them like scikit-learn", () => {
  const t = LabelTable.fromValues(['spam', 'ham', 'spam', 'eggs']);
  assert.deepEqual(t.labels, ['eggs', 'ham', 'spam']);
  assert.deepEqual(Array.from(t.encode(['spam', 'eggs'])), [2, 0]);
  assert.deepEqual(t.decode([1, 2]), ['ham', 'spam']);
  assert.deepEqual(LabelTable.fromValues([10, 2, 33, 2]).labels, [2, 10, 33]);
  assert.deepEqual(LabelTable.fromValues(['b', 3, 'a', 1]).labels, [1, 3, 'a', 'b']);
  assert.throws(() => new LabelTable(['a', 'a']), /label "a" appears twice/);
});

test('a dataset with string labels trains and predicts those labels', () => {
  const X = fromRows([[0, 0], [0, 1], [5, 5], [5, 6], [10, 0], [11, 0]]);
  const data = makeDataset(X, ['cat', 'cat', 'dog', 'dog', 'emu', 'emu']);
  const r = trainSoftmax(data, { optimizer: 'gd', learningRate: 0.05, maxEpochs: 2000 });
  assert.deepEqual(r.model.predict(X), ['cat', 'cat', 'dog', 'dog', 'emu', 'emu']);
});

test('bad input: mismatched dimensions', () => {
  assert.throws(() => makeDataset(fromRows([[1, 2], [3, 4]]), [0, 1, 1], { name: 'train.csv' }), /train\.csv: X has 2 rows but there are 3 labels/);
  assert.throws(() => fromRows([[1, 2], [3]]), /row 1 has 1 features but row 0 has 2/);
  assert.throws(() => denseMatrix(new Float64Array(5), 2, 3), /matrix data has 5 values but 2×3 needs 6/);
  const data = randomDataset(10, 3, 2, 1);
  const other = randomDataset(10, 4, 2, 2);
  assert.throws(() => trainSoftmax(data, { validation: other }), /validation data has 4 features but the training data has 3/);
});

test('bad input: NaN or Infinity in features names the example and feature', () => {
  const X = fromRows([[1, 2], [3, NaN]]);
  assert.throws(() => makeDataset(X, [0, 1]), /feature 1 of example 1 is NaN/);
  const Y = fromRows([[1, 2], [3, 4], [-Infinity, 0]]);
  assert.throws(() => makeDataset(Y, [0, 1, 0], { name: 'a.csv' }), /a\.csv: feature 0 of example 2 is -Infinity/);
});

test('bad input: labels outside the table name the position and the table', () => {
  const table = new LabelTable([0, 1, 2]);
  assert.throws(() => makeDataset(fromRows([[1], [2], [3]]), [0, 7, 1], { labelTable: table, name: 'test set' }), /test set: labels\[1\]: label 7 is not in the label table \[0, 1, 2\]/);
  assert.throws(() => table.labelOf(3), /class index 3 is outside 0\.\.2/);
});

test('bad input: an empty dataset and a dataset with one class', () => {
  assert.throws(() => makeDataset(denseMatrix(new Float64Array(0), 0, 3), []), /the dataset is empty/);
  const one = makeDataset(fromRows([[1], [2]]), ['x', 'x']);
  assert.throws(() => assertTrainable(one), /every example has the label "x"; a classifier needs at least two classes/);
  assert.throws(() => trainSoftmax(one), /at least two classes/);
});

test('splits are seeded, disjoint and complete', () => {
  const data = randomDataset(100, 2, 3, 4);
  const a = trainValidationSplit(data, 30, 7);
  const b = trainValidationSplit(data, 30, 7);
  const c = trainValidationSplit(data, 30, 8);
  assert.equal(a.train.X.rows, 70);
  assert.equal(a.validation.X.rows, 30);
  assert.deepEqual(a.validation.X.data, b.validation.X.data);
  assert.notDeepEqual(a.validation.X.data, c.validation.X.data);
  // Every original row appears exactly once across the two sides (first feature identifies it: Gaussian, so distinct).
  const seen = [...a.train.X.data.filter((_, p) => p % 2 === 0), ...a.validation.X.data.filter((_, p) => p % 2 === 0)].sort();
  const all = [...data.X.data.filter((_, p) => p % 2 === 0)].sort();
  assert.deepEqual(seen, all);
  assert.throws(() => trainValidationSplit(data, 100, 0), /validation size must leave both sides non-empty/);
  assert.equal(head(data, 5).X.rows, 5);
});

test('a number and the same number as a string (1 and "1") are refused as labels, naming both, instead of making two classes that print alike', () => {
  const X = fromRows([[1], [2], [3], [4]]);
  assert.throws(() => makeDataset(X, [1, 2, '1', 2]), /the number 1 and the string "1" are both labels/);
  assert.throws(() => new LabelTable([0.5, 'a', '0.5']), /the number 0\.5 and the string "0\.5" are both labels/);
  // Mixed types that cannot be confused stay allowed (numbers sort before strings).
  assert.deepEqual(LabelTable.fromValues([2, 'b', 1, '1.5']).labels, [1, 2, '1.5', 'b']);
});

test('makeDataset refuses null, undefined and boolean labels (from JavaScript), naming the position, instead of making them classes', () => {
  const X = fromRows([[0], [1], [2], [3]]);
  for (const [bad, what] of [[null, 'null'], [undefined, 'undefined'], [true, 'a boolean']] as const) {
    const labels = ['a', bad, 'a', 'b'] as unknown as Label[];
    assert.throws(() => makeDataset(X, labels), new RegExp(`label ${String(bad)} at position 1 is ${what}; labels are strings or finite numbers`));
  }
  // NaN keeps its own message, now at its position in the user's array.
  assert.throws(() => makeDataset(X, [1, 2, NaN, 1]), /label NaN at position 2 is not a finite number/);
});
