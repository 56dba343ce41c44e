/**
 * The lecture's worked example (seed 002, "too many drug trials, too few
 * patients"), reproduced exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows, denseMatrix } from '../src/data/dense.js';
import { toCsr } from '../src/data/csr.js';
import { LabelTable } from '../src/data/labels.js';
import { conjoinLabels } from '../src/joint/joint-data.js';
import { JointModel } from '../src/joint/joint-model.js';
import { JointObjective } from '../src/joint/joint-objective.js';
import { crossEntropyGrad, prediction, probaToClass } from '../src/notebook.js';
import { assertClose } from './helpers.js';

// Base features f(x) = [contains drug, contains patients, contains baseball] = [1, 1, 0].
const x = fromRows([[1, 1, 0]]);
// One weight row per class, in the order Health, Sports, Science.
const W = Float64Array.from([1.3, 0.9, -5, 3.2, -0.1, 0, 1.1, -1.7, -1.3]);
const HEALTH = 0;

test('scores and exact softmax probabilities of the worked example', () => {
  // Scores w_y · f(x):
  //   Health  = 1.3·1 + 0.9·1 + (−5)·0   = 2.2
  //   Sports  = 3.2·1 + (−0.1)·1 + 0·0   = 3.1
  //   Science = 1.1·1 + (−1.7)·1 + (−1.3)·0 = −0.6
  // exp: e^2.2 = 9.025013, e^3.1 = 22.197951, e^−0.6 = 0.548812; sum = 31.771776
  // p = [9.025013, 22.197951, 0.548812] / 31.771776 = [0.284058, 0.698669, 0.017274]
  // (the slide's [0.21, 0.77, 0.02] is rounded by hand; these are the exact values).
  const P = prediction(x, W);
  assertClose(P.data, [0.284058, 0.698669, 0.017274], 5e-7, 'p(y|x)');
  assert.equal(P.data[0] + P.data[1] + P.data[2], 1);
  assert.deepEqual(Array.from(probaToClass(P)), [1]); // Sports wins before the update
});

test("the slide's gradient and update give new probabilities ≈ [0.89, 0.10, 0.01]", () => {
  // The slide computes the log-likelihood gradient with its rounded P = [0.21, 0.77, 0.02]:
  //   f(x,Health) − Σ_y P(y) f(x,y)
  //   = [1,1,0, 0,0,0, 0,0,0] − 0.21·[1,1,0, 0,0,0, 0,0,0] − 0.77·[0,0,0, 1,1,0, 0,0,0] − 0.02·[0,0,0, 0,0,0, 1,1,0]
  //   = [0.79, 0.79, 0, −0.77, −0.77, 0, −0.02, −0.02, 0].
  // crossEntropyGrad returns the gradient of −log p (the notebook's (P − T)ᵀx), i.e. exactly the negative.
  const slideP = denseMatrix(Float64Array.from([0.21, 0.77, 0.02]), 1, 3);
  const g = crossEntropyGrad(x, [HEALTH], slideP);
  const ascent = Array.from(g.W.data, (v) => -v);
  assertClose(ascent, [0.79, 0.79, 0, -0.77, -0.77, 0, -0.02, -0.02, 0], 1e-12, 'gradient');
  assertClose(g.b, [-0.79, 0.77, 0.02], 1e-12, 'bias gradient');

  // w⁺ = w + gradient = [2.09, 1.69, −5, 2.43, −0.87, 0, 1.08, −1.72, −1.3]
  // (the slide prints 0 for the two "baseball" weights; they multiply f = 0 and do not change the scores).
  const Wnew = W.map((w, i) => w + ascent[i]);
  assertClose(Wnew, [2.09, 1.69, -5, 2.43, -0.87, 0, 1.08, -1.72, -1.3], 1e-12, 'w+');
  // New scores: Health 2.09 + 1.69 = 3.78, Sports 2.43 − 0.87 = 1.56, Science 1.08 − 1.72 = −0.64.
  // exp: 43.816042, 4.758821, 0.527292; sum 49.102155 → p = [0.892345, 0.096917, 0.010739] ≈ [0.89, 0.10, 0.01].
  const Pnew = prediction(x, Float64Array.from(Wnew));
  assertClose(Pnew.data, [0.892345, 0.096917, 0.010739], 5e-7, 'new p(y|x)');
  assertClose(Pnew.data.map((p) => Math.round(p * 100) / 100), [0.89, 0.1, 0.01], 0, 'rounded as on the slide');
  assert.deepEqual(Array.from(probaToClass(Pnew)), [HEALTH]);
});

test('with the exact probabilities the gradient is (P − T)ᵀx', () => {
  // P − T = [0.284058 − 1, 0.698669, 0.017274] = [−0.715942, 0.698669, 0.017274]; x = [1, 1, 0].
  const P = prediction(x, W);
  const g = crossEntropyGrad(x, [HEALTH], P);
  assertClose(g.W.data, [-0.715942, -0.715942, 0, 0.698669, 0.698669, 0, 0.017274, 0.017274, 0], 5e-7, 'gradient');
});

test('the joint model over the blocks f(x, y) gives the same P(y|x) and gradient as one weight vector per class', () => {
  // conjoinLabels puts f(x) = [1, 1, 0] in label y's block: f(x, Health) = [1,1,0, 0,0,0, 0,0,0], etc.;
  // so w·f(x, y) is the per-class score 2.2, 3.1, −0.6 and P_w(y|x) the softmax above.
  const labels = new LabelTable(['Health', 'Sports', 'Science']);
  const data = conjoinLabels(toCsr(x), labels, Int32Array.of(HEALTH));
  const model = new JointModel(W);
  const [p] = model.predictProba(data);
  assertClose(p, [0.284058, 0.698669, 0.017274], 5e-7, 'P_w(y|x)');
  assert.deepEqual(model.predict(data), ['Sports']);
  // The objective's gradient E_y[f(x, y)] − f(x, y*) = (P − T) in each block's first two entries.
  const grad = new Float64Array(W.length);
  new JointObjective(data).valueAndGradient(W, grad);
  assertClose(grad, [-0.715942, -0.715942, 0, 0.698669, 0.698669, 0, 0.017274, 0.017274, 0], 5e-7, 'gradient');
});

test('JointModel.predictProba: one softmax per example over its own candidates (sets of 2 and 3)', () => {
  // Example 1: candidates a, b with feature 0 and 1; example 2: c, d, e with features 0, 1, 2. w = [ln 1, ln 3, ln 4].
  // Scores are ln 1, ln 3 → P = [1/4, 3/4]; ln 1, ln 3, ln 4 → P = [1/8, 3/8, 4/8].
  const X = toCsr(fromRows([[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]));
  const data = { X, offsets: Int32Array.of(0, 2, 5), gold: Int32Array.of(0, 2), candidateLabels: ['a', 'b', 'c', 'd', 'e'] };
  const probabilities = new JointModel(Float64Array.from([0, Math.log(3), Math.log(4)])).predictProba(data);
  assert.equal(probabilities.length, 2);
  assertClose(probabilities[0], [1 / 4, 3 / 4], 1e-15, 'example 1');
  assertClose(probabilities[1], [1 / 8, 3 / 8, 4 / 8], 1e-15, 'example 2');
});
