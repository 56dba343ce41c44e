import { kernelEpochs } from '../kernel-epochs.js';
import { kernelVariants } from '../kernel-variants.js';
import { relaxedSimdSupported } from '../../src/kernels/wasm.js';
import { loadavg } from 'node:os';
import { fmtSummary } from '../stats.js';
import { type BenchContext } from '../context.js';
import { defaultKernelThreads } from '../../src/kernels/threads-node.js';

export function run({ md, train, RUNS, SLOW_RUNS }: BenchContext): void {
  // 1. Full-batch epoch per backend and storage.
  md('## Full-batch MNIST epoch: scores, softmax cross-entropy, gradient');
  md();
  md(`One pass over the 60,000 × 784 training images with K = 10: Z = X·Wᵀ + b, P = softmax(Z), loss, G = (P − T)ᵀ·X (\`linearSoftmaxStep\`). ms per epoch, ${RUNS} runs (${SLOW_RUNS} for the dense reference).`);
  md();
  const epochs = kernelEpochs(train, RUNS, SLOW_RUNS);
  const refDense = epochs.find((e) => e.backend === 'reference' && e.storage === 'dense uint8')!.ms.median;
  md('| backend | storage | ms per epoch | speed-up vs reference dense uint8 |');
  md('| --- | --- | --- | --- |');
  for (const e of epochs) md(`| ${e.backend} | ${e.storage} | ${fmtSummary(e.ms)} | ${(refDense / e.ms.median).toFixed(1)}× |`);
  md();
  md(`\`reference\`: plain TypeScript loops in float64. \`wasm\`: WebAssembly SIMD in float64 lanes (the default: agrees with the reference to rounding). \`wasm-f32\`: float32 lanes. The WebAssembly rows use the ${relaxedSimdSupported() ? 'fused multiply-add build (relaxed SIMD, enabled in Node 20 by `enableRelaxedSimd()`)' : 'plain SIMD build (this engine has no relaxed SIMD)'}; CSR rows of held data sweep column blocks.`);
  md();

  // 2. The variants of the CSR sweep, interleaved in one run.
  const runs = RUNS * 3;
  md('## Full-batch MNIST sweep in CSR: kernel variants');
  md();
  md(`CSR uint8, held (as a trainer holds its data), K = 10; one softmax step (scores, loss, gradient, probabilities kept) and one Hessian-vector product per run, ${runs} runs interleaved across the variants. Load average at the start: ${loadavg().map((l) => l.toFixed(1)).join(', ')} (2 vCPUs). ms, median (range); CPU ms of the step beside it.`);
  md();
  const variants = kernelVariants(train, runs, defaultKernelThreads());
  const base = (p: string) => variants.find((v) => v.precision === p && !v.fma && !v.blocks)!;
  md('| lanes | multiply-add | gradient | threads | softmax step ms | step CPU ms | Hessian-vector ms | step vs plain row-wise |');
  md('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const v of variants) {
    md(`| ${v.precision} | ${v.fma ? 'fused (relaxed SIMD)' : 'mul + add'} | ${v.blocks ? 'column blocks' : 'row-wise scatter'} | ${v.threads} | ${fmtSummary(v.step)} | ${fmtSummary(v.stepCpu)} | ${fmtSummary(v.hv)} | ${(base(v.precision).step.median / v.step.median).toFixed(2)}× |`);
  }
  md();
  md('Row-wise scatter: per non-zero, each vector of Gᵀ is loaded, multiply-added and stored. Column blocks: per block of rows, the scores are computed by rows, then Gᵀ[j, :] += Σᵢ x_ij Rᵢ is gathered by columns with the sums in registers (a column-major copy of the data, 3 bytes per non-zero for uint8 values, built once per training run). Threads: the full batch is cut into ≤ 8 chunks of whole blocks (by its shape only), run by the calling thread and a worker thread holding a second instance of the module on the same shared memory, their partial sums added in chunk order: the same bits as on one thread. CPU ms counts both threads. The goal is a softmax step ≤ 29 ms.');
  md();
}
