import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LabelTable } from '../src/data/labels.js';
import { LinearModel } from '../src/model/linear-model.js';
import { loadModel, saveModel } from '../src/io/model-file.js';
import { modelFromJson, modelJsonChunks, modelToJson } from '../src/io/model-json.js';
import { float64ToBase64 } from '../src/io/float64-base64.js';
import { TextFeaturizer } from '../src/text/featurizer.js';
import { randomVector } from './helpers.js';
import { scratchDir } from './support/scratch-dir.js';

const model = new LinearModel(new LabelTable(['no', 'yes', 7]), 4, randomVector(12, 1, 1e-3), randomVector(3, 2));

test('a model round-trips through its file bit for bit', () => {
  const dir = scratchDir('argmax-model-');
  const path = join(dir, 'm.json');
  saveModel(path, model);
  const back = loadModel(path).model as LinearModel;
  assert.deepEqual(back.W, model.W);
  assert.deepEqual(back.b, model.b);
  assert.deepEqual(back.labels.labels, ['no', 'yes', 7]);
  assert.deepEqual(readdirSync(dir), ['m.json']); // no temporary file left behind
});

test('the weights are stored as float64 base64; a file with decimal weights (as written before) loads to the same model bit for bit', () => {
  const doc = JSON.parse(modelToJson(model));
  assert.deepEqual(doc.W, { encoding: 'float64-base64', data: float64ToBase64(model.W) });
  const decimal = modelFromJson(JSON.stringify({ ...doc, W: Array.from(model.W) }), 'm.json').model as LinearModel;
  assert.deepEqual(decimal.W, model.W);
  assert.deepEqual(decimal.b, model.b);
});

test('modelToJson equals the pieces saveModel writes, joined (the vocabulary and weights in several slices)', () => {
  const f = new TextFeaturizer({ minCount: 1, wordNgrams: 1 });
  // 20,000 distinct words: several slices of the vocabulary and of the weights.
  f.fit([Array.from({ length: 20000 }, (_, i) => `w${i}`).join(' '), 'a b c']);
  const big = new LinearModel(new LabelTable(['x', 'y']), f.numFeatures, randomVector(2 * f.numFeatures, 5), null);
  const pieces = [...modelJsonChunks(big, { featurizer: f, meta: { note: 'ok' } })];
  assert.ok(pieces.length > 8, `${pieces.length} pieces`);
  assert.equal(pieces.join(''), modelToJson(big, { featurizer: f, meta: { note: 'ok' } }));
  const back = modelFromJson(pieces.join(''), 'm.json');
  assert.deepEqual((back.model as LinearModel).W, big.W);
  assert.deepEqual(back.featurizer!.toJSON(), f.toJSON());
  assert.deepEqual(back.meta, { note: 'ok' });
});

test('model files of another format, version or shape are refused with the field named', () => {
  // Decimal weights, as files written before the base64 encoding hold them.
  const doc = { ...JSON.parse(modelToJson(model)), W: Array.from(model.W) };
  const bad = (patch: object) => JSON.stringify({ ...doc, ...patch });
  assert.throws(() => modelFromJson('{', 'm.json'), /m\.json: not valid JSON/);
  assert.throws(() => modelFromJson(bad({ version: 99 }), 'm.json'), /m\.json: field "version" is 99; this argmax reads versions 1 and 2/);
  assert.throws(() => modelFromJson(bad({ input: { kind: 'pictures' } }), 'm.json'), /field "input.kind" is "pictures"/);
  assert.throws(() => modelFromJson(bad({ format: 'x' }), 'm.json'), /field "format" is "x"/);
  assert.throws(() => modelFromJson(bad({ W: doc.W.slice(1) }), 'm.json'), /field "W" has 11 values, expected 12/);
  assert.throws(() => modelFromJson(bad({ b: [1, 2] }), 'm.json'), /field "b" has 2 values, expected 3/);
  assert.throws(() => modelFromJson(bad({ W: [...doc.W.slice(1), 'x'] }), 'm.json'), /W\[11\] is "x", expected a finite number/);
  assert.throws(() => modelFromJson(bad({ labels: ['a', 'a', 'b'] }), 'm.json'), /label "a" appears twice/);
  assert.throws(() => modelFromJson(bad({ W: { encoding: 'float64-base64', data: float64ToBase64(model.W.subarray(1)) } }), 'm.json'), /field "W\.data" has 120 characters, expected 128 for 12 values/);
  assert.throws(() => modelFromJson(bad({ W: { encoding: 'float64-base64', data: '!' + float64ToBase64(model.W).slice(1) } }), 'm.json'), /field "W\.data": character 0 \("!"\) is not base64/);
  const inf = Float64Array.from(model.W);
  inf[7] = Infinity;
  assert.throws(() => modelFromJson(bad({ W: { encoding: 'float64-base64', data: float64ToBase64(inf) } }), 'm.json'), /W\[7\] is Infinity, expected a finite number/);
});

test('a failed save leaves no partial or temporary file behind', () => {
  const dir = scratchDir('argmax-model-');
  // The target is a directory: the temporary file is written, the rename fails.
  const target = join(dir, 'model.json');
  mkdirSync(target);
  assert.throws(() => saveModel(target, model));
  assert.deepEqual(readdirSync(dir), ['model.json']);
  assert.deepEqual(readdirSync(target), []);
});
