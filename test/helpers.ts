import { denseMatrix, type DenseMatrix } from '../src/data/dense.js';
import { type Dataset } from '../src/data/dataset.js';
import { LabelTable } from '../src/data/labels.js';
import { Random } from '../src/random.js';

/** Seeded Gaussian features (float64) and labels drawn from a random linear model, so classes are learnable. */
export function randomDataset(n: number, d: number, k: number, seed: number): Dataset<DenseMatrix> {
  const rng = new Random(seed);
  const X = new Float64Array(n * d);
  for (let p = 0; p < X.length; p++) X[p] = rng.normal();
  const Wtrue = new Float64Array(k * d);
  for (let p = 0; p < Wtrue.length; p++) Wtrue[p] = rng.normal();
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < k; c++) {
      let s = rng.normal() * 0.5;
      for (let j = 0; j < d; j++) s += Wtrue[c * d + j] * X[i * d + j];
      if (s > bestScore) [best, bestScore] = [c, s];
    }
    y[i] = best;
  }
  return { X: denseMatrix(X, n, d), y, labels: new LabelTable(Array.from({ length: k }, (_, c) => c)) };
}

export function randomVector(n: number, seed: number, scale = 1): Float64Array {
  const rng = new Random(seed);
  return Float64Array.from({ length: n }, () => rng.normal() * scale);
}

export function toArray(m: DenseMatrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols), (v) => v * m.scale));
}

/** Asserts |a − b| ≤ tol elementwise, naming the first index that differs. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what = 'value'): void {
  if (actual.length !== expected.length) throw new Error(`${what}: length ${actual.length}, expected ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
      throw new Error(`${what}[${i}] = ${actual[i]}, expected ${expected[i]} ± ${tol}`);
    }
  }
}
