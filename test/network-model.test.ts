import { test } from 'node:test';
import assert from 'node:assert/strict';
import { denseMatrix } from '../src/data/dense.js';
import { type Dataset } from '../src/data/dataset.js';
import { LabelTable } from '../src/data/labels.js';
import { modelFromJson, modelToJson } from '../src/io/model-json.js';
import { NetworkModel } from '../src/model/network-model.js';
import { Random } from '../src/random.js';
import { type Checkpoint } from '../src/train/options.js';
import { trainSoftmax } from '../src/train/train.js';
import { resolveTrainOptions } from '../src/train/options.js';
import { accuracy } from '../src/metrics/classification.js';

/**
 * Two concentric rings in the plane (inner: class "in", outer: "out"), with
 * radii 1 and 2 and noise 0.15: no line separates them, one hidden layer does.
 */
function rings(n: number, seed: number): Dataset {
  const rng = new Random(seed);
  const X = new Float64Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    const r = (y[i] === 0 ? 1 : 2) + 0.15 * rng.normal();
    const a = 2 * Math.PI * rng.next();
    X[2 * i] = r * Math.cos(a);
    X[2 * i + 1] = r * Math.sin(a);
  }
  return { X: denseMatrix(X, n, 2), y, labels: new LabelTable(['in', 'out']) };
}

test('a one-hidden-layer network separates concentric rings that softmax regression cannot (test accuracy ≥ 0.97 vs ≤ 0.75)', () => {
  const train = rings(600, 1);
  const test = rings(400, 2);
  const linear = trainSoftmax(train, { optimizer: 'lbfgs', C: 100 });
  const mlp = trainSoftmax(train, { mlp: { hidden: [16], activation: 'tanh' }, optimizer: 'adam', learningRate: 0.03, maxEpochs: 60, batchSize: 32 });
  const linAcc = accuracy(test.y, linear.model.predictIndex(test.X));
  const mlpAcc = accuracy(test.y, mlp.model.predictIndex(test.X));
  assert.ok(linAcc <= 0.75, `linear accuracy ${linAcc}`);
  assert.ok(mlpAcc >= 0.97, `network accuracy ${mlpAcc}`);
});

test('every optimizer trains a network: SGD, AdaGrad, Adam, L-BFGS and Gauss–Newton Newton all beat 0.95 on the rings', () => {
  const train = rings(400, 3);
  const test = rings(400, 4);
  for (const optimizer of ['sgd', 'adagrad', 'adam', 'lbfgs', 'newton'] as const) {
    const stochastic = optimizer === 'sgd' || optimizer === 'adagrad' || optimizer === 'adam';
    const r = trainSoftmax(train, {
      mlp: { hidden: [12], activation: 'tanh' },
      optimizer,
      ...(stochastic ? { maxEpochs: 80, batchSize: 32, learningRate: { sgd: 0.3, adagrad: 0.1, adam: 0.03 }[optimizer] } : { C: 100, maxIter: 300 }),
    });
    const acc = accuracy(test.y, r.model.predictIndex(test.X));
    assert.ok(acc >= 0.95, `${optimizer}: test accuracy ${acc}`);
  }
});

test('full-batch solvers lower a network objective monotonically (L-BFGS and Gauss–Newton trust region)', () => {
  const train = rings(300, 5);
  for (const optimizer of ['lbfgs', 'newton'] as const) {
    const r = trainSoftmax(train, { mlp: { hidden: [8], activation: 'relu' }, optimizer, C: 10, maxIter: 40, evaluateTrain: false });
    const values = r.history.map((e) => e.trainLoss);
    for (let t = 1; t < values.length; t++) assert.ok(values[t] <= values[t - 1], `${optimizer}: objective rose at iteration ${t + 1}: ${values[t - 1]} → ${values[t]}`);
    assert.ok(values[values.length - 1] < values[0], `${optimizer} made no progress`);
  }
});

test('the same seed gives the same network, byte for byte, and a different seed a different one', () => {
  const train = rings(200, 6);
  const opts = { mlp: { hidden: [6], dropout: 0.2 }, maxEpochs: 3, batchSize: 16 } as const;
  const a = trainSoftmax(train, { ...opts, seed: 7 }).model;
  const b = trainSoftmax(train, { ...opts, seed: 7 }).model;
  const c = trainSoftmax(train, { ...opts, seed: 8 }).model;
  assert.equal(modelToJson(a), modelToJson(b));
  assert.notEqual(modelToJson(a), modelToJson(c));
});

test('a network checkpoint resumes bit for bit, dropout included', () => {
  const train = rings(200, 9);
  const opts = { mlp: { hidden: [6], dropout: 0.3 }, optimizer: 'adam', maxEpochs: 4, batchSize: 16, seed: 3 } as const;
  const checkpoints: Checkpoint[] = [];
  const full = trainSoftmax(train, { ...opts, onCheckpoint: (c) => checkpoints.push(JSON.parse(JSON.stringify(c))) });
  const resumed = trainSoftmax(train, { ...opts, resumeFrom: checkpoints[1] });
  assert.deepEqual(Array.from(resumed.model.theta), Array.from(full.model.theta));
});

test('a network model file (version 3) round-trips: same parameters, probabilities and predictions', () => {
  const train = rings(200, 10);
  const { model } = trainSoftmax(train, { mlp: { hidden: [7, 5], activation: 'tanh' }, maxEpochs: 2 });
  const text = modelToJson(model, { meta: { note: 'round trip' } });
  const doc = JSON.parse(text);
  assert.equal(doc.version, 3);
  assert.equal(doc.kind, 'network');
  assert.deepEqual(doc.scores.layers.map((l: { type: string }) => l.type), ['dense', 'activation', 'dense', 'activation', 'dense']);
  const loaded = modelFromJson(text, 'net.json').model as NetworkModel;
  assert.ok(loaded instanceof NetworkModel);
  assert.deepEqual(Array.from(loaded.theta), Array.from(model.theta));
  assert.deepEqual(Array.from(loaded.predictProba(train.X).data), Array.from(model.predictProba(train.X).data));
  assert.deepEqual(loaded.predict(train.X), model.predict(train.X));
});

test('bad network options fail before training, naming the option and the accepted values', () => {
  const train = rings(50, 11);
  const expectError = (mlp: object, pattern: RegExp) => assert.throws(() => resolveTrainOptions({ mlp } as never), pattern);
  expectError({ hidden: [] }, /hidden: give at least one hidden layer size/);
  expectError({ hidden: [0] }, /hidden: layer 1 has size 0; sizes must be integers from 1 to 65536/);
  expectError({ hidden: [16, 2.5] }, /hidden: layer 2 has size 2.5/);
  expectError({ hidden: [4], dropout: 1 }, /dropout must be in \[0, 1\), got 1/);
  expectError({ hidden: [4], dropout: -0.1 }, /dropout must be in \[0, 1\)/);
  assert.throws(() => trainSoftmax(train, { mlp: { hidden: [4], activation: 'sigmoid' as never } }), /activation: unknown value "sigmoid"; expected one of relu, tanh, identity/);
  assert.throws(() => resolveTrainOptions({ mlp: { hidden: [4], dropout: 0.5 }, optimizer: 'lbfgs' }), /dropout: needs a minibatch optimizer/);
  assert.throws(() => resolveTrainOptions({ mlp: { hidden: [4] }, loss: 'logistic' }), /mlp: binary logistic has one score/);
});

test('a version-3 file whose shapes do not match its layer list is refused with the field named', () => {
  const train = rings(60, 12);
  const { model } = trainSoftmax(train, { mlp: { hidden: [3] }, maxEpochs: 1 });
  const doc = JSON.parse(modelToJson(model));
  const broken = (edit: (d: any) => void) => {
    const d = JSON.parse(JSON.stringify(doc));
    edit(d);
    return JSON.stringify(d);
  };
  assert.throws(() => modelFromJson(broken((d) => d.params.pop()), 'm.json'), /m\.json: field "params" must be an array of the 17 parameters of these layers, got 16/);
  assert.throws(() => modelFromJson(broken((d) => (d.scores.layers[2].inputs = 4)), 'm.json'), /m\.json: scores\.layers: layer 3 takes 4 inputs but layer 2 gives 3/);
  assert.throws(() => modelFromJson(broken((d) => (d.scores.layers[1].activation = 'swish')), 'm.json'), /scores\.layers\[1\]: activation "swish" is not one of relu, tanh, identity/);
  assert.throws(() => modelFromJson(broken((d) => (d.numFeatures = 3)), 'm.json'), /"numFeatures" is 3 but the first layer takes 2 inputs/);
  assert.throws(() => modelFromJson(broken((d) => d.labels.push('extra')), 'm.json'), /the last layer gives 2 scores but "labels" has 3 labels/);
  assert.throws(() => modelFromJson(broken((d) => (d.params[4] = 'x')), 'm.json'), /params\[4\] is "x", expected a finite number/);
  assert.throws(() => modelFromJson(broken((d) => (d.scores.layers[0].type = 'conv')), 'm.json'), /"type" is "conv", expected "dense", "activation" or "dropout"/);
});

test('a network given data of another width says so', () => {
  const train = rings(40, 13);
  const { model } = trainSoftmax(train, { mlp: { hidden: [3] }, maxEpochs: 1 });
  assert.throws(() => model.predict(denseMatrix(new Float64Array(6), 2, 3)), /the data has 3 features per example but the model was trained on 2/);
});
