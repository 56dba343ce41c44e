import type { Matrix } from '../data/csr.js';
import { type Kernels } from '../kernels/kernels.js';
import { defaultKernels } from '../kernels/select.js';
import { type ScoreFunction } from './score-function.js';

/**
 * The linear score function of softmax regression:
 *
 *   zₖ = θₖᵀx + bₖ,   θ = [W (K×D row-major), b (K)]   (b only when fitIntercept)
 *
 * Chain rule: ∂L/∂W = dZᵀ·X and ∂L/∂b = Σᵢ dZᵢ, so with dZ = P − T this is the
 * notebook's Σᵢ (f_j(xᵢ) − t_ij) xᵢ.
 */
export class LinearScores implements ScoreFunction {
  readonly numParams: number;

  constructor(
    readonly numClasses: number,
    readonly numFeatures: number,
    readonly fitIntercept = true,
    readonly kernels: Kernels = defaultKernels(),
  ) {
    this.numParams = numClasses * numFeatures + (fitIntercept ? numClasses : 0);
  }

  /** W as a view into θ. */
  weights(theta: Float64Array): Float64Array {
    return theta.subarray(0, this.numClasses * this.numFeatures);
  }

  /** b as a view into θ, or null without an intercept. */
  bias(theta: Float64Array): Float64Array | null {
    const kd = this.numClasses * this.numFeatures;
    return this.fitIntercept ? theta.subarray(kd, kd + this.numClasses) : null;
  }

  forward(theta: Float64Array, X: Matrix, rows: Int32Array | null, Z: Float64Array): void {
    this.checkShape(theta, X);
    this.kernels.linearForward(X, rows, this.weights(theta), this.bias(theta), this.numClasses, Z);
  }

  backward(theta: Float64Array, X: Matrix, rows: Int32Array | null, dZ: Float64Array, grad: Float64Array): void {
    this.checkShape(theta, X);
    this.kernels.linearBackward(X, rows, dZ, this.numClasses, this.weights(grad), this.bias(grad));
  }

  softmaxCrossEntropyStep(
    theta: Float64Array,
    X: Matrix,
    rows: Int32Array | null,
    y: Int32Array,
    sampleWeight: Float64Array | null,
    grad: Float64Array | null,
    probabilities: Float64Array | null = null,
  ): number {
    this.checkShape(theta, X);
    return this.kernels.linearSoftmaxStep(
      X, rows, y, sampleWeight, this.weights(theta), this.bias(theta), this.numClasses,
      grad ? this.weights(grad) : null, grad ? this.bias(grad) : null, probabilities,
    );
  }

  softmaxHessianVector(
    theta: Float64Array,
    X: Matrix,
    rows: Int32Array | null,
    sampleWeight: Float64Array | null,
    probabilities: Float64Array,
    v: Float64Array,
    out: Float64Array,
  ): void {
    this.checkShape(theta, X);
    this.kernels.linearSoftmaxHessianVector(
      X, rows, sampleWeight, probabilities, this.weights(v), this.bias(v), this.numClasses, this.weights(out), this.bias(out),
    );
  }

  /** Z is linear in θ: J·v is the forward pass with v's weights and biases (no data-independent term). */
  jacobianVector(theta: Float64Array, X: Matrix, rows: Int32Array | null, v: Float64Array, out: Float64Array): void {
    this.checkShape(theta, X);
    this.kernels.linearForward(X, rows, this.weights(v), this.bias(v), this.numClasses, out);
  }

  /** diag(JᵀDJ): Σᵢ dᵢₖ x²ᵢⱼ for W[k, j] and Σᵢ dᵢₖ for b[k], through the backward kernel on X². */
  gaussNewtonDiagonal(X: Matrix, rows: Int32Array | null, d: Float64Array, out: Float64Array): void {
    // Kernels that square the entries as they read them need no squared copy of X (the largest array of a text run).
    if (this.kernels.linearBackwardSquared) this.kernels.linearBackwardSquared(X, rows, d, this.numClasses, this.weights(out), this.bias(out));
    else this.kernels.linearBackward(squaredEntries(X), rows, d, this.numClasses, this.weights(out), this.bias(out));
  }

  penaltyMask(): Uint8Array {
    const mask = new Uint8Array(this.numParams);
    mask.fill(1, 0, this.numClasses * this.numFeatures);
    return mask;
  }

  private checkShape(theta: Float64Array, X: Matrix): void {
    if (X.cols !== this.numFeatures) {
      throw new RangeError(`the data has ${X.cols} features but the model expects ${this.numFeatures}`);
    }
    if (theta.length !== this.numParams) {
      throw new RangeError(`parameter vector has ${theta.length} values, expected ${this.numParams}`);
    }
  }
}

const squares = new WeakMap<Matrix, Matrix>();

/** X with every entry squared (float64 values, scale²), cached per matrix (for kernels without linearBackwardSquared). */
function squaredEntries(X: Matrix): Matrix {
  let sq = squares.get(X);
  if (!sq) {
    const src = X.kind === 'csr' ? X.values : X.data;
    // A plain loop: Float64Array.from(typed, map) first lists every value as a boxed number (~100 MB for 3.5 M entries).
    const values = new Float64Array(src.length);
    for (let p = 0; p < src.length; p++) values[p] = src[p] * src[p];
    sq = X.kind === 'csr' ? { ...X, values, scale: X.scale * X.scale } : { ...X, data: values, scale: X.scale * X.scale };
    squares.set(X, sq);
  }
  return sq;
}
