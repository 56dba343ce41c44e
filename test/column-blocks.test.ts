/**
 * The full-batch sweeps over column blocks (held CSR data: forward by rows,
 * gradient gathered by columns) and the fused multiply-add module (built with
 * WebAssembly relaxed SIMD), each against the float64 reference: softmax step
 * (loss, G, gb, probabilities) and Hessian-vector product, for blocks of 4
 * rows (several blocks, the last one partial) and the default block size;
 * K = 1, 3, 10, 17 (one lane vector to past the register fast path).
 *
 * Tolerances (|a − r| ≤ tol·(1 + |r|)) as in kernels.test.ts, ×10 for the
 * softmax quantities: f64 lanes 1e-12, f32 lanes 2e-5. relaxed_madd rounds
 * once where the hardware fuses the multiply-add and twice where it does not;
 * either way the sums differ from the reference's only by rounding, which these
 * tolerances cover, so the same test holds on every machine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { denseMatrix } from '../src/data/dense.js';
import { toCsr, type CsrMatrix } from '../src/data/csr.js';
import { createWasmKernels, relaxedSimdSupported, type Precision } from '../src/kernels/wasm.js';
import { enableRelaxedSimd } from '../src/kernels/relaxed-simd-node.js';
import { referenceKernels } from '../src/kernels/reference.js';
import { matrixArrays, withHeldData } from '../src/kernels/held-data.js';
import { Random } from '../src/random.js';

const TOL: Record<Precision, number> = { f64: 1e-12, f32: 2e-5 };

function closeTo(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tol * (1 + Math.abs(expected[i])))) {
      assert.fail(`${what}[${i}] = ${actual[i]}, reference ${expected[i]} (tolerance ${tol} relative)`);
    }
  }
}

/** N×D sparse data (~60% zeros; row 1 empty, column 2 all zero) in CSR with the given value type. */
function sparseData(N: number, D: number, storage: 'u8' | 'f32' | 'f64', seed: number): CsrMatrix {
  const rng = new Random(seed);
  const data = storage === 'u8' ? new Uint8Array(N * D) : storage === 'f32' ? new Float32Array(N * D) : new Float64Array(N * D);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < D; j++) {
      if (i === 1 || j === 2 || rng.next() < 0.6) continue;
      data[i * D + j] = storage === 'u8' ? 1 + rng.int(255) : rng.normal();
    }
  }
  return toCsr(denseMatrix(data, N, D, storage === 'u8' ? 1 / 255 : 1));
}

const fmaAvailable = enableRelaxedSimd();

test('relaxed SIMD is detected as the engine reports it', () => {
  assert.equal(relaxedSimdSupported(), fmaAvailable);
});

for (const fma of [false, true]) {
  for (const precision of ['f64', 'f32'] as Precision[]) {
    for (const blockRows of [4, undefined]) {
      const label = `${fma ? 'fused multiply-add' : 'plain SIMD'}, ${precision} lanes, ${blockRows ?? 'default'} rows per block`;
      test(`column-block sweeps of held CSR data match the reference (${label})`, { skip: fma && !fmaAvailable ? 'this engine has no relaxed SIMD' : false }, () => {
        const k = createWasmKernels(precision, { fusedMultiplyAdd: fma, columnBlockRows: blockRows });
        for (const [s, { N, D, K }] of [
          // Blocks of 4 rows are used when they hold more entries than columns: N·D·0.4 > (N/4)·(D+1) here;
          // the default size (one block) only in the last case, with ≥ 16 entries per column: 240·5·0.4 ≥ 16·6.
          { N: 41, D: 9, K: 3 },
          { N: 37, D: 31, K: 10 },
          { N: 30, D: 6, K: 17 },
          { N: 23, D: 4, K: 1 },
          { N: 240, D: 5, K: 3 },
        ].entries()) {
          for (const storage of ['u8', 'f32', 'f64'] as const) {
            const X = sparseData(N, D, storage, 40 + s);
            const rng = new Random(s);
            const W = Float64Array.from({ length: K * D }, () => rng.normal());
            const b = Float64Array.from({ length: K }, () => rng.normal());
            const V = Float64Array.from({ length: K * D }, () => rng.normal());
            const y = Int32Array.from({ length: N }, () => rng.int(K));
            const sw = Float64Array.from({ length: N }, () => 0.5 + rng.next());
            for (const weights of [null, sw]) {
              for (const bias of [b, null]) {
                const where = `${N}×${D} ${storage}, K=${K}, ${weights ? 'weighted' : 'unweighted'}, ${bias ? 'bias' : 'no bias'}`;
                const G1 = new Float64Array(K * D), g1 = new Float64Array(K), P1 = new Float64Array(N * K);
                const l1 = referenceKernels.linearSoftmaxStep(X, null, y, weights, W, bias, K, G1, g1, P1);
                const H1 = new Float64Array(K * D), h1 = new Float64Array(K);
                referenceKernels.linearSoftmaxHessianVector(X, null, weights, P1, V, bias, K, H1, h1);
                const G2 = new Float64Array(K * D), g2 = new Float64Array(K), P2 = new Float64Array(N * K);
                const H2 = new Float64Array(K * D), h2 = new Float64Array(K);
                // Held, as a training run holds its data: the case that sweeps column blocks. Twice, so the second call reuses them.
                for (let rep = 0; rep < 2; rep++) {
                  G2.fill(0), g2.fill(0), H2.fill(0), h2.fill(0);
                  const l2 = withHeldData([...matrixArrays(X), y, ...(weights ? [weights] : [])], () => {
                    const loss = k.linearSoftmaxStep(X, null, y, weights, W, bias, K, G2, g2, P2);
                    k.linearSoftmaxHessianVector(X, null, weights, P1, V, bias, K, H2, h2);
                    return loss;
                  });
                  const tol = TOL[precision] * 10;
                  closeTo([l2], [l1], tol, `loss ${where}`);
                  closeTo(G2, G1, tol, `G ${where}`);
                  closeTo(g2, g1, tol, `gb ${where}`);
                  closeTo(P2, P1, tol, `probabilities ${where}`);
                  closeTo(H2, H1, tol, `Hessian-vector W part ${where}`);
                  closeTo(h2, h1, tol, `Hessian-vector b part ${where}`);
                }
              }
            }
          }
        }
      });
    }
  }
}

for (const precision of ['f64', 'f32'] as Precision[]) {
  test(`the fused multiply-add module's row-wise kernels match the reference (${precision} lanes, minibatch and data not held)`, { skip: fmaAvailable ? false : 'this engine has no relaxed SIMD' }, () => {
    const k = createWasmKernels(precision, { fusedMultiplyAdd: true });
    const N = 11, D = 13, K = 10;
    const X = sparseData(N, D, 'u8', 3);
    const rng = new Random(9);
    const W = Float64Array.from({ length: K * D }, () => rng.normal());
    const y = Int32Array.from({ length: N }, () => rng.int(K));
    for (const rows of [null, Int32Array.from([3, 0, 10, 3])]) {
      const n = rows ? rows.length : N;
      const G1 = new Float64Array(K * D), G2 = new Float64Array(K * D), P1 = new Float64Array(n * K), P2 = new Float64Array(n * K);
      const l1 = referenceKernels.linearSoftmaxStep(X, rows, y, null, W, null, K, G1, null, P1);
      const l2 = k.linearSoftmaxStep(X, rows, y, null, W, null, K, G2, null, P2);
      const tol = TOL[precision] * 10;
      closeTo([l2], [l1], tol, `loss rows ${rows ?? 'all'}`);
      closeTo(G2, G1, tol, `G rows ${rows ?? 'all'}`);
      closeTo(P2, P1, tol, `probabilities rows ${rows ?? 'all'}`);
    }
  });
}
