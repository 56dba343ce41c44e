import { kernelEpochs } from '../kernel-epochs.js';
import { fmtSummary } from '../stats.js';
import { type BenchContext } from '../context.js';

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
  md('`reference`: plain TypeScript loops in float64. `wasm`: WebAssembly SIMD in float64 lanes (the default: agrees with the reference to rounding). `wasm-f32`: float32 lanes.');
  md();
}
