import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LabelTable } from '../src/data/labels.js';
import { LinearModel } from '../src/model/linear-model.js';
import { loadModel, saveModel } from '../src/io/model-file.js';
import { modelFromJson, modelToJson } from '../src/io/model-json.js';
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

test('model files of another format, version or shape are refused with the field named', () => {
  const doc = JSON.parse(modelToJson(model));
  const bad = (patch: object) => JSON.stringify({ ...doc, ...patch });
  assert.throws(() => modelFromJson('{', 'm.json'), /m\.json: not valid JSON/);
  assert.throws(() => modelFromJson(bad({ version: 99 }), 'm.json'), /m\.json: field "version" is 99; this argmax reads versions 1 and 2/);
  assert.throws(() => modelFromJson(bad({ input: { kind: 'pictures' } }), 'm.json'), /field "input.kind" is "pictures"/);
  assert.throws(() => modelFromJson(bad({ format: 'x' }), 'm.json'), /field "format" is "x"/);
  assert.throws(() => modelFromJson(bad({ W: doc.W.slice(1) }), 'm.json'), /field "W" has 11 values, expected 12/);
  assert.throws(() => modelFromJson(bad({ b: [1, 2] }), 'm.json'), /field "b" has 2 values, expected 3/);
  assert.throws(() => modelFromJson(bad({ W: [...doc.W.slice(1), 'x'] }), 'm.json'), /W\[11\] is "x", expected a finite number/);
  assert.throws(() => modelFromJson(bad({ labels: ['a', 'a', 'b'] }), 'm.json'), /label "a" appears twice/);
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
