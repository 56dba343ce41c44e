// The JavaScript peer for networks: @tensorflow/tfjs with the WebAssembly
// backend (SIMD, one thread in Node) training a multilayer perceptron
// 784 → H (ReLU) → 10 by minibatch Adam (learning rate 0.001, batch 128).
// Usage: tfjs-mlp-peer.mjs EPOCHS HIDDEN. Prints one JSON line; data loading
// is timed apart from training, CPU seconds next to wall seconds.
import { tf, train, test, loadSeconds } from './tfjs-mnist.mjs';

const epochs = Number(process.argv[2] ?? 5);
const hidden = Number(process.argv[3] ?? 256);

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
