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
