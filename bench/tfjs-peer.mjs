// The JavaScript peer: @tensorflow/tfjs with the WebAssembly backend (SIMD, one
// thread in Node) training the same model, softmax regression 784 → 10, by
// minibatch Adam (batch 128, 5 epochs). Run as its own process by bench/run.ts;
// prints one JSON line. Data loading and tensor creation are timed separately;
// the test accuracy is checked after every epoch (its time not counted) to
// report the training seconds until it first reached 0.920.
import { tf, train, test, loadSeconds } from './tfjs-mnist.mjs';

const epochs = Number(process.argv[2] ?? 5);

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 10, activation: 'softmax' }));
model.compile({ optimizer: tf.train.adam(), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
function testAccuracy() {
  const pred = tf.tidy(() => model.predict(test.x).argMax(-1)).dataSync();
  let hits = 0;
  for (let i = 0; i < test.n; i++) if (pred[i] === test.labels[i]) hits++;
  return hits / test.n;
}
const TARGET = 0.92;
let checking = 0;
let toTarget = null;
let epochToTarget = null;
const t1 = performance.now();
await model.fit(train.x, train.y, {
  epochs, batchSize: 128, shuffle: true, verbose: 0,
  callbacks: {
    onEpochEnd: (epoch) => {
      if (toTarget !== null) return;
      const t = performance.now();
      if (testAccuracy() >= TARGET) {
        toTarget = (t - t1 - checking) / 1000;
        epochToTarget = epoch + 1;
      }
      checking += performance.now() - t;
    },
  },
});
const trainSeconds = (performance.now() - t1 - checking) / 1000;
const finalAccuracy = testAccuracy();
console.log(JSON.stringify({
  peer: 'tfjs-backend-wasm',
  version: tf.version.tfjs,
  backend: tf.getBackend(),
  epochs,
  train_seconds: trainSeconds,
  load_seconds: loadSeconds,
  test_acc: finalAccuracy,
  seconds_to_target: toTarget,
  epoch_to_target: epochToTarget,
  peak_rss_mb: process.resourceUsage().maxRSS / 1024,
}));
