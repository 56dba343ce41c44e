/**
 * How the kernels hold training data without extra copies:
 *
 * - linearBackwardSquared (the Gauss–Newton diagonal) squares the entries as
 *   it reads them; it must give the same bits as linearBackward on a float64
 *   copy of X with its entries squared (scale²), which is what it replaces:
 *   same products, same order of sums. Every backend, dense and CSR, u8 / f32
 *   / f64 values, held data and minibatches of data not held.
 * - moveIntoKernelMemory moves a matrix into the kernels' shared memory: the
 *   moved matrix has the same values, the kernels give the same bits on it as
 *   on the original, its views survive the memory's growth, and a held call on
 *   it copies nothing (the memory does not grow by the data's size).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { denseMatrix, type DenseMatrix } from '../src/data/dense.js';
import { type Matrix, toCsr } from '../src/data/csr.js';
import { createWasmKernels } from '../src/kernels/wasm.js';
import { type Kernels } from '../src/kernels/kernels.js';
import { referenceKernels } from '../src/kernels/reference.js';
import { matrixArrays, withHeldData } from '../src/kernels/held-data.js';
import { setKernelThreads } from '../src/kernels/threads-node.js';
import { Random } from '../src/random.js';

setKernelThreads(2);

/** n×D data, ~70% zeros, row 1 empty. */
function data(n: number, D: number, storage: 'f64' | 'f32' | 'u8', seed: number): DenseMatrix {
  const rng = new Random(seed);
  const values = storage === 'u8' ? new Uint8Array(n * D) : storage === 'f32' ? new Float32Array(n * D) : new Float64Array(n * D);
  for (let p = 0; p < n * D; p++) if (Math.floor(p / D) !== 1 && rng.next() < 0.3) values[p] = storage === 'u8' ? 1 + rng.int(255) : rng.normal();
  return denseMatrix(values, n, D, storage === 'u8' ? 1 / 255 : 1);
}

/** X with every entry squared into float64 values, scale² (what the diagonal used before). */
function squaredCopy(X: Matrix): Matrix {
  const src = X.kind === 'csr' ? X.values : X.data;
  const values = new Float64Array(src.length);
  for (let p = 0; p < src.length; p++) values[p] = src[p] * src[p];
  return X.kind === 'csr' ? { ...X, values, scale: X.scale * X.scale } : { ...X, data: values, scale: X.scale * X.scale };
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.fail(`${what}[${i}]: ${a[i]} squared on the fly, ${b[i]} from the squared copy`);
}

const backends: Array<[string, () => Kernels]> = [
  ['reference', () => referenceKernels],
  ['wasm', () => createWasmKernels('f64', { threads: 1 })],
  ['wasm-f32', () => createWasmKernels('f32', { threads: 1 })],
];

for (const [name, make] of backends) {
  for (const storage of ['u8', 'f32', 'f64'] as const) {
    test(`${name}: linearBackwardSquared equals linearBackward on a squared copy bit for bit (${storage} values)`, () => {
      const k = make();
      for (const [s, { n, D, K }] of [{ n: 30, D: 11, K: 3 }, { n: 17, D: 40, K: 10 }, { n: 9, D: 5, K: 1 }].entries()) {
        const dense = data(n, D, storage, 7 + s);
        for (const X of [dense, toCsr(dense)] as Matrix[]) {
          const rng = new Random(s);
          const rows = Int32Array.from([4, 0, 2, 2, n - 1, 1]);
          for (const [used, held] of [[null, true], [rows, true], [rows, false]] as Array<[Int32Array | null, boolean]>) {
            const m = used ? used.length : n;
            const R = Float64Array.from({ length: m * K }, () => rng.next());
            const G1 = Float64Array.from({ length: K * D }, () => rng.normal()), g1 = Float64Array.from({ length: K }, () => rng.normal());
            const G2 = G1.slice(), g2 = g1.slice();
            const X2 = squaredCopy(X);
            const run = () => {
              k.linearBackwardSquared!(X, used, R, K, G1, g1);
              k.linearBackward(X2, used, R, K, G2, g2);
            };
            // Both held or neither: the kernels take the same path for both (K = 1 minibatches of data not held run the reference loops).
            if (held) withHeldData([...matrixArrays(X), ...matrixArrays(X2)], run);
            else run();
            const where = `${X.kind} ${n}×${D}, K=${K}, ${used ? 'rows' : 'all rows'}, ${held ? 'held' : 'not held'}`;
            sameBits(G1, G2, `G (${where})`);
            sameBits(g1, g2, `gb (${where})`);
          }
        }
      }
    });
  }
}

test('moveIntoKernelMemory: the same values, the same bits from the kernels, views that survive growth, no copy per hold', () => {
  const k = createWasmKernels('f64', { threads: 2 });
  const memory = (k as unknown as { x: { memory: WebAssembly.Memory } }).x.memory;
  const N = 2000, D = 300, K = 3;
  const X = toCsr(data(N, D, 'f64', 3));
  const moved = k.moveIntoKernelMemory!(X);
  assert.ok(moved && moved.kind === 'csr', 'the threaded kernels take the matrix');
  assert.ok(moved.values.buffer instanceof SharedArrayBuffer, 'the moved arrays are views of the shared memory');
  assert.deepEqual(Array.from(moved.indptr), Array.from(X.indptr));
  assert.deepEqual(Array.from(moved.indices), Array.from(X.indices));
  assert.deepEqual(Array.from(moved.values), Array.from(X.values));

  const rng = new Random(5);
  const W = Float64Array.from({ length: K * D }, () => rng.normal() * 0.1);
  const y = Int32Array.from({ length: N }, () => rng.int(K));
  const step = (M: Matrix) => {
    const G = new Float64Array(K * D), gb = new Float64Array(K);
    const loss = withHeldData([...matrixArrays(M), y], () => k.linearSoftmaxStep(M, null, y, null, W, null, K, G, gb));
    return { loss, G, gb };
  };
  const before = memory.buffer.byteLength;
  const onMoved = step(moved);
  const grown = memory.buffer.byteLength - before;
  const dataBytes = X.values.byteLength + X.indices.byteLength;
  assert.ok(grown < dataBytes, `a held call on the moved matrix grew the memory by ${grown} bytes, the data has ${dataBytes}: it was copied`);
  const onOriginal = step(X);
  sameBits([onMoved.loss], [onOriginal.loss], 'loss');
  sameBits(onMoved.G, onOriginal.G, 'G');
  sameBits(onMoved.gb, onOriginal.gb, 'gb');

  // Grow the memory well past its size (a large call on other data): the views still read the data.
  const big = toCsr(data(3000, 2000, 'f64', 9));
  k.linearForward(big, null, new Float64Array(K * 2000), null, K, new Float64Array(3000 * K));
  assert.ok(memory.buffer.byteLength > before + big.values.byteLength, 'the memory grew');
  assert.deepEqual(Array.from(moved.values), Array.from(X.values));
  sameBits([step(moved).loss], [onOriginal.loss], 'loss after growth');
});

test('moveIntoKernelMemory: kernels on a memory whose views growth would detach decline', () => {
  assert.equal(createWasmKernels('f64', { threads: 1 }).moveIntoKernelMemory!(toCsr(data(10, 4, 'f64', 1))), null);
  assert.equal(referenceKernels.moveIntoKernelMemory, undefined);
});
