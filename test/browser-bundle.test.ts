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
