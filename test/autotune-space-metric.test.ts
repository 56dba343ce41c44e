/**
 * The objects inside autotune's and search's options: autotune's space and
 * the metric are refused before any trial when a name is misspelt (with the
 * closest accepted name) or a value would stop the proposals.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeDataset } from '../src/data/dataset.js';
import { fromRows } from '../src/data/dense.js';
import { autotune } from '../src/select/autotune.js';
import { type AutotuneSpace, defaultSpace } from '../src/select/autotune-space.js';
import { candidateFromSetting } from '../src/select/settings.js';
import { type Metric } from '../src/select/scores.js';
import { search } from '../src/select/search.js';
import { CLASSES, rows } from './support/three-classes.js';

const examples = { kind: 'vectors' as const, data: makeDataset(fromRows(rows.map((r) => r.x)), rows.map((r) => CLASSES[r.k])) };
let trials = 0;
const candidateOf = (s: Record<string, string>) => {
  trials++;
  return candidateFromSetting(s, { text: false, fromFile: false });
};
const space = defaultSpace(false, ['softmax', 'svm', 'mlp']);
const accuracy: Metric = { kind: 'accuracy' };
const tune = (over: { space?: unknown; metric?: unknown }) =>
  autotune(examples, examples, { metric: accuracy, trials: 2, space, base: {}, candidateOf, ...over } as never);

test('autotune refuses a misspelt key of its space, naming the closest one, before any trial', () => {
  trials = 0;
  assert.throws(() => tune({ space: { ...space, minCnt: [1, 5] } }), /unknown autotune space option "minCnt" \(did you mean "minCount"\?\); the options are models, C, ngrams, minCount, optimizers, hidden/);
  assert.throws(() => tune({ space: { ...space, hiden: [8] } }), /unknown autotune space option "hiden" \(did you mean "hidden"\?\)/);
  assert.throws(() => tune({ space: { ...space, c: [1, 10] } }), /unknown autotune space option "c" \(did you mean "C"\?\)/);
  assert.throws(() => tune({ space: undefined }), /autotune: space must be an object \(defaultSpace\(text, models\) gives one\)/);
  assert.equal(trials, 0);
});

test('autotune refuses a space whose values would stop the proposals: a model without optimizers (a misspelt key named), empty or reversed ranges', () => {
  trials = 0;
  const { softmax, ...others } = space.optimizers;
  const bad = (edit: Partial<AutotuneSpace>) => () => tune({ space: { ...space, ...edit } });
  assert.throws(bad({ optimizers: { ...others, sofmax: softmax } }), /autotune space: optimizers\.softmax must be a non-empty list of optimizers, got undefined \(is "sofmax" meant to be "softmax"\?\)/);
  assert.throws(bad({ optimizers: { ...others, softmax: [] } }), /optimizers\.softmax must be a non-empty list of optimizers, got \[\]$/);
  assert.throws(bad({ models: [] }), /autotune space: models must be a non-empty list of model kinds, got \[\]/);
  assert.throws(bad({ C: [10, 1] }), /autotune space: C must be a range \[low, high\] of numbers > 0, got \[10,1\]/);
  assert.throws(bad({ C: [0, 1] }), /C must be a range \[low, high\] of numbers > 0, got \[0,1\]/);
  assert.throws(bad({ ngrams: [0, 2] }), /ngrams must be null or a range \[low, high\] of integers ≥ 1, got \[0,2\]/);
  assert.throws(bad({ minCount: [1.5, 3] }), /minCount must be null or a range/);
  assert.throws(bad({ hidden: [] }), /hidden must be a list of layer sizes \(integers ≥ 1\), at least one for mlp, got \[\]/);
  assert.equal(trials, 0);
  // Without mlp among the models no hidden size is drawn, and extra optimizer lists are allowed (defaultSpace has them).
  const r = tune({ space: { ...space, models: ['softmax'], hidden: [] } });
  assert.equal(r.trials.length, 2);
  assert.ok(r.trials.every((t) => t.error === null), r.trials.map((t) => t.error).join('; '));
});

test('autotune and search refuse a metric of unknown kind or with a misspelt key, naming the closest, before any work', () => {
  trials = 0;
  assert.throws(() => tune({ metric: { kind: 'acuracy' } }), /autotune: metric\.kind must be one of accuracy, macro-f1, log-loss, f1, got "acuracy" \(did you mean "accuracy"\?\)/);
  assert.throws(() => tune({ metric: { kind: 'macro_f1' } }), /got "macro_f1" \(did you mean "macro-f1"\?\)/);
  assert.throws(() => tune({ metric: { kind: 'f1', lable: 'a', index: 0 } }), /unknown autotune f1 metric option "lable" \(did you mean "label"\?\); the options are kind, label, index/);
  assert.throws(() => tune({ metric: { kind: 'accuracy', label: 'a' } }), /unknown autotune accuracy metric option "label"; the options are kind/);
  assert.throws(() => tune({ metric: { kind: 'f1', label: 'a' } }), /autotune: an f1 metric's index \(of its class in the label table\) must be an integer ≥ 0, got undefined/);
  assert.throws(() => tune({ metric: { kind: 'f1', index: 0 } }), /autotune: an f1 metric names its class: label must be a string, got undefined/);
  assert.throws(() => tune({ metric: 'accuracy' }), /autotune: metric must be an object such as \{ kind: 'accuracy' \}, got string/);
  assert.throws(() => tune({ metric: { kind: 'toString' } }), /metric\.kind must be one of accuracy, macro-f1, log-loss, f1, got "toString"/);
  const entries = [{ setting: {}, candidate: candidateOf({}) }];
  trials = 0;
  assert.throws(() => search(examples, entries, { scoring: { kind: 'cv', folds: 3 }, metric: { kind: 'f1', label: 'a', indx: 0 } } as never), /unknown search f1 metric option "indx" \(did you mean "index"\?\)/);
  assert.throws(() => search(examples, entries, { scoring: { kind: 'cv', folds: 3 } } as never), /search: metric must be an object such as \{ kind: 'accuracy' \}, got undefined/);
  assert.equal(trials, 0);
  // Correctly spelt, both run.
  assert.equal(tune({ metric: { kind: 'f1', label: 'b', index: 1 } }).trials.length, 2);
  assert.equal(search(examples, entries, { scoring: { kind: 'cv', folds: 3 }, metric: { kind: 'macro-f1' } }).length, 1);
});
