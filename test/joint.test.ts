/** The joint feature model w·f(x, y): label-conjoined equivalence, gradients, candidate sets, tagging. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCsr } from '../src/data/csr.js';
import { conjoinLabels, type JointDataset } from '../src/joint/joint-data.js';
import { JointObjective } from '../src/joint/joint-objective.js';
import { JointModel, trainJoint } from '../src/joint/joint-model.js';
import { taggingDataset, shape } from '../src/joint/tagging.js';
import { EmpiricalRisk } from '../src/objective/empirical-risk.js';
import { LinearScores } from '../src/scores/linear.js';
import { softmaxCrossEntropy } from '../src/losses/softmax-cross-entropy.js';
import { kernelsByName } from '../src/kernels/select.js';
import { checkGradient } from '../src/gradcheck.js';
import { trainSoftmax } from '../src/train/train.js';
import { Random } from '../src/random.js';
import { randomDataset, randomVector } from './helpers.js';

const data = randomDataset(40, 5, 3, 31);
const joint = conjoinLabels(toCsr(data.X), data.labels, data.y);

test('label-conjoined features: the joint model gives the per-class model\'s scores and gradients', () => {
  const w = randomVector(15, 32); // = W (3×5) row-major
  const perClass = new LinearScores(3, 5, false, kernelsByName('reference'));
  const Z = new Float64Array(40 * 3);
  perClass.forward(w, data.X, null, Z);
  const z = new JointModel(w).scores(joint, kernelsByName('reference'));
  assert.deepEqual(Array.from(z).map((v) => +v.toPrecision(12)), Array.from(Z).map((v) => +v.toPrecision(12)));
  // Gradients of the same objective, mean cross-entropy + (λ/2)‖w‖², within rounding.
  const risk = new EmpiricalRisk(perClass, softmaxCrossEntropy, data, { l2: 0.01 });
  const g1 = new Float64Array(15);
  const g2 = new Float64Array(15);
  const v1 = risk.valueAndGradient(w, g1);
  const v2 = new JointObjective(joint, 'softmax', 0.01, kernelsByName('reference')).valueAndGradient(w, g2);
  assert.ok(Math.abs(v1 - v2) < 1e-13, `${v1} vs ${v2}`);
  for (let p = 0; p < 15; p++) assert.ok(Math.abs(g1[p] - g2[p]) < 1e-13, `gradient ${p}: ${g1[p]} vs ${g2[p]}`);
});

test('label-conjoined features: training the joint model gives the per-class model\'s weights', () => {
  const perClass = trainSoftmax(data, { optimizer: 'lbfgs', l2: 0.01, fitIntercept: false, tol: 1e-10 }).model;
  const jm = trainJoint(joint, { optimizer: 'lbfgs', l2: 0.01, tol: 1e-10 }).model;
  // Same objective, same solver from the same start: the weights agree to the solvers' tolerance.
  for (let p = 0; p < 15; p++) assert.ok(Math.abs(perClass.W[p] - jm.w[p]) < 1e-7, `w[${p}]: ${perClass.W[p]} vs ${jm.w[p]}`);
  assert.deepEqual(jm.predict(joint), perClass.predict(data.X).map(String));
});

for (const loss of ['softmax', 'svm'] as const) {
  test(`joint ${loss} gradient matches finite differences (f(x, y*) − E[f] / f(x, ŷ) − f(x, y*))`, () => {
    const obj = new JointObjective(joint, loss, 0.1, kernelsByName('reference'));
    const w = randomVector(15, 33);
    const g = new Float64Array(15);
    obj.valueAndGradient(w, g);
    // The hinge is piecewise linear: at a random point no loss-augmented argmax is tied, so it is differentiable there.
    const r = checkGradient((t) => obj.value(t), g, w, { step: loss === 'svm' ? 1e-7 : 1e-5 });
    assert.ok(r.maxError < 1e-6, `error ${r.maxError}`);
  });
}

/** Multiple-choice style data: each example has its own candidates (2 to 6 of 1,000 labels), features f(x, y) in 50 dimensions. */
const truthRng = new Random(99);
const truth = Float64Array.from({ length: 50 }, () => truthRng.normal());

function candidateSets(n: number, seed: number): JointDataset {
  const rng = new Random(seed);
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const offsets = [0];
  const gold: number[] = [];
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const size = 2 + rng.int(5);
    let best = 0;
    let bestScore = -Infinity;
    for (let t = 0; t < size; t++) {
      let s = 0;
      for (let j = 0; j < 50; j++) {
        if (rng.next() < 0.3) {
          const v = rng.normal();
          indices.push(j);
          values.push(v);
          s += v * truth[j];
        }
      }
      indptr.push(indices.length);
      labels.push(`label${rng.int(1000)}`);
      if (s > bestScore) [best, bestScore] = [t, s];
    }
    offsets.push(labels.length);
    gold.push(best);
  }
  return {
    X: { kind: 'csr', rows: labels.length, cols: 50, indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), values: Float64Array.from(values), scale: 1 },
    offsets: Int32Array.from(offsets), gold: Int32Array.from(gold), candidateLabels: labels,
  };
}

test('candidate sets that change per example: the joint model learns to pick the right candidate', () => {
  const train = candidateSets(400, 1);
  const test = candidateSets(200, 2);
  for (const [loss, optimizer] of [['softmax', 'lbfgs'], ['svm', 'sgd']] as const) {
    const m = trainJoint(train, { loss, optimizer, maxEpochs: 20 }).model;
    // Chance is about 1/4 (2–6 candidates); the labels are noiseless linear choices.
    assert.ok(m.accuracy(test) > 0.85, `${loss}: accuracy ${m.accuracy(test)}`);
  }
});

test('tagging: window templates conjoined with the tag tell "blocks" the verb from "blocks" the noun', () => {
  const corpus = [
    ['the router blocks the packets', 'DT NN VBZ DT NNS'],
    ['the firewall blocks the traffic', 'DT NN VBZ DT NN'],
    ['the child stacks the blocks', 'DT NN VBZ DT NNS'],
    ['the blocks fell', 'DT NNS VBD'],
    ['the server drops the packets', 'DT NN VBZ DT NNS'],
    ['the packets arrive', 'DT NNS VBP'],
    ['a switch blocks a port', 'DT NN VBZ DT NN'],
    ['the toys and the blocks fell', 'DT NNS CC DT NNS VBD'],
  ].map(([s, t]) => ({ tokens: s.split(' '), tags: t.split(' ') }));
  const tagSet = ['DT', 'NN', 'NNS', 'VBZ', 'VBD', 'VBP', 'CC'];
  const train = taggingDataset(corpus, tagSet, 1 << 14);
  const m = trainJoint(train, { optimizer: 'lbfgs', l2: 1e-3 }).model;
  assert.equal(m.accuracy(train), 1);
  // Unseen sentences: after a noun and before "the", "blocks" is the verb; after "the", the noun.
  const test = taggingDataset([{ tokens: 'the gateway blocks the requests'.split(' ') }, { tokens: 'the blocks arrive'.split(' ') }], tagSet, 1 << 14);
  const tags = m.predict(test);
  assert.equal(tags[2], 'VBZ', `"the gateway blocks the requests": ${tags.slice(0, 5)}`);
  assert.equal(tags[6], 'NNS', `"the blocks arrive": ${tags.slice(5)}`);
  assert.equal(shape('Router4G'), 'XxdX');
});

test('joint SVM with label costs: the lecture example over candidates, loss-augmented by ℓ(y, y*)', () => {
  // One example, candidates Health (gold), Science, Sports with one indicator feature each and
  // weights giving scores 2.4, 1.8, 1.3; ℓ(Science, Health) = 1, ℓ(Sports, Health) = 3.
  const X = { kind: 'csr' as const, rows: 3, cols: 3, indptr: Int32Array.from([0, 1, 2, 3]), indices: Int32Array.from([0, 1, 2]), values: Float64Array.from([1, 1, 1]), scale: 1 };
  const data: JointDataset = { X, offsets: Int32Array.from([0, 3]), gold: Int32Array.from([0]), candidateLabels: ['Health', 'Science', 'Sports'] };
  const cost = (p: string, g: string) => (p === g ? 0 : p === 'Sports' && g === 'Health' ? 3 : 1);
  const obj = new JointObjective(data, 'svm', 0, kernelsByName('reference'), cost);
  const w = Float64Array.from([2.4, 1.8, 1.3]);
  const g = new Float64Array(3);
  // Loss-augmented: 2.4, 1.8 + 1 = 2.8, 1.3 + 3 = 4.3 → Sports; ξ = 4.3 − 2.4 = 1.9; ∇ = f(x, Sports) − f(x, Health).
  assert.ok(Math.abs(obj.valueAndGradient(w, g) - 1.9) < 1e-12);
  assert.deepEqual(Array.from(g), [-1, 0, 1]);
  // With 0/1 costs the most violated is Science (2.8 vs 2.3): ξ = 0.4.
  assert.ok(Math.abs(new JointObjective(data, 'svm', 0, kernelsByName('reference')).value(w) - 0.4) < 1e-12);
});
