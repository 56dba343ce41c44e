/**
 * The functions the softmax-regression notebook names, with the
 * shapes it gives them. They are thin wrappers over the library's pieces, kept
 * so that a student can follow the notebook line by line. Their products run
 * on the default kernels (WebAssembly SIMD unless `ARGMAX_KERNELS` or
 * `setDefaultKernels` says otherwise), as training does: a student's gradient
 * descent loop over all of MNIST is then as fast per pass as the library's.
 */
import { type DenseMatrix, denseMatrix } from './data/dense.js';
import { type Matrix } from './data/csr.js';
import { defaultKernels } from './kernels/select.js';
import { argmaxAt, softmaxInto } from './math/softmax.js';
export { accuracy } from './metrics/classification.js';

/**
 * f(x; θ): the (N, C) matrix of class probabilities
 * fₖ(x) = exp(θₖᵀx + bₖ) / Σₘ exp(θₘᵀx + bₘ), computed with log-sum-exp.
 * W is C×D row-major; b (C) may be omitted when the bias is folded into x.
 */
export function prediction(X: Matrix, W: Float64Array, b: Float64Array | null = null): DenseMatrix {
  const C = W.length / X.cols;
  if (!Number.isInteger(C)) throw new RangeError(`W has ${W.length} values, not a multiple of D = ${X.cols}`);
  if (b && b.length !== C) throw new RangeError(`b has ${b.length} values but W has ${C} rows`);
  const Z = new Float64Array(X.rows * C);
  defaultKernels().linearForward(X, null, W, b, C, Z);
  for (let i = 0; i < X.rows; i++) softmaxInto(Z, i * C, C, Z, i * C);
  return denseMatrix(Z, X.rows, C);
}

/**
 * Checks that y holds class indices 0 … C−1, as a Dataset's y does. Why: an
 * index outside would read or write another example's entry of P or of the
 * gradient without any error (labels 1 … C, as in the formulas, are the usual slip).
 */
function checkClassIndices(y: ArrayLike<number>, C: number, fn: string): void {
  for (let i = 0; i < y.length; i++) {
    const k = y[i];
    if (!(Number.isInteger(k) && k >= 0 && k < C)) {
      throw new RangeError(`${fn}: y[${i}] is ${JSON.stringify(k)}, expected a class index 0 … ${C - 1} (C = ${C} classes; for labels 1 … C subtract 1, for other labels use a Dataset's y)`);
    }
  }
}

/** Averaged cross-entropy −(1/N) Σᵢ log P[i, yᵢ] between gold classes y (indices 0 … C−1) and probabilities P (N, C). */
export function crossEntropy(P: DenseMatrix, y: ArrayLike<number>): number {
  if (P.rows !== y.length) throw new RangeError(`P has ${P.rows} rows but y has ${y.length} labels`);
  checkClassIndices(y, P.cols, 'crossEntropy');
  let s = 0;
  for (let i = 0; i < P.rows; i++) s -= Math.log(P.data[i * P.cols + y[i]] * P.scale);
  return s / P.rows;
}

/**
 * The gradient of the averaged cross-entropy (y: class indices 0 … C−1):
 *   ∂L/∂θⱼ = (1/N) Σᵢ (fⱼ(xᵢ) − tᵢⱼ) xᵢ   → W, a (C, D) array;
 *   ∂L/∂bⱼ = (1/N) Σᵢ (fⱼ(xᵢ) − tᵢⱼ)      → b, C values.
 */
export function crossEntropyGrad(
  X: Matrix,
  y: ArrayLike<number>,
  P: DenseMatrix,
): { W: DenseMatrix; b: Float64Array } {
  const N = X.rows;
  const C = P.cols;
  if (P.rows !== N || y.length !== N) {
    throw new RangeError(`X has ${N} rows, P has ${P.rows}, y has ${y.length}; they must match`);
  }
  checkClassIndices(y, C, 'crossEntropyGrad');
  const R = new Float64Array(N * C);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < C; k++) R[i * C + k] = P.data[i * C + k] * P.scale / N;
    R[i * C + y[i]] -= 1 / N;
  }
  const G = new Float64Array(C * X.cols);
  const gb = new Float64Array(C);
  defaultKernels().linearBackward(X, null, R, C, G, gb);
  return { W: denseMatrix(G, C, X.cols), b: gb };
}

/** argmax over classes of each row of P (N, C) → N class indices. */
export function probaToClass(P: DenseMatrix): Int32Array {
  const out = new Int32Array(P.rows);
  for (let i = 0; i < P.rows; i++) out[i] = argmaxAt(P.data, i * P.cols, P.cols);
  return out;
}
