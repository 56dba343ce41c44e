import { type Dataset } from '../src/data/dataset.js';
import { denseMatrix, type DenseMatrix } from '../src/data/dense.js';
import { type Matrix, toCsr } from '../src/data/csr.js';
import { kernelsByName, type KernelName } from '../src/kernels/select.js';
import { matrixArrays, withHeldData } from '../src/kernels/held-data.js';
import { Random } from '../src/random.js';
import { type Summary, timeRuns } from './stats.js';

export interface EpochTiming {
  backend: KernelName;
  storage: string;
  ms: Summary;
}

/**
 * Milliseconds per full-batch epoch on MNIST (60,000 × 784, K = 10): scores
 * X·Wᵀ + b, softmax cross-entropy, gradient (P − T)ᵀ·X, i.e. one fused
 * linearSoftmaxStep over all rows, for each backend and storage.
 */
export function kernelEpochs(train: Dataset<DenseMatrix>, runs: number, slowRuns: number): EpochTiming[] {
  const K = 10;
  const D = train.X.cols;
  const rng = new Random(7);
  const W = Float64Array.from({ length: K * D }, () => rng.normal() * 0.01);
  const b = new Float64Array(K);
  const G = new Float64Array(K * D);
  const gb = new Float64Array(K);
  const u8 = train.X;
  const f32 = denseMatrix(Float32Array.from(u8.data, (v) => v / 255), u8.rows, u8.cols);
  const storages: Array<[string, Matrix]> = [
    ['dense uint8', u8],
    ['dense float32', f32],
    ['CSR uint8', toCsr(u8)],
  ];
  const out: EpochTiming[] = [];
  for (const backend of ['reference', 'wasm', 'wasm-f32'] as KernelName[]) {
    const k = kernelsByName(backend);
    for (const [storage, X] of storages) {
      const dense = X.kind === 'dense';
      const n = backend === 'reference' && dense ? slowRuns : runs;
      // Held as a trainer holds its data: the wasm kernels copy it in once, not at every pass.
      const { summary } = withHeldData([...matrixArrays(X), train.y], () => {
        // Warm-up: resident copy, column blocks, and V8's tier-up of the wasm functions from its baseline compiler (done in the background after a few calls).
        for (let w = 0; w < 3; w++) k.linearSoftmaxStep(X, null, train.y, null, W, b, K, G, gb);
        return timeRuns(n, () => k.linearSoftmaxStep(X, null, train.y, null, W, b, K, G, gb));
      });
      out.push({ backend, storage, ms: summary });
    }
  }
  return out;
}
