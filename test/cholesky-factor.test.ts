/**
 * The Cholesky factor the WebAssembly kernels keep in their memory for the
 * Kronecker preconditioner (src/kernels/wasm-cholesky.ts, assembly/kronecker.ts):
 * its solves agree with the float64 reference, equal bit for bit a float64
 * model of the same arithmetic (row-oriented factorization with two-lane dot
 * products, substitutions that multiply by 1/L[i][i]) on one thread and on two
 * (blocked factorization), stay right when two factors share the resident
 * block, and name the pivot of a matrix that is not positive definite. The
 * Gram matrix split across threads equals the one-thread sum bit for bit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCsr } from '../src/data/csr.js';
import { denseMatrix } from '../src/data/dense.js';
import { type Kernels } from '../src/kernels/kernels.js';
import { referenceKernels } from '../src/kernels/reference.js';
import { createWasmKernels } from '../src/kernels/wasm.js';
import { setKernelThreads } from '../src/kernels/threads-node.js';
import { Random } from '../src/random.js';

setKernelThreads(2);

/** A symmetric positive definite n×n matrix: G Gᵀ/n + I for a random G (eigenvalues in [1, ~5]). */
function spd(n: number, seed: number): Float64Array {
  const rng = new Random(seed);
  const G = Float64Array.from({ length: n * n }, () => rng.normal());
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += G[i * n + t] * G[j * n + t];
      A[i * n + j] = A[j * n + i] = s / n + (i === j ? 1 : 0);
    }
  }
  return A;
}

function rhs(count: number, n: number, seed: number): Float64Array {
  const rng = new Random(seed);
  return Float64Array.from({ length: count * n }, () => rng.normal());
}

/**
 * The float64 model of the wasm arithmetic: L[i][j] = (A[i][j] − dot) / L[j][j]
 * with dot = (Σ even-position products + Σ odd-position products) + the last
 * product when j is odd; the solves subtract in order (forward: j ascending,
 * backward: j descending) and multiply by 1/L[i][i].
 */
function modelSolve(A: Float64Array, n: number, B: Float64Array, count: number): Float64Array {
  const L = A.slice();
  const dot = (ri: number, rj: number, m: number) => {
    let e = 0;
    let o = 0;
    let k = 0;
    for (; k + 1 < m; k += 2) {
      e += L[ri + k] * L[rj + k];
      o += L[ri + k + 1] * L[rj + k + 1];
    }
    let s = e + o;
    if (k < m) s += L[ri + k] * L[rj + k];
    return s;
  };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const sum = L[i * n + j] - dot(i * n, j * n, j);
      L[i * n + j] = i === j ? Math.sqrt(sum) : sum / L[j * n + j];
    }
  }
  const Z = B.slice();
  for (let c = 0; c < count; c++) {
    const z = Z.subarray(c * n, (c + 1) * n);
    for (let i = 0; i < n; i++) {
      let a = z[i];
      for (let j = 0; j < i; j++) a -= L[i * n + j] * z[j];
      z[i] = a * (1 / L[i * n + i]);
    }
    for (let i = n - 1; i >= 0; i--) {
      let a = z[i];
      for (let j = n - 1; j > i; j--) a -= L[j * n + i] * z[j];
      z[i] = a * (1 / L[i * n + i]);
    }
  }
  return Z;
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.fail(`${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

const one = createWasmKernels('f64', { threads: 1 });
// threadMinWork 0: the Gram matrix goes to the threads however small; the factorization is blocked from order 256 on.
const two = createWasmKernels('f64', { threads: 2, threadMinWork: 0 });

// n = 300: blocked on two threads (≥ 4 blocks of 64 rows), with a last partial block; counts 10 (5 vectors:
// one pass), 3 (padded to 4), 13 (7 vectors: groups of 4 and 3); n = 37: one call on any thread count.
for (const n of [37, 300]) {
  test(`wasm resident Cholesky factor (order ${n}): solves match the float64 reference within 1e-10 and the float64 model of its arithmetic bit for bit, on 1 and 2 threads`, () => {
    const A = spd(n, n);
    const ref = referenceKernels.choleskyFactor(n);
    ref.factor(A);
    for (const kernels of [one, two]) {
      const F = kernels.choleskyFactor(n);
      const before = A.slice();
      F.factor(A);
      sameBits(A, before, 'A after factor (left as it was)');
      for (const count of [10, 3, 13]) {
        const B = rhs(count, n, 7 + count);
        const Z = B.slice();
        F.solveRows(Z, count);
        sameBits(Z, modelSolve(A, n, B, count), `solve (${count} right-hand sides)`);
        const R = B.slice();
        ref.solveRows(R, count);
        // Both in float64 on a matrix with eigenvalues in [1, ~5]: the orders of the sums differ, errors are ~n·ε·‖z‖.
        for (let p = 0; p < Z.length; p++) assert.ok(Math.abs(Z[p] - R[p]) <= 1e-10 * (1 + Math.abs(R[p])), `z[${p}] = ${Z[p]}, reference ${R[p]}`);
      }
    }
  });
}

test('two wasm factors of the same order share one resident block: each solve uses its own factor', () => {
  const n = 300;
  const A1 = spd(n, 1);
  const A2 = spd(n, 2);
  const F1 = two.choleskyFactor(n);
  const F2 = two.choleskyFactor(n);
  F1.factor(A1);
  F2.factor(A2);
  const B = rhs(10, n, 3);
  for (const [F, A, what] of [[F1, A1, 'first'], [F2, A2, 'second'], [F1, A1, 'first again']] as const) {
    const Z = B.slice();
    F.solveRows(Z, 10);
    sameBits(Z, modelSolve(A, n, B, 10), `${what} factor's solve`);
  }
});

test('choleskyFactor names the pivot of a matrix that is not positive definite (reference, wasm one call, wasm blocked)', () => {
  for (const [kernels, n] of [[referenceKernels, 8], [one, 8], [two, 300]] as Array<[Kernels, number]>) {
    const A = spd(n, 5);
    // Row 5 (or 200) made a copy of row 3 (150): the pivot there is 0 up to rounding, then A's diagonal lowered below it.
    const [bad, copy] = n === 8 ? [5, 3] : [200, 150];
    for (let j = 0; j < n; j++) {
      A[bad * n + j] = A[copy * n + j];
      A[j * n + bad] = A[j * n + copy];
    }
    A[bad * n + bad] = A[copy * n + copy] - 0.5;
    assert.throws(() => kernels.choleskyFactor(n).factor(A), new RegExp(`not positive definite \\(pivot ${bad}`), kernels.name);
  }
});

test('the Gram matrix on two threads equals one thread bit for bit (dense and CSR, uint8, weights, stride)', () => {
  const rng = new Random(9);
  const rows = 500;
  const cols = 30;
  const values = new Uint8Array(rows * cols);
  for (let p = 0; p < values.length; p++) if (rng.next() < 0.3) values[p] = 1 + rng.int(255);
  const dense = denseMatrix(values, rows, cols, 1 / 255);
  const c = Float64Array.from({ length: rows }, () => rng.next());
  for (const X of [dense, toCsr(dense)]) {
    for (const [w, stride] of [[null, 1], [c, 3]] as const) {
      sameBits(two.gram(X, w, true, stride), one.gram(X, w, true, stride), `${X.kind} gram, stride ${stride}`);
    }
  }
});
