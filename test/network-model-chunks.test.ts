/**
 * A network's model file is written in pieces (θ's base64 a slice at a
 * time), as a linear model's is, and says the same as the whole document.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { denseMatrix } from '../src/data/dense.js';
import { LabelTable } from '../src/data/labels.js';
import { modelFromJson, modelJsonChunks, modelToJson } from '../src/io/model-json.js';
import { float64ToBase64 } from '../src/io/float64-base64.js';
import { networkShapeDoc } from '../src/io/network-json.js';
import { NetworkModel } from '../src/model/network-model.js';
import { TextFeaturizer } from '../src/text/featurizer.js';
import { trainSoftmax } from '../src/train/train.js';
import { Random } from '../src/random.js';

function smallNetwork(hidden: number): NetworkModel {
  const rng = new Random(3);
  const n = 40;
  const X = Float64Array.from({ length: n * 6 }, () => rng.normal());
  const y = Int32Array.from({ length: n }, (_, i) => i % 3);
  const { model } = trainSoftmax({ X: denseMatrix(X, n, 6), y, labels: new LabelTable(['a', 'b', 'c']) }, { mlp: { hidden: [hidden] }, maxEpochs: 1 });
  return model as NetworkModel;
}

test('a network of 100,000+ parameters is written in pieces of at most 16 KB after its head, the same text as the whole document {format, layers, params as base64, input, meta}, and reads back to the same θ bits', () => {
  const model = smallNetwork(12000); // 6·12000 + 12000 + 12000·3 + 3 = 120,003 parameters
  assert.equal(model.theta.length, 120003);
  const meta = { note: 'pieces' };
  const pieces = [...modelJsonChunks(model, { meta })];
  // float64Base64Chunks writes 1,536 values (12,288 bytes) per piece: 16,384 characters of base64.
  const largest = Math.max(...pieces.slice(1).map((p) => p.length));
  assert.ok(largest <= 16384, `a piece of ${largest} characters`);
  assert.ok(pieces.length >= 120003 / 1536, `${pieces.length} pieces`);
  const whole = JSON.stringify({ format: 'argmax-model', ...networkShapeDoc(model), params: { encoding: 'float64-base64', data: float64ToBase64(model.theta) }, input: { kind: 'vectors' }, meta });
  assert.equal(pieces.join(''), whole);
  const loaded = modelFromJson(pieces.join(''), 'net.json').model as NetworkModel;
  assert.deepEqual(new Uint8Array(loaded.theta.buffer), new Uint8Array(model.theta.buffer));
});

test('a text network\'s file carries its featurizer in pieces, the same text as its toJSON, and reads back with the same vocabulary and θ', () => {
  const texts = ['drug trials patients', 'baseball game', 'game trials', 'patients drug', 'baseball trials game', 'drug patients'];
  const featurizer = new TextFeaturizer({ minCount: 1 }).fit(texts);
  const y = Int32Array.from([0, 1, 1, 0, 1, 0]);
  const { model } = trainSoftmax({ X: featurizer.transform(texts), y, labels: new LabelTable(['health', 'sports']) }, { mlp: { hidden: [4] }, maxEpochs: 1 });
  const text = modelToJson(model, { featurizer });
  const doc = JSON.parse(text);
  assert.deepEqual(doc.input, { kind: 'text', featurizer: JSON.parse(JSON.stringify(featurizer.toJSON())) });
  const loaded = modelFromJson(text, 'net.json');
  assert.deepEqual(loaded.featurizer!.parts().vocabulary, featurizer.parts().vocabulary);
  assert.deepEqual(Array.from((loaded.model as NetworkModel).theta), Array.from((model as NetworkModel).theta));
});
