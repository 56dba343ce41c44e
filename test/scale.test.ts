/**
 * Scaling against scikit-learn 1.2.1 pipelines (scaler + LogisticRegression
 * multinomial, newton-cg, tol 1e-10, C = 1; test/fixtures/optima/): the
 * scaler is fitted on the training split, folded into the weights, and the
 * model then predicts on raw test inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyScaler, fitScaler, foldIntoModel, type ScaleKind } from '../src/data/scale.js';
import { fromRows } from '../src/data/dense.js';
import { toCsr } from '../src/data/csr.js';
import { trainSoftmax } from '../src/train/train.js';
import { DATASETS, loadFixture, reference } from './optima-fixtures.js';

const ref = reference();
const SCALERS: Record<'StandardScaler' | 'MaxAbsScaler' | 'MinMaxScaler', ScaleKind> = { StandardScaler: 'standard', MaxAbsScaler: 'maxabs', MinMaxScaler: 'minmax' };

for (const name of DATASETS) {
  for (const [sk, kind] of Object.entries(SCALERS) as [keyof typeof SCALERS, ScaleKind][]) {
    test(`${kind} scaling on ${name}: predictions on raw test inputs equal scikit-learn's ${sk} pipeline probabilities to 1e-6`, () => {
      const e = ref.datasets[name];
      const train = loadFixture(`${name}.train.svm`, e.features, e.classes);
      const testData = loadFixture(`${name}.test.svm`, e.features, e.classes);
      const scaler = fitScaler(train.X, kind);
      const r = trainSoftmax({ ...train, X: applyScaler(train.X, scaler) }, { optimizer: 'newton', C: 1 });
      const P = foldIntoModel(r.model, scaler).predictProba(testData.X).data;
      const expected = e.scaled[sk].test_proba;
      let worst = 0;
      for (let p = 0; p < expected.length; p++) worst = Math.max(worst, Math.abs(P[p] - expected[p]));
      assert.ok(worst <= 1e-6, `largest probability difference ${worst}`);
    });
  }
}

test('scalers by hand: standard (population σ), maxabs, minmax on a 3×2 matrix; maxabs keeps CSR sparse; constant columns keep factor 1', () => {
  // Columns [1, 2, 3] and [0, 0, −4]; a constant third column [5, 5, 5].
  const X = fromRows([[1, 0, 5], [2, 0, 5], [3, -4, 5]]);
  const st = fitScaler(X, 'standard');
  // Column 0: mean 2, σ² = (1 + 0 + 1)/3 = 2/3. Column 1: mean −4/3, σ² = (16/9 + 16/9 + 64/9)/3 = 32/9.
  assert.ok(Math.abs(st.offset![0] - 2) < 1e-15 && Math.abs(st.factor[0] - 1 / Math.sqrt(2 / 3)) < 1e-15);
  assert.ok(Math.abs(st.offset![1] + 4 / 3) < 1e-15 && Math.abs(st.factor[1] - 1 / Math.sqrt(32 / 9)) < 1e-15);
  assert.equal(st.factor[2], 1);
  const ma = fitScaler(toCsr(X), 'maxabs');
  assert.deepEqual(Array.from(ma.factor), [1 / 3, 1 / 4, 1 / 5]);
  const scaled = applyScaler(toCsr(X), ma);
  assert.equal(scaled.kind, 'csr');
  const mm = fitScaler(X, 'minmax');
  // Column 1: min −4, max 0 → factor 1/4, offset −4.
  assert.deepEqual([mm.offset![1], mm.factor[1]], [-4, 0.25]);
});
