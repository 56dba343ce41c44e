import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows } from '../src/data/dense.js';
import { makeDataset } from '../src/data/dataset.js';
import { trainSoftmax } from '../src/train/train.js';
import { EarlyStopping } from '../src/train/early-stopping.js';
import { evaluateModel } from '../src/train/evaluate.js';
import { randomDataset } from './helpers.js';

test('same seed, same model bit for bit; another seed, another minibatch order', () => {
  const data = randomDataset(300, 8, 4, 1);
  const run = (seed: number) => trainSoftmax(data, { optimizer: 'sgd', batchSize: 16, maxEpochs: 5, seed });
  const a = run(3);
  const b = run(3);
  const c = run(4);
  assert.deepEqual(a.model.W, b.model.W);
  assert.deepEqual(a.model.b, b.model.b);
  assert.deepEqual(a.history.map((e) => e.trainLoss), b.history.map((e) => e.trainLoss));
  assert.notDeepEqual(a.model.W, c.model.W);
});

test('gradient descent lowers the training loss every iteration with a safe step and reports its history', () => {
  const data = randomDataset(200, 5, 3, 2);
  const r = trainSoftmax(data, { optimizer: 'gd', learningRate: 0.2, maxIter: 40 });
  assert.equal(r.history.length, 40);
  assert.equal(r.stopReason, 'max_iter');
  assert.equal(r.converged, false);
  for (let e = 1; e < r.history.length; e++) {
    assert.ok(r.history[e].trainLoss < r.history[e - 1].trainLoss, `epoch ${e + 1} did not lower the loss`);
  }
  // Starting from θ = 0 the loss is log K = log 3 ≈ 1.0986; it must have fallen well below that.
  assert.ok(r.history.at(-1)!.trainLoss < 0.6 * Math.log(3));
  assert.equal(r.history[0].valLoss, null);
});

test('gradient descent stops on the gradient test when the gradient has vanished', () => {
  // Separable data with strong L2: a unique optimum that GD reaches to machine precision.
  const data = makeDataset(fromRows([[1, 0], [0, 1], [-1, 0], [0, -1]]), ['a', 'b', 'a', 'b']);
  const r = trainSoftmax(data, { optimizer: 'gd', learningRate: 0.5, l2: 1, maxEpochs: 10000, tol: 1e-10 });
  assert.equal(r.stopReason, 'gradient_tolerance');
  assert.ok(r.epochs < 10000);
  assert.ok(r.solver!.gradientMaxNorm <= 1e-10 * Math.max(1, r.objective), `‖∇L‖∞ = ${r.solver!.gradientMaxNorm}`);
});

test('early stopping stops after `patience` epochs without improvement and restores the best weights', () => {
  const es = new EarlyStopping(2);
  const theta = Float64Array.from([0]);
  const losses = [1.0, 0.8, 0.9, 0.85];
  const stops = losses.map((v, i) => {
    theta[0] = i + 1;
    return es.observe(i + 1, v, theta);
  });
  assert.deepEqual(stops, [false, false, false, true]);
  es.restoreBest(theta);
  assert.equal(theta[0], 2);
  assert.equal(es.bestEpoch, 2);
});

test('training with a validation set restores the epoch of lowest validation loss', () => {
  // Few training examples, many features: the model overfits and the validation loss turns up.
  const all = randomDataset(260, 40, 3, 5);
  const train = { ...all, X: { ...all.X, rows: 60, data: all.X.data.subarray(0, 60 * 40) }, y: all.y.subarray(0, 60) };
  const validation = { ...all, X: { ...all.X, rows: 200, data: all.X.data.subarray(60 * 40) }, y: all.y.subarray(60) };
  const r = trainSoftmax(train, { optimizer: 'gd', learningRate: 1, maxEpochs: 500, patience: 10, validation });
  assert.equal(r.stopReason, 'patience');
  const best = Math.min(...r.history.map((e) => e.valLoss!));
  assert.equal(r.history[r.bestEpoch - 1].valLoss, best);
  assert.equal(r.epochs, r.bestEpoch + 10);
  // The returned model is the best epoch's: its validation loss is that minimum.
  assert.ok(Math.abs(evaluateModel(r.model, validation).crossEntropy - best) < 1e-12);
});

test('a learning rate that is far too large is reported as diverged, keeping finite weights', () => {
  const data = randomDataset(50, 4, 3, 6);
  const scaled = { ...data, X: { ...data.X, data: data.X.data.map((v) => v * 1e150) } };
  const r = trainSoftmax(scaled, { optimizer: 'sgd', schedule: 'constant', learningRate: 1e150, maxEpochs: 50 });
  assert.equal(r.stopReason, 'diverged');
  for (const w of r.model.W) assert.ok(Number.isFinite(w));
  // The weights kept are those from before the diverging epoch: bestEpoch names that epoch.
  assert.equal(r.bestEpoch, r.epochs - 1);
});

test('a run that diverges in its first epoch keeps the starting weights and says bestEpoch 0, with or without validation', () => {
  const data = randomDataset(50, 4, 3, 6);
  const scaled = { ...data, X: { ...data.X, data: data.X.data.map((v) => v * 1e150) } };
  for (const validation of [undefined, scaled]) {
    const r = trainSoftmax(scaled, { optimizer: 'sgd', schedule: 'constant', learningRate: 1e300, batchSize: 1, maxEpochs: 5, validation });
    assert.equal(r.stopReason, 'diverged');
    assert.equal(r.epochs, 1);
    assert.equal(r.bestEpoch, 0);
    // Linear models start from all-zero weights and biases.
    assert.ok(r.model.W.every((w) => w === 0) && (r.model.b ?? []).every((b) => b === 0));
  }
});

test('invalid hyperparameters fail before training, naming the parameter and the range', () => {
  const data = randomDataset(20, 2, 2, 7);
  assert.throws(() => trainSoftmax(data, { learningRate: 0 }), /learningRate must be a finite number > 0, got 0/);
  assert.throws(() => trainSoftmax(data, { learningRate: -1 }), /learningRate must be a finite number > 0/);
  assert.throws(() => trainSoftmax(data, { batchSize: 2.5 }), /batchSize must be an integer ≥ 1, got 2.5/);
  assert.throws(() => trainSoftmax(data, { maxEpochs: 0 }), /maxEpochs must be an integer ≥ 1/);
  assert.throws(() => trainSoftmax(data, { patience: 0 }), /patience must be an integer ≥ 1/);
  assert.throws(() => trainSoftmax(data, { l2: -0.1 }), /l2 must be a finite number ≥ 0/);
  assert.throws(() => trainSoftmax(data, { optimizer: 'adamw' as never }), /optimizer: unknown value "adamw"; expected one of sgd, adagrad, adam, gd, lbfgs, newton/);
  assert.throws(() => trainSoftmax(data, { optimizer: 'lbfgs', C: -1 }), /C must be a finite number > 0, got -1/);
  assert.throws(() => trainSoftmax(data, { C: 1, l2: 1 }), /C and l2 both given/);
  assert.throws(() => trainSoftmax(data, { optimizer: 'newton', l1: 0.1 }), /l1: full batch needs lbfgs \(which becomes OWL-QN\) or a stochastic optimizer/);
  assert.throws(() => trainSoftmax(data, { optimizer: 'lbfgs', tol: -1 }), /tol must be a finite number ≥ 0/);
  assert.throws(() => trainSoftmax(data, { momentum: 1 }), /momentum must be in \[0, 1\), got 1/);
});
