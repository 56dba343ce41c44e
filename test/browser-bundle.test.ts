/**
 * The library as a browser gets it: bundled by esbuild for the browser
 * platform, then run in a fresh V8 context that has only browser-like
 * globals (no process, require, Buffer or node: modules). It must train with
 * the WebAssembly kernels, predict, featurize text and round-trip a model file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

test('the browser bundle trains, predicts and loads models with browser globals only', () => {
  const entry = fileURLToPath(new URL('../src/index.js', import.meta.url));
  const bundle = buildSync({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'iife', globalName: 'argmax', write: false });
  const code = bundle.outputFiles[0].text;
  const globals = { atob, TextEncoder, TextDecoder, WebAssembly, performance, console, Math, JSON, Float64Array, Int32Array, Uint8Array, Map, Set };
  const script = `${code}
    const A = argmax;
    const X = A.fromRows([[0, 0], [0, 1], [5, 5], [5, 6], [9, 0], [9, 1]]);
    const data = A.makeDataset(X, ['a', 'a', 'b', 'b', 'c', 'c']);
    const { model } = A.trainSoftmax(data, { optimizer: 'lbfgs', C: 10 });
    const text = A.modelToJson(model);
    const back = A.modelFromJson(text).model;
    const f = new A.TextFeaturizer({ minCount: 1 }).fit(['drug trials patients', 'baseball game']);
    ({ kernels: A.defaultKernels().name, pred: back.predict(X), features: f.transform(['drug patients']).indptr[1] });`;
  const result = runInNewContext(script, globals);
  assert.equal(result.kernels, 'wasm');
  assert.deepEqual(Array.from(result.pred), ['a', 'a', 'b', 'b', 'c', 'c']);
  assert.equal(result.features, 2);
});

test('a network model file loads in the browser bundle and gives the same probabilities as Node (to 1e-6)', async () => {
  const { trainSoftmax } = await import('../src/train/train.js');
  const { modelToJson } = await import('../src/io/model-json.js');
  const { fromRows } = await import('../src/data/dense.js');
  const { makeDataset } = await import('../src/data/dataset.js');
  const rows = [[0, 0, 1], [0, 1, 0], [5, 5, 2], [5, 6, 1], [9, 0, 0], [9, 1, 3], [2, 8, 1], [7, 3, 2]];
  const data = makeDataset(fromRows(rows), ['a', 'a', 'b', 'b', 'c', 'c', 'a', 'b']);
  const { model } = trainSoftmax(data, { mlp: { hidden: [6, 4], activation: 'tanh' }, maxEpochs: 30, batchSize: 4, learningRate: 0.05 });
  const nodeProba = Array.from(model.predictProba(data.X).data);
  const entry = fileURLToPath(new URL('../src/index.js', import.meta.url));
  const bundle = buildSync({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'iife', globalName: 'argmax', write: false });
  const globals = { atob, TextEncoder, TextDecoder, WebAssembly, performance, console, Math, JSON, Float64Array, Int32Array, Uint8Array, Map, Set };
  const script = `${bundle.outputFiles[0].text}
    const loaded = argmax.modelFromJson(${JSON.stringify(modelToJson(model))}).model;
    ({ kind: loaded.constructor.name, proba: Array.from(loaded.predictProba(argmax.fromRows(${JSON.stringify(rows)})).data) });`;
  const result = runInNewContext(script, globals);
  assert.equal(result.kind, 'NetworkModel');
  assert.equal(result.proba.length, nodeProba.length);
  for (let t = 0; t < nodeProba.length; t++) assert.ok(Math.abs(result.proba[t] - nodeProba[t]) <= 1e-6, `probability ${t}: browser ${result.proba[t]}, Node ${nodeProba[t]}`);
});
