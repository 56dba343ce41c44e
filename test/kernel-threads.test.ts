/**
 * The full-batch WebAssembly kernels on two threads (a worker thread on the
 * same shared memory) give the same bits as on one thread: a full batch is cut
 * into chunks by its shape alone and the chunks' partial sums are added in
 * chunk order, whoever ran them. Checked for the softmax step (loss, gradient,
 * bias gradient, probabilities), the loss-only step and the Hessian-vector
 * product, dense and CSR, uint8/float32/float64 values, float64 and float32
 * lanes, row-wise and column-block sweeps, with sample weights. The chunked
 * sweep also matches the float64 reference (same tolerances as kernels.test.ts:
 * 1e-12 relative for float64 lanes, 2e-5 for float32).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { denseMatrix, type DenseMatrix } from '../src/data/dense.js';
import { type Matrix, toCsr } from '../src/data/csr.js';
import { createWasmKernels, kernelThreadsFallbackReason, type Precision } from '../src/kernels/wasm.js';
import { installKernelThreads } from '../src/kernels/kernel-threads.js';
import { type Kernels } from '../src/kernels/kernels.js';
import { referenceKernels } from '../src/kernels/reference.js';
import { matrixArrays, withHeldData } from '../src/kernels/held-data.js';
import { setKernelThreads } from '../src/kernels/threads-node.js';
import { Random } from '../src/random.js';

setKernelThreads(2);

const N = 700;
const D = 40;
const K = 5;

/** n×D data, ~70% zeros. */
function data(storage: 'f64' | 'f32' | 'u8', seed: number, n = N): DenseMatrix {
  const rng = new Random(seed);
  const values = storage === 'u8' ? new Uint8Array(n * D) : storage === 'f32' ? new Float32Array(n * D) : new Float64Array(n * D);
  for (let p = 0; p < n * D; p++) if (rng.next() < 0.3) values[p] = storage === 'u8' ? 1 + rng.int(255) : rng.normal();
  return denseMatrix(values, n, D, storage === 'u8' ? 1 / 255 : 1);
}

interface Outputs {
  loss: number;
  lossOnly: number;
  G: Float64Array;
  gb: Float64Array;
  P: Float64Array;
  H: Float64Array;
  hb: Float64Array;
}

function sweep(k: Kernels, X: Matrix, y: Int32Array, sw: Float64Array, seed: number): Outputs {
  const rng = new Random(seed);
  const W = Float64Array.from({ length: K * D }, () => rng.normal() * 0.3);
  const b = Float64Array.from({ length: K }, () => rng.normal() * 0.3);
  const V = Float64Array.from({ length: K * D }, () => rng.normal());
  const vb = Float64Array.from({ length: K }, () => rng.normal());
  const o: Outputs = {
    loss: 0, lossOnly: 0, G: new Float64Array(K * D), gb: new Float64Array(K), P: new Float64Array(N * K), H: new Float64Array(K * D), hb: new Float64Array(K),
  };
  withHeldData([...matrixArrays(X), y, sw], () => {
    o.loss = k.linearSoftmaxStep(X, null, y, sw, W, b, K, o.G, o.gb, o.P);
    o.lossOnly = k.linearSoftmaxStep(X, null, y, sw, W, b, K, null, null);
    k.linearSoftmaxHessianVector(X, null, sw, o.P, V, vb, K, o.H, o.hb);
  });
  return o;
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.fail(`${what}[${i}]: ${a[i]} on two threads, ${b[i]} on one`);
}

function closeTo(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  for (let i = 0; i < actual.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tol * (1 + Math.abs(expected[i])))) assert.fail(`${what}[${i}] = ${actual[i]}, reference ${expected[i]} (tolerance ${tol} relative)`);
  }
}

for (const precision of ['f64', 'f32'] as Precision[]) {
  for (const storage of ['u8', 'f32', 'f64'] as const) {
    for (const layout of ['dense', 'CSR rows', 'CSR column blocks'] as const) {
      test(`full-batch kernels on 2 threads equal 1 thread bit for bit and match the reference: ${precision} lanes, ${layout}, ${storage} values`, () => {
        const dense = data(storage, 3);
        const X: Matrix = layout === 'dense' ? dense : toCsr(dense);
        const rng = new Random(11);
        const y = Int32Array.from({ length: N }, () => rng.int(K));
        const sw = Float64Array.from({ length: N }, () => 0.5 + rng.next());
        // threadMinWork 0: every full batch goes to the threads, however small.
        const columnBlockRows = layout === 'CSR column blocks' ? 64 : 0;
        const two = createWasmKernels(precision, { threads: 2, threadMinWork: 0, columnBlockRows }) as Kernels & { helperChunks: number };
        const one = createWasmKernels(precision, { threads: 1, columnBlockRows });
        const b = sweep(one, X, y, sw, 5);
        // Repeated (up to 20 times, until the worker has taken a chunk): every repetition must give the same bits.
        let a = sweep(two, X, y, sw, 5);
        for (let rep = 0; ; rep++) {
          sameBits([a.loss, a.lossOnly], [b.loss, b.lossOnly], 'loss');
          sameBits(a.G, b.G, 'G');
          sameBits(a.gb, b.gb, 'gb');
          sameBits(a.P, b.P, 'P');
          sameBits(a.H, b.H, 'Hv');
          sameBits(a.hb, b.hb, 'Hv bias');
          if (two.helperChunks > 0 || rep === 20) break;
          a = sweep(two, X, y, sw, 5);
        }
        const r = sweep(referenceKernels, X, y, sw, 5);
        const tol = precision === 'f64' ? 1e-12 : 2e-5;
        closeTo([a.loss, a.lossOnly], [r.loss, r.lossOnly], tol, 'loss');
        closeTo(a.G, r.G, tol, 'G');
        closeTo(a.gb, r.gb, tol, 'gb');
        closeTo(a.P, r.P, tol, 'P');
        closeTo(a.H, r.H, tol, 'Hv');
        closeTo(a.hb, r.hb, tol, 'Hv bias');
      });
    }
  }
}

test('the helper thread runs chunks of full-batch calls', () => {
  // 40,000 rows: each chunk lasts long enough for a sleeping worker to wake and take the next one.
  const X = toCsr(data('u8', 4, 40000));
  const y = new Int32Array(X.rows);
  const k = createWasmKernels('f64', { threads: 2, threadMinWork: 0 }) as Kernels & { helperChunks: number; threads: number };
  assert.equal(k.threads, 2);
  const W = new Float64Array(K * D);
  const G = new Float64Array(K * D);
  // The worker starts asynchronously and the machine may be busy: give it up to 10 s of calls to take a chunk.
  let helped = 0;
  const until = Date.now() + 10000;
  withHeldData([...matrixArrays(X), y], () => {
    while (helped === 0 && Date.now() < until) {
      k.linearSoftmaxStep(X, null, y, null, W, null, K, G, null);
      helped = k.helperChunks;
    }
  });
  assert.ok(helped > 0, 'no chunk ran on the helper thread in 10 s of calls');
});

test('without thread support, kernels asked for 2 threads run on 1 and say why', () => {
  installKernelThreads(null);
  try {
    const k = createWasmKernels('f64', { threads: 2 }) as Kernels & { threads: number };
    assert.equal(k.threads, 1);
    assert.match(kernelThreadsFallbackReason() ?? '', /no worker threads in this environment/);
    const X = toCsr(data('f64', 6));
    const y = new Int32Array(N);
    const W = new Float64Array(K * D);
    // Zero weights: every row's loss is log K.
    assert.ok(Math.abs(k.linearSoftmaxStep(X, null, y, null, W, null, K, null, null) - N * Math.log(K)) <= 1e-9 * N);
  } finally {
    setKernelThreads(2);
  }
  createWasmKernels('f64', { threads: 2 });
  assert.equal(kernelThreadsFallbackReason(), null);
});
