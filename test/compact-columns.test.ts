/** Training on the used columns only gives the same linear model as training on all of them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactColumns } from '../src/data/compact-columns.js';
import { type Dataset } from '../src/data/dataset.js';
import { LabelTable } from '../src/data/labels.js';
import { LinearModel } from '../src/model/linear-model.js';
import { trainSoftmax } from '../src/train/train.js';
import { trainAllVsAll, CoupledPairwiseModel } from '../src/reduce/all-vs-all.js';
import { type TrainOptions } from '../src/train/options.js';
import { Random } from '../src/random.js';
import { assertClose } from './helpers.js';

/** 200 examples of 3 classes on 12 of 3,000 columns (scattered), a CSR matrix. */
function wideSparse(seed: number): Dataset {
  const rng = new Random(seed);
  const columns = Array.from({ length: 12 }, (_, c) => 7 + c * 241);
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 200; i++) {
    const k = i % 3;
    for (const [c, j] of columns.entries()) {
      const v = rng.normal() + (c % 3 === k ? 1 : 0);
      if (rng.next() < 0.7) {
        indices.push(j);
        values.push(v);
      }
    }
    indptr.push(indices.length);
    y.push(k);
  }
  return {
    X: { kind: 'csr', rows: 200, cols: 3000, indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), values: Float64Array.from(values), scale: 1 },
    y: Int32Array.from(y),
    labels: new LabelTable([0, 1, 2]),
  };
}

const cases: Array<[string, TrainOptions]> = [
  ['newton with C', { optimizer: 'newton', C: 10, classWeight: 'balanced' }],
  ['lbfgs with l2', { optimizer: 'lbfgs', l2: 0.01 }],
  ['sgd with l1 and momentum', { optimizer: 'sgd', l1: 0.001, momentum: 0.9, maxEpochs: 5 }],
  ['adam', { optimizer: 'adam', maxEpochs: 5 }],
];

for (const [name, options] of cases) {
  test(`compact columns, ${name}: the expanded model equals the model trained on all 3,000 columns (to rounding)`, () => {
    const data = wideSparse(1);
    const full = trainSoftmax(data, options).model as LinearModel;
    const compact = compactColumns(data)!;
    assert.equal(compact.used.length, 12);
    const narrowRun = trainSoftmax(compact.train, options);
    const narrow = narrowRun.model as LinearModel;
    const expanded = compact.expand(narrow);
    assert.ok(expanded instanceof LinearModel);
    assert.equal(expanded.numFeatures, 3000);
    const scale = Math.max(...Array.from(full.W, Math.abs));
    const fullRun = trainSoftmax(data, options);
    if (options.optimizer === 'newton') {
      // Newton on 12 columns gets the Kronecker preconditioner and on 3,000 the diagonal one: different
      // iterates, both stopped at small gradients. The objective is (1/C)-strongly convex (the L2 term
      // ‖W‖²/(2C)), so each is within C·‖∇L‖ of the optimum, and of each other by the sum.
      const bound = options.C! * (fullRun.solver!.gradientNorm + narrowRun.solver!.gradientNorm);
      assertClose(expanded.W, full.W, bound, 'W');
      // The biases are unpenalized and the softmax ignores a common shift of them: compare them centred.
      const centred = (b: Float64Array) => b.map((v) => v - b.reduce((a, x) => a + x, 0) / b.length);
      assertClose(centred(expanded.b!), centred(full.b!), bound, 'b − mean(b)');
      assert.ok(bound < 1e-3 * scale, `the solvers stopped far from the optimum (bound ${bound})`);
    } else {
      // The same iterates; summation order over θ may differ (SIMD lanes see other neighbours): 1e-9 relative to the largest weight.
      assertClose(expanded.W, full.W, 1e-9 * scale, 'W');
      assertClose(expanded.b!, full.b!, 1e-9 * scale, 'b');
    }
    assert.deepEqual(expanded.predictIndex(data.X), full.predictIndex(data.X));
  });
}

test('compact columns for all-vs-all keeps the pairwise class and its probabilities; dense or well-used data is left as it is', () => {
  const data = wideSparse(2);
  const compact = compactColumns(data)!;
  const model = compact.expand(trainAllVsAll(compact.train, { optimizer: 'lbfgs', C: 1 }).model);
  assert.ok(model instanceof CoupledPairwiseModel);
  const direct = trainAllVsAll(data, { optimizer: 'lbfgs', C: 1 }).model as CoupledPairwiseModel;
  assertClose(model.predictProba(data.X).data, direct.predictProba(data.X).data, 1e-9, 'P');
  // The same data renumbered onto columns 0..11: every column used, nothing to compact.
  const X = data.X as Extract<Dataset['X'], { kind: 'csr' }>;
  assert.equal(compactColumns({ ...data, X: { ...X, cols: 12, indices: Int32Array.from(X.indices, (j) => (j - 7) / 241) } }), null);
});
