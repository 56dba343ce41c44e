/**
 * How a network crosses to and from the training worker: its θ as a
 * Float64Array (moved, not copied) beside its model file without "params".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { denseMatrix } from '../src/data/dense.js';
import { LabelTable } from '../src/data/labels.js';
import { createLayerKernels } from '../src/kernels/layer-select.js';
import { LinearModel } from '../src/model/linear-model.js';
import { NetworkModel } from '../src/model/network-model.js';
import { ScoreModel } from '../src/model/score-model.js';
import { modelFromJson, modelToJson, networkFromJsonWithParams, networkJsonWithoutParams } from '../src/io/model-json.js';
import { Random } from '../src/random.js';
import { SequentialScores, layersFromSpec } from '../src/scores/sequential.js';
import { type LayerSpec } from '../src/scores/layers.js';
import { modelFromMessage, modelToMessage, modelTransfer } from '../src/worker/protocol.js';

/** A network D-hidden-3 with seeded random weights (tiny and negative zero among them). */
function network(D: number, hidden: number): NetworkModel {
  const specs: LayerSpec[] = [
    { type: 'dense', inputs: D, outputs: hidden, bias: true },
    { type: 'activation', activation: 'relu' },
    { type: 'dense', inputs: hidden, outputs: 3, bias: false },
  ];
  const scores = new SequentialScores(layersFromSpec(specs), createLayerKernels());
  const rng = new Random(4);
  const theta = Float64Array.from({ length: scores.numParams }, () => rng.normal());
  theta[0] = -0;
  theta[1] = 5e-324;
  return new NetworkModel(new LabelTable(['a', 'b', 7]), scores, theta, 'margin');
}

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

test('a network message carries θ itself and a JSON whose length does not grow with the weights', () => {
  const small = modelToMessage(network(20, 4));
  const large = modelToMessage(network(20, 4000));
  const model = network(20, 4);
  const m = modelToMessage(model);
  assert.ok(m.kind === 'network' && large.kind === 'network' && small.kind === 'network');
  assert.equal(m.theta, model.theta, 'θ is sent as is, not copied');
  assert.equal(JSON.parse(m.json).params, undefined);
  assert.equal(large.theta.length, 20 * 4000 + 4000 + 4000 * 3);
  // The hidden width is written as a number: "4000" is three characters longer than "4", twice.
  assert.equal(large.json.length, small.json.length + 6);
});

test('a network message rebuilds the same network after a transfer: θ bit for bit, layers, head, labels, scores', () => {
  const model = network(6, 5);
  const X = denseMatrix(Float64Array.from({ length: 4 * 6 }, (_, i) => Math.sin(i)), 4, 6);
  const expected = { theta: Buffer.from(bytes(model.theta)), scores: model.decisionFunction(X), predict: model.predict(X) };
  const m = modelToMessage(model);
  const transfer = modelTransfer(m);
  assert.deepEqual(transfer, [model.theta.buffer]);
  const received = structuredClone(m, { transfer });
  assert.equal(model.theta.length, 0, 'the sender\'s θ moved (its buffer is detached)');
  const back = modelFromMessage(received) as NetworkModel;
  assert.ok(back instanceof NetworkModel);
  assert.ok(bytes(back.theta).equals(expected.theta), 'θ differs');
  assert.deepEqual(back.scores.spec(), network(6, 5).scores.spec());
  assert.equal(back.scoreKind, 'margin');
  assert.deepEqual(back.labels.labels, ['a', 'b', 7]);
  assert.ok(bytes(back.decisionFunction(X)).equals(bytes(expected.scores)));
  assert.deepEqual(back.predict(X), expected.predict);
});

test('the file without params, read back with θ, is the network the whole file gives', () => {
  const model = network(6, 5);
  const meta = { note: 'kept' };
  const loaded = networkFromJsonWithParams(networkJsonWithoutParams(model, { meta }), Float64Array.from(model.theta), 'w.json');
  assert.equal(modelToJson(loaded.model, { meta: loaded.meta }), modelToJson(model, { meta }));
  assert.equal(modelToJson(modelFromJson(modelToJson(model)).model), modelToJson(model));
});

test('θ given beside the file is checked: its length, finite values, no second set in the file, a network file', () => {
  const model = network(6, 5);
  const P = model.theta.length;
  const text = networkJsonWithoutParams(model);
  assert.throws(() => networkFromJsonWithParams(text, model.theta.subarray(1), 'w'), new RegExp(`^ModelFormatError: w: these layers have ${P} parameters, ${P - 1} were given$`));
  const inf = Float64Array.from(model.theta);
  inf[9] = -Infinity;
  assert.throws(() => networkFromJsonWithParams(text, inf, 'w'), /w: params\[9\] is -Infinity, expected a finite number/);
  assert.throws(() => networkFromJsonWithParams(modelToJson(model), model.theta, 'w'), /w: the parameters were given beside the document, which must then have no field "params"/);
  const linear = new LinearModel(new LabelTable(['a', 'b']), 2, new Float64Array(4), null);
  assert.throws(() => networkFromJsonWithParams(modelToJson(linear), model.theta, 'w'), /w: parameters given beside the file are read into a network \("kind": "network"\), not "linear"/);
});

test('a linear model message transfers W; a view into a larger buffer is not transferred (it is copied)', () => {
  const labels = new LabelTable(['x', 'y']);
  const own = modelToMessage(new LinearModel(labels, 2, Float64Array.of(1, 2, 3, 4), null));
  assert.equal(modelTransfer(own).length, 1);
  const view = modelToMessage(new LinearModel(labels, 2, new Float64Array(8).subarray(2, 6), null));
  assert.deepEqual(modelTransfer(view), []);
});

test('a model of a score function of your own is refused as a message (its code cannot travel with θ)', () => {
  const own = { numClasses: 2, numFeatures: 1, numParams: 1, forward() {}, backward() {}, penaltyMask: () => new Uint8Array(1) };
  const model = new ScoreModel(new LabelTable(['x', 'y']), own as never, new Float64Array(1));
  assert.throws(() => modelToMessage(model), /^TypeError: a model of your own score function cannot travel between threads; train it with trainSoftmax$/);
});
