/**
 * Training in a Node worker thread: the same model as synchronous training,
 * one event per epoch, and cancelling through an AbortSignal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadMnist } from '../src/data/mnist.js';
import { subset } from '../src/data/dataset.js';
import { Random } from '../src/random.js';
import { trainSoftmax } from '../src/train/train.js';
import { type LinearModel } from '../src/model/linear-model.js';
import { ScoreModel } from '../src/model/score-model.js';
import { NetworkModel } from '../src/model/network-model.js';
import { type EpochRecord } from '../src/train/options.js';
import { trainInWorker } from '../src/worker/node.js';
import { type EpochEvent } from '../src/worker/run.js';

const full = loadMnist('mnist:train');
const perm = new Random(3).permutation(full.X.rows);
const train = subset(full, perm.subarray(0, 3000));
/** 20,000 training images: epochs long enough (~0.1 s) to outlast an event's delay between the threads. */
const largeTrain = () => subset(full, perm.subarray(0, 20000));
const validation = subset(full, perm.subarray(3000, 4000));

const bytes = (a: Float64Array | null) => Buffer.from(a!.buffer, a!.byteOffset, a!.byteLength);
/** All parameters of a model: [W, b] of a linear model, θ of a network. */
const params = (m: LinearModel | ScoreModel | null): Buffer =>
  m instanceof ScoreModel ? bytes(m.theta) : Buffer.concat([bytes(m!.W), m!.b ? bytes(m!.b) : Buffer.alloc(0)]);

for (const options of [
  { optimizer: 'sgd' as const, maxEpochs: 3, seed: 7, validation },
  { optimizer: 'adam' as const, maxEpochs: 2, seed: 1, batchSize: 64 },
  { optimizer: 'lbfgs' as const, maxIter: 15, C: 10 },
  { optimizer: 'adam' as const, maxEpochs: 2, seed: 3, mlp: { hidden: [32], activation: 'relu' as const }, validation },
]) {
  const what = `${'mlp' in options ? 'MLP, ' : ''}${options.optimizer}`;
  test(`worker thread gives byte-identical weights and history to synchronous training (${what})`, async () => {
    const sync = trainSoftmax(train, options);
    const events: EpochEvent[] = [];
    const run = trainInWorker(train, options).on('epoch', (e) => events.push(e));
    const r = await run.done;
    assert.equal(r.model.constructor, sync.model.constructor);
    assert.ok(params(r.model).equals(params(sync.model)), 'weights differ');
    assert.deepEqual(r.model.labels.labels, sync.model.labels.labels);
    assert.equal(r.stopReason, sync.stopReason);
    assert.equal(r.epochs, sync.epochs);
    const strip = (h: EpochRecord[]) => h.map(({ seconds: _s, ...rest }) => rest);
    assert.deepEqual(strip(r.history), strip(sync.history));
    // One event per epoch, in order, each with the weights of that epoch.
    assert.deepEqual(events.map((e) => e.record.epoch), sync.history.map((h) => h.epoch));
    assert.ok(events.every((e) => e.model !== null && e.model.numFeatures === 784 && e.model.numClasses === 10));
    assert.ok(params(events.at(-1)!.model).equals(params(sync.model)) || sync.bestEpoch !== sync.epochs, 'the last epoch event carries the final weights');
  });
}

test('a network travels from the worker exactly: every epoch snapshot has the θ bits of that epoch, and the final model the same scores and predictions', async () => {
  const options = { optimizer: 'adam' as const, maxEpochs: 3, seed: 5, mlp: { hidden: [24, 12], activation: 'tanh' as const } };
  const syncEpochs: Buffer[] = [];
  const sync = trainSoftmax(train, { ...options, onEpoch: (_r, current) => syncEpochs.push(params(current())) });
  const events: EpochEvent[] = [];
  const r = await trainInWorker(train, options).on('epoch', (e) => events.push(e)).done;
  assert.equal(events.length, 3);
  events.forEach((e, i) => assert.ok(params(e.model).equals(syncEpochs[i]), `epoch ${i + 1}: θ differs`));
  assert.ok(r.model instanceof NetworkModel && sync.model instanceof NetworkModel);
  assert.deepEqual(r.model.scores.spec(), sync.model.scores.spec());
  assert.equal(r.model.scoreKind, sync.model.scoreKind);
  assert.ok(bytes(r.model.decisionFunction(validation.X)).equals(bytes(sync.model.decisionFunction(validation.X))), 'scores differ');
  assert.deepEqual(r.model.predict(validation.X), sync.model.predict(validation.X));
});

test('AbortSignal stops the worker within an epoch of the abort and returns the best validation epoch so far', async () => {
  const controller = new AbortController();
  const events: EpochEvent[] = [];
  let abortedAfter = 0;
  // Epochs over 20,000 images (~0.1 s each) outlast the delay of an epoch event reaching this thread on a loaded machine,
  // so the epoch the worker is in when the abort lands is the one after the event's.
  const large = largeTrain();
  const run = trainInWorker(large, { optimizer: 'sgd', maxEpochs: 200, patience: 200, learningRate: 2, schedule: 'constant', validation }, { signal: controller.signal });
  run.on('epoch', (e) => {
    events.push(e);
    if (e.record.epoch === 3) {
      abortedAfter = 3;
      controller.abort();
    }
  });
  const r = await run.done;
  assert.equal(r.stopReason, 'cancelled');
  assert.equal(r.converged, false);
  // The abort lands while epoch 4 runs (or right at the end of epoch 3): at most one more epoch.
  assert.ok(r.epochs >= abortedAfter && r.epochs <= abortedAfter + 1, `ran ${r.epochs} epochs after an abort at epoch ${abortedAfter}`);
  // The model is the snapshot of the epoch with the lowest validation cross-entropy.
  const best = events.reduce((a, b) => (b.record.valLoss! < a.record.valLoss! ? b : a));
  assert.equal(r.bestEpoch, best.record.epoch);
  assert.ok(params(r.model).equals(params(best.model)), 'cancelled run did not return the best epoch weights');
});

test('pause holds the worker (no epoch ends while paused) and resuming gives the same weights as an uninterrupted run', async () => {
  const options = { optimizer: 'sgd' as const, maxEpochs: 4, seed: 5 };
  // Epochs over 20,000 images (~0.1 s each), as in the abort test: over 3,000 images the worker could end epochs 2
  // and 3 before the pause sent at epoch 1's event reached it, and their events would arrive during the pause.
  const large = largeTrain();
  const sync = trainSoftmax(large, options);
  const run = trainInWorker(large, options);
  const ends: number[] = [];
  let pausedAt = -1;
  run.on('epoch', (e) => {
    ends.push(performance.now());
    if (e.record.epoch === 1) {
      assert.equal(run.pause(), true);
      pausedAt = performance.now();
      setTimeout(() => run.resume(), 600);
    }
  });
  const r = await run.done;
  // The worker checks the pause every 64 minibatches and at each epoch's end: at most the epoch it was
  // finishing when the pause arrived ends while paused; the others end after the resume (600 ms).
  const whilePaused = ends.filter((t) => t > pausedAt && t < pausedAt + 550).length;
  assert.ok(whilePaused <= 1, `${whilePaused} epochs ended while paused`);
  assert.equal(ends.length, 4);
  assert.ok(ends[3] - pausedAt >= 550, 'training finished before the resume');
  assert.ok(params(r.model).equals(params(sync.model)), 'pausing changed the weights');
});

test('an already aborted signal still returns the model of the first epoch', async () => {
  const controller = new AbortController();
  controller.abort();
  const r = await trainInWorker(train, { optimizer: 'sgd', maxEpochs: 50 }, { signal: controller.signal }).done;
  assert.equal(r.stopReason, 'cancelled');
  assert.equal(r.epochs, 1);
});

test('without WebAssembly the worker warns and trains with the reference kernels', () => {
  // --jitless removes the WebAssembly global, as a strict Content-Security-Policy blocks it in a page.
  const script = fileURLToPath(new URL('./fixtures/worker-without-wasm.js', import.meta.url));
  const out = spawnSync(process.execPath, ['--jitless', script], { encoding: 'utf8', env: withoutKernelChoice() });
  assert.equal(out.status, 0, out.stderr);
  const result = JSON.parse(out.stdout);
  assert.match(result.warnings[0], /WebAssembly could not be instantiated .*reference kernels/);
  assert.equal(result.kernels, 'reference');
  assert.equal(result.epochs, 2);
});

function withoutKernelChoice(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.ARGMAX_KERNELS;
  return env;
}

test('trainInWorker refuses at the call, before a worker starts: a score function, callbacks, a misspelt option and a bad value', () => {
  const own = { numClasses: 10, numFeatures: 784, numParams: 1, forward() {}, backward() {}, penaltyMask: () => new Uint8Array(1) };
  assert.throws(() => trainInWorker(train, { scores: own } as never), /scores: a score function of your own is code, which a worker cannot receive/);
  assert.throws(() => trainInWorker(train, { onEpoch: () => {} } as never), /onEpoch: callbacks do not travel to a worker; listen with run\.on\('epoch', …\)/);
  assert.throws(() => trainInWorker(train, { signal: AbortSignal.abort() } as never), /pass \{ signal \} as the run's options/);
  assert.throws(() => trainInWorker(train, { maxEpoch: 3 } as never), /unknown training option "maxEpoch" \(did you mean "maxEpochs"\?\)/);
  assert.throws(() => trainInWorker(train, { learningRate: -1 }), /learningRate must be a finite number > 0/);
  assert.throws(() => trainInWorker(train, { kernels: 'bogus' } as never), /kernels: a worker takes the kernels by name \(wasm, wasm-f32, reference\), got "bogus"/);
  assert.throws(() => trainInWorker(train, { layerKernels: 'bogus' } as never), /layerKernels: expected one of/);
  assert.throws(() => trainInWorker(train, null as never), /training options must be an object, got null/);
});

test('what only the data can tell (a sampleWeight of the wrong length) is reported by the worker as a rejected run, naming the option', async () => {
  const data = subset(train, Int32Array.from({ length: 50 }, (_, i) => i));
  await assert.rejects(trainInWorker(data, { sampleWeight: new Float64Array(49) }).done, /sampleWeight has 49 values but the data has 50 examples/);
});
