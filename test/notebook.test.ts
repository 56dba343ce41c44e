/** The notebook's functions (prediction, crossEntropyGrad): on the library's default kernels, and the CLI's fixed-step gradient descent is theirs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows } from '../src/data/dense.js';
import { type Kernels } from '../src/kernels/kernels.js';
import { referenceKernels } from '../src/kernels/reference.js';
import { defaultKernels, setDefaultKernels } from '../src/kernels/select.js';
import { crossEntropy, crossEntropyGrad, prediction } from '../src/notebook.js';
import { join } from 'node:path';
import { head, trainValidationSplit } from '../src/data/split.js';
import { loadMnist } from '../src/data/mnist.js';
import { runCli } from './cli-run.js';
import { scratchDir } from './support/scratch-dir.js';
import { assertClose } from './helpers.js';

test('prediction and crossEntropyGrad run their products on the kernels setDefaultKernels installs, with the same values', () => {
  const calls: string[] = [];
  const counting: Kernels = {
    ...referenceKernels,
    linearForward: (...a) => (calls.push('linearForward'), referenceKernels.linearForward(...a)),
    linearBackward: (...a) => (calls.push('linearBackward'), referenceKernels.linearBackward(...a)),
  };
  const before = defaultKernels();
  setDefaultKernels(counting);
  try {
    // x = [1, 2], W = [[1, 0], [0, 1]], no bias: scores [1, 2], P = [1/(1+e), e/(1+e)] = [0.268941, 0.731059].
    const X = fromRows([[1, 2]]);
    const P = prediction(X, Float64Array.of(1, 0, 0, 1));
    assertClose(P.data, [0.268941, 0.731059], 5e-7, 'P');
    // Gold class 0: (P − T)ᵀx = [−0.731059·[1, 2], 0.731059·[1, 2]].
    const g = crossEntropyGrad(X, [0], P);
    assertClose(g.W.data, [-0.731059, -1.462117, 0.731059, 1.462117], 5e-7, 'gradient');
  } finally {
    setDefaultKernels(before);
  }
  assert.deepEqual(calls, ['linearForward', 'linearBackward']);
});

test("demo --optimizer sgd --batch-size N --schedule constant is the notebook's fixed-step gradient descent: per-epoch train CE equals a loop over prediction and crossEntropyGrad (rel. 1e-12)", () => {
  const out = join(scratchDir('argmax-notebook-gd-'), 'demo');
  const n = 300;
  const eta = 0.5;
  const r = runCli('demo', '--optimizer', 'sgd', '--batch-size', String(n), '--schedule', 'constant', '--lr', String(eta), '--epochs', '3', '--train-size', String(n), '--out', out, '--json');
  assert.equal(r.code, 0, r.stderr);
  const history = (JSON.parse(r.stdout) as { history: { trainLoss: number }[] }).history.map((e) => e.trainLoss);
  // The same data as the demo: the first n examples of mnist:train after holding out 10,000 (seed 0).
  const train = head(trainValidationSplit(loadMnist('mnist:train'), 10000, 0).train, n);
  const W = new Float64Array(10 * 784);
  const b = new Float64Array(10);
  const loop: number[] = [];
  for (let epoch = 0; epoch < 3; epoch++) {
    const g = crossEntropyGrad(train.X, train.y, prediction(train.X, W, b));
    W.forEach((w, p) => (W[p] = w - eta * g.W.data[p]));
    b.forEach((v, k) => (b[k] = v - eta * g.b[k]));
    loop.push(crossEntropy(prediction(train.X, W, b), train.y));
  }
  assert.equal(history.length, 3);
  history.forEach((h, e) => assert.ok(Math.abs(h - loop[e]) <= 1e-12 * loop[e], `epoch ${e + 1}: demo ${h}, loop ${loop[e]}`));
  assert.ok(loop[2] < loop[1] && loop[1] < loop[0], `the cross-entropy falls: ${loop}`);
});

test('crossEntropy and crossEntropyGrad refuse a class outside 0 … C−1 (labels 1 … C), naming the position, the value and the range', () => {
  // Two examples, C = 3: P rows [0.2, 0.3, 0.5] and [0.6, 0.3, 0.1]; labels [1, 3] as in the formulas' y ∈ {1, …, C}.
  // Unchecked, y = 3 would read P[0, 3] = P[1, 0] (another example's probability) and the gradient would move it.
  const X = fromRows([[1, 0], [0, 1]]);
  const P = { kind: 'dense' as const, rows: 2, cols: 3, data: Float64Array.of(0.2, 0.3, 0.5, 0.6, 0.3, 0.1), scale: 1 };
  const message = /y\[1\] is 3, expected a class index 0 … 2 \(C = 3 classes; for labels 1 … C subtract 1/;
  assert.throws(() => crossEntropy(P, [1, 3]), message);
  assert.throws(() => crossEntropyGrad(X, [1, 3], P), message);
  assert.throws(() => crossEntropy(P, [0, 1.5]), /y\[1\] is 1.5, expected a class index/);
  assert.throws(() => crossEntropyGrad(X, [-1, 0], P), /y\[0\] is -1, expected a class index/);
  // In range: −(log 0.3 + log 0.6)/2 = (1.203973 + 0.510826)/2 = 0.857399.
  assert.ok(Math.abs(crossEntropy(P, [1, 0]) - 0.857399) < 5e-7);
});
