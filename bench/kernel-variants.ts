import { type Dataset } from '../src/data/dataset.js';
import { type DenseMatrix } from '../src/data/dense.js';
import { toCsr } from '../src/data/csr.js';
import { createWasmKernels, relaxedSimdSupported, type Precision } from '../src/kernels/wasm.js';
import { matrixArrays, withHeldData } from '../src/kernels/held-data.js';
import { type Kernels } from '../src/kernels/kernels.js';
import { Random } from '../src/random.js';
import { type Summary, summarize } from './stats.js';
import { setKernelThreads } from '../src/kernels/threads-node.js';

export interface VariantTiming {
  precision: Precision;
  fma: boolean;
  blocks: boolean;
  /** Threads of the sweep (a worker thread on shared memory beside the caller's). */
  threads: number;
  step: Summary;
  hv: Summary;
  stepCpu: Summary;
}

/**
 * The WebAssembly kernel variants on the full-batch MNIST sweep (CSR uint8,
 * held as a trainer holds it, K = 10): plain SIMD or the fused multiply-add
 * build, row-wise gradient scatter or column blocks, float64 or float32 lanes.
 * Milliseconds per softmax step (scores, loss, gradient) and per
 * Hessian-vector product; runs interleaved across the variants, so a spell of
 * load on the shared machine hits all of them alike. CPU time beside wall time.
 * The fastest build with column blocks also runs on `threads` threads.
 */
export function kernelVariants(train: Dataset<DenseMatrix>, runs: number, threads: number): VariantTiming[] {
  const K = 10;
  const X = toCsr(train.X);
  const D = X.cols;
  const N = X.rows;
  const rng = new Random(7);
  const W = Float64Array.from({ length: K * D }, () => rng.normal() * 0.01);
  const V = Float64Array.from({ length: K * D }, () => rng.normal() * 0.01);
  const b = new Float64Array(K);
  const G = new Float64Array(K * D);
  const gb = new Float64Array(K);
  const H = new Float64Array(K * D);
  const hb = new Float64Array(K);
  const P = new Float64Array(N * K);
  const fmaOptions = relaxedSimdSupported() ? [false, true] : [false];
  const variants: Array<{ precision: Precision; fma: boolean; blocks: boolean; threads: number; k: Kernels; step: number[]; hv: number[]; cpu: number[] }> = [];
  setKernelThreads(threads);
  for (const precision of ['f64', 'f32'] as Precision[]) {
    for (const fma of fmaOptions) {
      for (const blocks of [false, true]) {
        const k = createWasmKernels(precision, { fusedMultiplyAdd: fma, columnBlockRows: blocks ? undefined : 0, threads: 1 });
        variants.push({ precision, fma, blocks, threads: 1, k, step: [], hv: [], cpu: [] });
      }
    }
    if (threads > 1) {
      const fma = fmaOptions[fmaOptions.length - 1];
      const k = createWasmKernels(precision, { fusedMultiplyAdd: fma, threads });
      variants.push({ precision, fma, blocks: true, threads, k, step: [], hv: [], cpu: [] });
    }
  }
  withHeldData([...matrixArrays(X), train.y], () => {
    // Warm-up: resident copy, column blocks, and V8's tier-up from its baseline wasm compiler.
    for (let w = 0; w < 3; w++) {
      for (const v of variants) {
        v.k.linearSoftmaxStep(X, null, train.y, null, W, b, K, G, gb, P);
        v.k.linearSoftmaxHessianVector(X, null, null, P, V, null, K, H, hb);
      }
    }
    for (let r = 0; r < runs; r++) {
      for (const v of variants) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        v.k.linearSoftmaxStep(X, null, train.y, null, W, b, K, G, gb, P);
        const t1 = performance.now();
        const c1 = process.cpuUsage(c0);
        v.k.linearSoftmaxHessianVector(X, null, null, P, V, null, K, H, hb);
        const t2 = performance.now();
        v.step.push(t1 - t0);
        v.cpu.push((c1.user + c1.system) / 1000);
        v.hv.push(t2 - t1);
      }
    }
  });
  return variants.map((v) => ({
    precision: v.precision, fma: v.fma, blocks: v.blocks, threads: v.threads, step: summarize(v.step), hv: summarize(v.hv), stepCpu: summarize(v.cpu),
  }));
}
