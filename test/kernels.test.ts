/**
 * Every WebAssembly kernel against the float64 reference, on random inputs of
 * awkward sizes: N, D, K not multiples of the lane count, empty rows, all-zero
 * columns, repeated and reordered row subsets, no bias, sample weights, and
 * class counts past the register-resident fast paths (K = 17 in f64 lanes).
 *
 * Tolerances (|a − r| ≤ tol·(1 + |r|)): 'wasm' (f64 lanes) 1e-12, since it
 * differs from the reference only in summation order; 'wasm-f32' 2e-5, about
 * 100 float32 ulps for these sums of ≤ 40 products.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { denseMatrix, type DenseMatrix } from '../src/data/dense.js';
import { type Matrix, toCsr } from '../src/data/csr.js';
import { kernelsByName, type KernelName } from '../src/kernels/select.js';
import { referenceKernels } from '../src/kernels/reference.js';
import { matrixArrays, withHeldData } from '../src/kernels/held-data.js';
import { Random } from '../src/random.js';

const TOL: Record<string, number> = { wasm: 1e-12, 'wasm-f32': 2e-5 };

function closeTo(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    const ok = Math.abs(actual[i] - expected[i]) <= tol * (1 + Math.abs(expected[i]));
    if (!ok) assert.fail(`${what}[${i}] = ${actual[i]}, reference ${expected[i]} (tolerance ${tol} relative)`);
  }
}

/** N×D data with ~60% zeros, row 1 empty and column 2 all zero. */
function awkwardData(N: number, D: number, storage: 'f64' | 'f32' | 'u8', seed: number): DenseMatrix {
  const rng = new Random(seed);
  const data = storage === 'u8' ? new Uint8Array(N * D) : storage === 'f32' ? new Float32Array(N * D) : new Float64Array(N * D);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < D; j++) {
      if (i === 1 || j === 2 || rng.next() < 0.6) continue;
      data[i * D + j] = storage === 'u8' ? 1 + rng.int(255) : rng.normal();
    }
  }
  return denseMatrix(data, N, D, storage === 'u8' ? 1 / 255 : 1);
}

const shapes = [
  { N: 9, D: 7, K: 3 },
  { N: 13, D: 31, K: 10 },
  { N: 6, D: 5, K: 17 },
  { N: 4, D: 1, K: 2 },
  { N: 7, D: 9, K: 1 },
];

for (const name of ['wasm', 'wasm-f32'] as KernelName[]) {
  for (const storage of ['f64', 'f32', 'u8'] as const) {
    for (const sparse of [false, true]) {
      test(`${name} kernels match the reference: ${sparse ? 'CSR' : 'dense'} ${storage}`, () => {
        const k = kernelsByName(name);
        const tol = TOL[name];
        for (const [s, { N, D, K }] of shapes.entries()) {
          const dense = awkwardData(N, D, storage, 100 + s);
          const X: Matrix = sparse ? toCsr(dense) : dense;
          const rng = new Random(s);
          const W = Float64Array.from({ length: K * D }, () => rng.normal());
          const b = Float64Array.from({ length: K }, () => rng.normal());
          const y = Int32Array.from({ length: N }, () => rng.int(K));
          const sw = Float64Array.from({ length: N }, () => 0.5 + rng.next());
          const subsets: (Int32Array | null)[] = [null, Int32Array.from([N - 1, 0, 1, 0]), new Int32Array(0)];
          for (const rows of subsets) {
            const n = rows ? rows.length : N;
            const where = `${N}×${D}, K=${K}, rows ${rows ? `[${rows}]` : 'all'}`;
            for (const bias of [b, null]) {
              const Zr = new Float64Array(n * K);
              const Zw = new Float64Array(n * K);
              referenceKernels.linearForward(X, rows, W, bias, K, Zr);
              k.linearForward(X, rows, W, bias, K, Zw);
              closeTo(Zw, Zr, tol, `forward ${where}`);
            }
            const R = Float64Array.from({ length: n * K }, () => rng.normal());
            const Gr = Float64Array.from({ length: K * D }, () => 1);
            const Gw = Float64Array.from(Gr);
            const gbr = new Float64Array(K);
            const gbw = new Float64Array(K);
            referenceKernels.linearBackward(X, rows, R, K, Gr, gbr);
            k.linearBackward(X, rows, R, K, Gw, gbw);
            closeTo(Gw, Gr, tol, `backward G ${where}`);
            closeTo(gbw, gbr, tol, `backward gb ${where}`);
            for (const weights of [null, sw]) {
              const G1 = new Float64Array(K * D);
              const G2 = new Float64Array(K * D);
              const g1 = new Float64Array(K);
              const g2 = new Float64Array(K);
              const P1 = new Float64Array(n * K);
              const P2 = new Float64Array(n * K);
              const l1 = referenceKernels.linearSoftmaxStep(X, rows, y, weights, W, b, K, G1, g1, P1);
              const l2 = k.linearSoftmaxStep(X, rows, y, weights, W, b, K, G2, g2, P2);
              closeTo(P2, P1, tol * 10, `softmax step probabilities ${where}`);
              const V = Float64Array.from({ length: K * D }, () => rng.normal());
              const H1 = new Float64Array(K * D);
              const H2 = new Float64Array(K * D);
              const h1 = new Float64Array(K);
              const h2 = new Float64Array(K);
              referenceKernels.linearSoftmaxHessianVector(X, rows, weights, P1, V, b, K, H1, h1);
              k.linearSoftmaxHessianVector(X, rows, weights, P1, V, b, K, H2, h2);
              closeTo(H2, H1, tol * 10, `Hessian-vector W part ${where}`);
              closeTo(h2, h1, tol * 10, `Hessian-vector b part ${where}`);
              closeTo([l2], [l1], tol * 10, `softmax step loss ${where}`);
              closeTo(G2, G1, tol * 10, `softmax step G ${where}`);
              closeTo(g2, g1, tol * 10, `softmax step gb ${where}`);
              const lossOnly = k.linearSoftmaxStep(X, rows, y, weights, W, null, K, null, null);
              const lossOnlyRef = referenceKernels.linearSoftmaxStep(X, rows, y, weights, W, null, K, null, null);
              closeTo([lossOnly], [lossOnlyRef], tol * 10, `softmax loss without bias ${where}`);
            }
          }
        }
      });
    }
  }
}

test('wasm kernels keep working when memory grows between calls', () => {
  const k = kernelsByName('wasm');
  const small = awkwardData(5, 4, 'f64', 1);
  const W = Float64Array.from({ length: 3 * 4 }, (_, i) => i / 7);
  const before = new Float64Array(15);
  k.linearForward(small, null, W, null, 3, before);
  // ~40 MB more resident data forces memory.grow, detaching old views.
  const big = denseMatrix(new Float64Array(5_000_000).fill(0.5), 1_000_000, 5);
  const Zbig = new Float64Array(3 * 2);
  k.linearForward(big, Int32Array.from([999_999, 0]), new Float64Array(3 * 5).fill(1), null, 3, Zbig);
  closeTo(Zbig, [2.5, 2.5, 2.5, 2.5, 2.5, 2.5], 0, 'big forward');
  const after = new Float64Array(15);
  k.linearForward(small, null, W, null, 3, after);
  closeTo(after, before, 0, 'small forward after growth');
});

/**
 * Inputs changed in place between calls: the WebAssembly kernels must see the
 * new values, as the reference does (they copy inputs into their own memory,
 * and a copy kept from an earlier call would be stale).
 */
for (const name of ['wasm', 'wasm-f32'] as KernelName[]) {
  for (const sparse of [false, true]) {
    test(`${name} kernels see inputs changed in place between calls (${sparse ? 'CSR' : 'dense'}, full batch and minibatch)`, () => {
      const k = kernelsByName(name);
      const tol = TOL[name];
      const N = 11, D = 6, K = 3;
      const X: Matrix = sparse ? toCsr(awkwardData(N, D, 'f64', 5)) : awkwardData(N, D, 'f64', 5);
      const values = X.kind === 'csr' ? X.values : X.data;
      const rng = new Random(3);
      const W = Float64Array.from({ length: K * D }, () => rng.normal());
      const b = Float64Array.from({ length: K }, () => rng.normal());
      const y = Int32Array.from({ length: N }, () => rng.int(K));
      const weights = Float64Array.from({ length: N }, () => 0.5 + rng.next());
      const rows = Int32Array.from([4, 0, 7, 4]);
      const both = (what: string) => {
        for (const r of [null, rows]) {
          const n = r ? r.length : N;
          const [Z1, Z2] = [new Float64Array(n * K), new Float64Array(n * K)];
          referenceKernels.linearForward(X, r, W, b, K, Z1);
          k.linearForward(X, r, W, b, K, Z2);
          closeTo(Z2, Z1, tol, `scores ${what}${r ? ' (rows)' : ''}`);
          const [G1, G2] = [new Float64Array(K * D), new Float64Array(K * D)];
          const l1 = referenceKernels.linearSoftmaxStep(X, r, y, weights, W, b, K, G1, null);
          const l2 = k.linearSoftmaxStep(X, r, y, weights, W, b, K, G2, null);
          closeTo([l2], [l1], tol, `loss ${what}${r ? ' (rows)' : ''}`);
          closeTo(G2, G1, tol, `gradient ${what}${r ? ' (rows)' : ''}`);
        }
      };
      both('before the change');
      for (let p = 0; p < values.length; p++) values[p] = values[p] * 2 + 1;
      both('after X changed');
      y.reverse();
      both('after y changed');
      weights.fill(2);
      both('after the sample weights changed');
    });
  }
}

test('wasm kernels see data changed between two holds of the same arrays', () => {
  const k = kernelsByName('wasm');
  const X = toCsr(awkwardData(9, 5, 'f64', 8));
  const W = Float64Array.from({ length: 2 * 5 }, (_, i) => Math.sin(i));
  const scores = () => {
    const [Z1, Z2] = [new Float64Array(9 * 2), new Float64Array(9 * 2)];
    withHeldData(matrixArrays(X), () => k.linearForward(X, null, W, null, 2, Z2));
    referenceKernels.linearForward(X, null, W, null, 2, Z1);
    return [Z1, Z2];
  };
  const [r1, w1] = scores();
  closeTo(w1, r1, TOL.wasm, 'first hold');
  X.values.forEach((v, p) => (X.values[p] = v - 3));
  const [r2, w2] = scores();
  closeTo(w2, r2, TOL.wasm, 'second hold, after the change');
});
