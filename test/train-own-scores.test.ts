/**
 * trainSoftmax on a score function of the user's own (`scores`): the same
 * objective and solvers as EmpiricalRisk by hand, checkpoints, early stopping,
 * the data in the storage given, and refusals before any work.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeDataset, type Dataset } from '../src/data/dataset.js';
import { denseMatrix } from '../src/data/dense.js';
import { trainSoftmax } from '../src/train/train.js';
import { type Checkpoint } from '../src/train/options.js';
import { EmpiricalRisk } from '../src/objective/empirical-risk.js';
import { softmaxCrossEntropy } from '../src/losses/softmax-cross-entropy.js';
import { lbfgs } from '../src/optim/lbfgs.js';
import { checkGradient } from '../src/gradcheck.js';
import { checkJacobianVector } from '../src/jvp-check.js';
import { Random } from '../src/random.js';
import { ScoreModel } from '../src/model/score-model.js';
import { modelToJson } from '../src/io/model-json.js';
import { trainOneVsAll } from '../src/reduce/one-vs-all.js';
import { trainAllVsAll } from '../src/reduce/all-vs-all.js';
import { SquaredScores } from './support/squared-scores.js';
import { LinearScores } from '../src/scores/linear.js';
import { SequentialScores, mlpLayers } from '../src/scores/sequential.js';
import { createLayerKernels } from '../src/kernels/layer-select.js';
import { referenceKernels } from '../src/kernels/reference.js';
import { NetworkModel } from '../src/model/network-model.js';

/** A slab: 'inside' when |x₁| < 0.8, 'outside' when |x₁| > 1.2 (on both sides: no line separates it); x₂ is noise. */
function slab(n: number, seed: number): Dataset {
  const rng = new Random(seed);
  const X = new Float64Array(2 * n);
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const inside = i % 2 === 0;
    const r = inside ? 0.8 * rng.next() : 1.2 + 1.8 * rng.next();
    X[2 * i] = rng.next() < 0.5 ? -r : r;
    X[2 * i + 1] = 6 * rng.next() - 3;
    labels.push(inside ? 'inside' : 'outside');
  }
  return makeDataset(denseMatrix(X, n, 2), labels);
}

const accuracyOf = (model: { predictIndex(X: Dataset['X']): Int32Array }, d: Dataset) => {
  const p = model.predictIndex(d.X);
  return p.filter((k, i) => k === d.y[i]).length / d.y.length;
};

test('the score function\'s gradient and Jacobian-vector product match central differences (float64, h = 1e-5, error ≤ 1e-7)', () => {
  const data = slab(40, 1);
  const scores = new SquaredScores(2, 2);
  const theta = new Float64Array(scores.numParams);
  scores.initialize(theta, new Random(3));
  const risk = new EmpiricalRisk(scores, softmaxCrossEntropy, data, { l2: 1e-2 });
  const grad = new Float64Array(scores.numParams);
  risk.valueAndGradient(theta, grad);
  assert.ok(checkGradient((t) => risk.value(t), grad, theta).maxError <= 1e-7);
  assert.ok(checkJacobianVector(scores, theta, data.X).maxError <= 1e-7);
});

test('trainSoftmax with a user\'s score function and lbfgs returns exactly the θ of lbfgs on EmpiricalRisk from the same seeded start', () => {
  const data = slab(60, 2);
  const { model, stopReason, converged } = trainSoftmax(data, { scores: new SquaredScores(2, 2), optimizer: 'lbfgs', l2: 1e-3, seed: 5 });
  const scores = new SquaredScores(2, 2);
  const theta = new Float64Array(scores.numParams);
  // trainSoftmax seeds initialize with a stream forked from the seed's (the minibatch order keeps the first).
  scores.initialize(theta, new Random(5).fork());
  lbfgs(new EmpiricalRisk(scores, softmaxCrossEntropy, data, { l2: 1e-3 }), theta, { tol: 1e-8, maxIter: 1000 });
  assert.ok(model instanceof ScoreModel);
  assert.deepEqual(model.theta, theta);
  assert.ok(converged, stopReason);
});

test('a user\'s quadratic score function separates a slab (training accuracy 1) that softmax regression cannot (≤ 0.8)', () => {
  const data = slab(120, 3);
  const own = trainSoftmax(data, { scores: new SquaredScores(2, 2), optimizer: 'lbfgs', C: 100 });
  const linear = trainSoftmax(data, { optimizer: 'lbfgs', C: 100 });
  assert.equal(accuracyOf(own.model, data), 1);
  assert.ok(accuracyOf(linear.model, data) <= 0.8, `linear accuracy ${accuracyOf(linear.model, data)}`);
  // The model speaks the data's labels and gives probabilities.
  assert.deepEqual(own.model.predict(data.X).slice(0, 2), ['inside', 'outside']);
  const P = own.model.predictProba(data.X);
  for (let i = 0; i < data.X.rows; i++) assert.ok(Math.abs(P.data[2 * i] + P.data[2 * i + 1] - 1) <= 1e-12);
});

test('newton (with the score function\'s jacobianVector) reaches the objective lbfgs reaches, to 1e-8 relative', () => {
  const data = slab(80, 4);
  const byNewton = trainSoftmax(data, { scores: new SquaredScores(2, 2), optimizer: 'newton', C: 10 });
  const byLbfgs = trainSoftmax(data, { scores: new SquaredScores(2, 2), optimizer: 'lbfgs', C: 10, tol: 1e-10 });
  assert.ok(byNewton.converged, byNewton.stopReason);
  assert.ok(Math.abs(byNewton.objective - byLbfgs.objective) <= 1e-8 * byLbfgs.objective, `${byNewton.objective} vs ${byLbfgs.objective}`);
});

test('a stochastic run of a user\'s score function resumed from its epoch-2 checkpoint ends with the θ of the uninterrupted run', () => {
  const data = slab(100, 5);
  const options = { optimizer: 'adam' as const, learningRate: 0.05, batchSize: 16, maxEpochs: 5, seed: 9 };
  let atTwo: Checkpoint | null = null;
  const whole = trainSoftmax(data, { ...options, scores: new SquaredScores(2, 2), onCheckpoint: (c) => { if (c.epoch === 2) atTwo = JSON.parse(JSON.stringify(c)); } });
  assert.ok(atTwo);
  const resumed = trainSoftmax(data, { ...options, scores: new SquaredScores(2, 2), resumeFrom: atTwo });
  assert.deepEqual(resumed.model.theta, whole.model.theta);
  assert.equal(resumed.history.length, 3);
});

test('with validation data, a user\'s score function keeps the weights of the epoch of lowest validation cross-entropy', () => {
  const data = slab(100, 6);
  const validation = slab(60, 7);
  const snapshots: Float64Array[] = [];
  const r = trainSoftmax(data, {
    scores: new SquaredScores(2, 2), optimizer: 'adam', learningRate: 0.5, batchSize: 8, maxEpochs: 15, patience: 3, validation, seed: 2,
    onEpoch: (_record, current) => snapshots.push((current() as ScoreModel).theta),
  });
  const losses = r.history.map((h) => h.valLoss!);
  const best = losses.indexOf(Math.min(...losses)) + 1;
  assert.equal(r.bestEpoch, best);
  // This run has epochs after its best: the weights returned are restored, not the last ones.
  assert.ok(r.bestEpoch < r.epochs, `best epoch ${r.bestEpoch} of ${r.epochs}`);
  assert.deepEqual(r.model.theta, snapshots[best - 1]);
});

test('data reach a user\'s score function in the storage given: mostly-zero dense rows are not turned into CSR, in training or prediction', () => {
  // 90% zeros: the linear models would train on CSR; a dense-only score function must still see dense rows.
  const n = 50, D = 10;
  const X = new Float64Array(n * D);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    X[i * D + (i % D)] = i % 2 ? 2 : -1;
    labels.push(i % 2);
  }
  const data = makeDataset(denseMatrix(X, n, D), labels);
  const scores = new SquaredScores(2, D);
  const { model } = trainSoftmax(data, { scores, optimizer: 'lbfgs', validation: data });
  model.predictProba(data.X);
  assert.deepEqual([...scores.storagesSeen], ['dense']);
});

test('trainSoftmax refuses, before calling it, a score function with another class count or input width than the data, naming both', () => {
  const data = slab(20, 8);
  for (const [scores, words] of [[new SquaredScores(3, 2), /3 scores.*2 classes/], [new SquaredScores(2, 5), /5 features.*2/]] as const) {
    scores.storagesSeen.clear();
    assert.throws(() => trainSoftmax(data, { scores, optimizer: 'lbfgs' }), words);
    assert.equal(scores.storagesSeen.size, 0, 'the score function was called');
  }
});

test('scores are refused with mlp, with dual-cd, with the binary logistic loss, without backward, with newton when there is no jacobianVector, and with fitIntercept or layerKernels', () => {
  const data = slab(20, 9);
  assert.throws(() => trainSoftmax(data, { scores: new SquaredScores(2, 2), mlp: { hidden: [4] } } as never), /mlp and scores both given/);
  assert.throws(() => trainSoftmax(data, { scores: new SquaredScores(2, 2), loss: 'svm', optimizer: 'dual-cd' }), /dual-cd solves the linear SVM only/);
  assert.throws(() => trainSoftmax(data, { scores: new SquaredScores(2, 2), loss: 'logistic' }), /binary logistic has one score/);
  const { backward: _b, ...noBackward } = Object.assign(Object.create(null), new SquaredScores(2, 2), { forward: () => {}, penaltyMask: () => new Uint8Array(6) });
  assert.throws(() => trainSoftmax(data, { scores: noBackward as never }), /scores\.backward must be a function/);
  assert.throws(() => trainSoftmax(data, { scores: new SquaredScores(2, 2, false), optimizer: 'newton' }), /optimizer newton: needs the score function's jacobianVector/);
  assert.throws(() => trainSoftmax(data, { scores: new SquaredScores(2, 2), fitIntercept: false }), /fitIntercept: applies to the built-in/);
  assert.throws(() => trainSoftmax(data, { scores: new SquaredScores(2, 2), layerKernels: 'reference' }), /layerKernels: applies to the built-in/);
});

test('a misspelt training option from plain JavaScript is refused with the closest name, not ignored', () => {
  const data = slab(20, 10);
  assert.throws(() => trainSoftmax(data, { lerningRate: 0.1 } as never), /unknown training option "lerningRate" \(did you mean "learningRate"\?\)/);
  assert.throws(() => trainSoftmax(data, { epochs: 3 } as never), /unknown training option "epochs"/);
});

test('a ScoreModel of a user\'s score function is refused by modelToJson with how to keep it (its θ); reductions refuse scores and mlp', () => {
  const data = slab(20, 11);
  const { model } = trainSoftmax(data, { scores: new SquaredScores(2, 2), optimizer: 'lbfgs' });
  assert.throws(() => modelToJson(model), /save its parameters \(model\.theta\)/);
  assert.throws(() => trainOneVsAll(data, { scores: new SquaredScores(2, 2) }), /scores: one-vs-all combines linear two-class classifiers/);
  assert.throws(() => trainAllVsAll(data, { mlp: { hidden: [3] } }), /mlp: all-vs-all combines linear two-class classifiers/);
});

test('a LinearScores or SequentialScores given as scores comes back as the ScoreModel (NetworkModel) its type promises, with θ', () => {
  const data = slab(30, 12);
  const linear = trainSoftmax(data, { scores: new LinearScores(2, 2, true, referenceKernels), optimizer: 'lbfgs' });
  assert.ok(linear.model instanceof ScoreModel);
  assert.equal(linear.model.theta.length, 6);
  const net = trainSoftmax(data, { scores: new SequentialScores(mlpLayers(2, 2, { hidden: [3] }), createLayerKernels('reference')), optimizer: 'lbfgs' });
  assert.ok(net.model instanceof NetworkModel);
  // A dropout layer needs minibatches, as with the mlp option.
  const dropout = new SequentialScores(mlpLayers(2, 2, { hidden: [3], dropout: 0.5 }), createLayerKernels('reference'));
  assert.throws(() => trainSoftmax(data, { scores: dropout, optimizer: 'lbfgs' }), /dropout: the network has a dropout layer, which needs a minibatch optimizer/);
});

test('a score function with more than 2²⁸ parameters is refused before its penaltyMask is asked for; decisionFunction refuses chunkRows 0', () => {
  const data = slab(10, 13);
  let masks = 0;
  const huge = { numClasses: 2, numFeatures: 2, numParams: 2 ** 29, forward() {}, backward() {}, penaltyMask: () => (masks++, new Uint8Array(0)) };
  assert.throws(() => trainSoftmax(data, { scores: huge }), /536,870,912 parameters, more than the 268,435,456/);
  assert.equal(masks, 0);
  const { model } = trainSoftmax(data, { scores: new SquaredScores(2, 2), optimizer: 'lbfgs', maxIter: 2 });
  assert.throws(() => model.decisionFunction(data.X, 0), /chunkRows must be an integer ≥ 1, got 0/);
});
