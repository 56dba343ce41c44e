/** All-vs-all probabilities by pairwise coupling (Wu, Lin & Weng 2004, method 2). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { couplePairwise } from '../src/reduce/pairwise-coupling.js';
import { CoupledPairwiseModel, PairwiseModel, trainAllVsAll } from '../src/reduce/all-vs-all.js';
import { svmLearner } from '../src/reduce/binary-learner.js';
import { modelFromJson, modelToJson } from '../src/io/model-json.js';
import { Random } from '../src/random.js';
import { assertClose, randomDataset } from './helpers.js';

/** Pairwise probabilities consistent with p: r_ij = p_i / (p_i + p_j). */
function consistent(p: number[]): Float64Array {
  const K = p.length;
  const r = new Float64Array(K * K);
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) if (i !== j) r[i * K + j] = p[i] / (p[i] + p[j]);
  return r;
}

test('consistent pairwise probabilities give back the class probabilities (K = 2, 3, 5)', () => {
  for (const p of [[0.3, 0.7], [0.2, 0.5, 0.3], [0.05, 0.1, 0.15, 0.3, 0.4]]) {
    const out = new Float64Array(p.length);
    couplePairwise(consistent(p), p.length, out);
    // At the true p every term r_ji p_i − r_ij p_j = p_j p_i/(p_i+p_j) − p_i p_j/(p_i+p_j) is 0: the minimum.
    assertClose(out, p, 1e-9, 'p');
  }
});

test('inconsistent pairwise probabilities: p sums to 1, lies in [0, 1], and meets the optimality condition Qp = (pᵀQp)·1', () => {
  const rng = new Random(4);
  for (let trial = 0; trial < 20; trial++) {
    const K = 2 + (trial % 5);
    const r = new Float64Array(K * K);
    for (let i = 0; i < K; i++) {
      for (let j = i + 1; j < K; j++) {
        r[i * K + j] = 0.05 + 0.9 * rng.next();
        r[j * K + i] = 1 - r[i * K + j];
      }
    }
    const p = new Float64Array(K);
    couplePairwise(r, K, p);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    for (const v of p) assert.ok(v >= 0 && v <= 1);
    // Q_tt = Σ_{j≠t} r_jt², Q_tj = −r_jt r_tj, written out again here.
    const Qp = Array.from({ length: K }, (_, t) => {
      let s = 0;
      for (let j = 0; j < K; j++) {
        if (j === t) for (let m = 0; m < K; m++) s += m === t ? 0 : r[m * K + t] ** 2 * p[t];
        else s -= r[j * K + t] * r[t * K + j] * p[j];
      }
      return s;
    });
    const pQp = Qp.reduce((a, q, t) => a + q * p[t], 0);
    for (const q of Qp) assert.ok(Math.abs(q - pQp) < 1e-9, `Qp ${q} vs pᵀQp ${pQp}`);
  }
});

test('all-vs-all of logistic pairs has predictProba (rows sum to 1), kept through the model file; of SVM pairs it has none', () => {
  const data = randomDataset(300, 5, 4, 8);
  const { model } = trainAllVsAll(data, { optimizer: 'lbfgs', C: 1 });
  assert.ok(model instanceof CoupledPairwiseModel);
  const P = (model as CoupledPairwiseModel).predictProba(data.X);
  for (let i = 0; i < data.X.rows; i++) {
    let total = 0;
    for (let k = 0; k < 4; k++) total += P.data[i * 4 + k];
    assert.ok(Math.abs(total - 1) < 1e-9);
  }
  const back = modelFromJson(modelToJson(model), 'm.json').model;
  assert.ok(back instanceof CoupledPairwiseModel);
  assert.deepEqual(back.predictProba(data.X).data, P.data);
  const svm = trainAllVsAll(data, { optimizer: 'sgd', maxEpochs: 2 }, svmLearner).model;
  assert.ok(svm instanceof PairwiseModel && !(svm instanceof CoupledPairwiseModel));
  assert.ok(!('predictProba' in svm));
});
