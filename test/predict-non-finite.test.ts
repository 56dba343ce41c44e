/** Prediction refuses NaN and infinite features, naming them, as training does (instead of scoring them as the first class). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows } from '../src/data/dense.js';
import { toCsr } from '../src/data/csr.js';
import { makeDataset } from '../src/data/dataset.js';
import { trainSoftmax } from '../src/train/train.js';
import { trainAllVsAll } from '../src/reduce/all-vs-all.js';
import type { Matrix } from '../src/data/csr.js';
import type { Label } from '../src/data/labels.js';

const data = makeDataset(fromRows([[0, 0], [0, 1], [5, 5], [5, 6], [9, 0], [9, 1]]), ['a', 'a', 'b', 'b', 'c', 'c']);
const models: Record<string, { predict(X: Matrix): Label[] }> = {
  linear: trainSoftmax(data, { optimizer: 'lbfgs', C: 1 }).model,
  network: trainSoftmax(data, { mlp: { hidden: [4], activation: 'tanh' }, optimizer: 'lbfgs', C: 1, maxIter: 20 }).model,
  'all-vs-all': trainAllVsAll(data, { optimizer: 'lbfgs', C: 1 }).model,
};

for (const [kind, model] of Object.entries(models)) {
  for (const bad of [NaN, Infinity, -Infinity]) {
    test(`a ${kind} model's predict refuses a feature of ${bad}, dense or sparse, naming the example and the feature`, () => {
      const X = fromRows([[5, 5], [9, bad]]);
      for (const input of [X, toCsr(X)]) {
        assert.throws(() => model.predict(input), new RegExp(`feature 1 of example 1 is ${bad}; features must be finite`));
      }
      // The same model predicts finite rows.
      assert.deepEqual(model.predict(fromRows([[5, 5]])), ['b']);
    });
  }
}
