import { type CsrMatrix } from '../data/csr.js';
import { type RowBlock, type RowBlocks } from '../data/row-blocks.js';
import { type LinearScores } from '../scores/linear.js';
import { type Objective } from './objective.js';
import { addL2Penalty, finishSecondOrder } from './l2-penalty.js';
import { type Reduction } from './empirical-risk.js';

export interface StreamedRiskOptions {
  /** 'sum' (Σᵢ wᵢ CEᵢ, scikit-learn's C convention) or 'mean' (divided by N); default 'mean'. */
  reduction?: Reduction;
  /** λ ≥ 0 on the weights (never the biases). */
  l2?: number;
  /** The weight of each class's examples, wᵢ = classWeight[yᵢ] (balanced class weights), or null: all 1. */
  classWeight?: Float64Array | null;
  /** Keep each example's probabilities (N×K float64) at the last full gradient, for Newton's Hessian products. */
  secondOrder?: boolean;
}

/**
 * The softmax regression objective of EmpiricalRisk, summed block by block
 * over examples that are not held in memory (a disk cache, row-cache.ts):
 *
 *   L(θ) = s · Σ_blocks Σ_{i ∈ block} wᵢ CE(W xᵢ + b, yᵢ) + (λ/2)‖W‖²,  s = 1 ('sum') or 1/N ('mean'),
 *
 * with its gradient, Hessian-vector product and Gauss–Newton diagonal summed
 * the same way. Each is a sum over examples, so the blocks give the same value
 * as one in-memory pass up to the order of the floating-point additions.
 *
 * Newton keeps the probabilities P (N×K) of the last full gradient in memory:
 * for text K is small (N·K·8 bytes, ~45 MB for 2 M documents and 3 classes),
 * far less than the data, and recomputing them would cost one more pass over
 * the blocks per Hessian-vector product.
 */
export class StreamedRisk implements Objective {
  readonly numParams: number;
  readonly reduction: Reduction;
  readonly l2: number;
  readonly penaltyMask: Uint8Array;
  private readonly classWeight: Float64Array | null;
  private readonly retained: Float64Array | null;
  private retainedValid = false;
  private weights = new Float64Array(0);
  private curvature = new Float64Array(0);
  private squares = new Float64Array(0);

  constructor(
    readonly scores: LinearScores,
    readonly data: RowBlocks,
    options: StreamedRiskOptions = {},
  ) {
    if (data.cols !== scores.numFeatures) throw new RangeError(`the data has ${data.cols} features but the model expects ${scores.numFeatures}`);
    const labelled = data.classCounts.reduce((s, c) => s + c, 0);
    if (labelled !== data.rows) throw new RangeError(`${data.rows - labelled} of the ${data.rows} examples have no label; training needs a label on every example`);
    if (data.classCounts.length > scores.numClasses) throw new RangeError(`the data has labels up to class ${data.classCounts.length - 1}, the model ${scores.numClasses} classes`);
    this.numParams = scores.numParams;
    this.reduction = options.reduction ?? 'mean';
    this.l2 = options.l2 ?? 0;
    if (!(this.l2 >= 0 && Number.isFinite(this.l2))) throw new RangeError(`l2 must be a finite number ≥ 0, got ${options.l2}`);
    this.classWeight = options.classWeight ?? null;
    if (this.classWeight && this.classWeight.length !== scores.numClasses) throw new RangeError(`classWeight has ${this.classWeight.length} values, expected one per class (${scores.numClasses})`);
    this.penaltyMask = scores.penaltyMask();
    this.retained = options.secondOrder ? new Float64Array(data.rows * scores.numClasses) : null;
    if (this.retained) this.hessianVector = (v, out) => this.hessianVectorProduct(v, out);
    if (this.retained) this.hessianDiagonal = (out) => this.gaussNewtonDiagonal(out);
  }

  value(theta: Float64Array): number {
    return this.evaluate(theta, null);
  }

  valueAndGradient(theta: Float64Array, grad: Float64Array): number {
    return this.evaluate(theta, grad);
  }

  readonly hessianVector?: (v: Float64Array, out: Float64Array) => void;
  readonly hessianDiagonal?: (out: Float64Array) => void;

  private evaluate(theta: Float64Array, grad: Float64Array | null): number {
    const K = this.scores.numClasses;
    if (grad) grad.fill(0);
    const P = grad ? this.retained : null;
    let total = 0;
    this.data.forEachBlock((b) => {
      const probabilities = P ? P.subarray(b.firstRow * K, (b.firstRow + b.X.rows) * K) : null;
      total += this.scores.softmaxCrossEntropyStep(theta, b.X, null, b.y, this.weightsOf(b), grad, probabilities);
    });
    if (P) this.retainedValid = true;
    const scale = this.scale();
    const value = total * scale;
    if (grad && scale !== 1) for (let p = 0; p < grad.length; p++) grad[p] *= scale;
    return value + addL2Penalty(theta, this.penaltyMask, this.l2, grad);
  }

  /** H·v at the θ of the last valueAndGradient: Σ_blocks wᵢ (diag(pᵢ) − pᵢpᵢᵀ)(V xᵢ + vb) xᵢᵀ, scaled, + λv. */
  private hessianVectorProduct(v: Float64Array, out: Float64Array): void {
    const P = this.requireRetained('hessianVector');
    const K = this.scores.numClasses;
    out.fill(0);
    this.data.forEachBlock((b) => {
      const probabilities = P.subarray(b.firstRow * K, (b.firstRow + b.X.rows) * K);
      const s = this.scores;
      s.kernels.linearSoftmaxHessianVector(b.X, null, this.weightsOf(b), probabilities, s.weights(v), s.bias(v), K, s.weights(out), s.bias(out));
    });
    finishSecondOrder(out, v, this.scale(), this.penaltyMask, this.l2);
  }

  /** diag of the Gauss–Newton Hessian: Σᵢ wᵢ pᵢₖ(1 − pᵢₖ) x²ᵢⱼ for W[k, j] (and without x² for b[k]), scaled, + λ. */
  private gaussNewtonDiagonal(out: Float64Array): void {
    const P = this.requireRetained('hessianDiagonal');
    const K = this.scores.numClasses;
    out.fill(0);
    this.data.forEachBlock((b) => {
      const n = b.X.rows;
      const w = this.weightsOf(b);
      if (this.curvature.length < n * K) this.curvature = new Float64Array(n * K);
      const d = this.curvature.subarray(0, n * K);
      for (let t = 0; t < n * K; t++) {
        const p = P[b.firstRow * K + t];
        d[t] = (w ? w[Math.floor(t / K)] : 1) * p * (1 - p);
      }
      const s = this.scores;
      s.kernels.linearBackward(this.squaredBlock(b.X), null, d, K, s.weights(out), s.bias(out));
    });
    finishSecondOrder(out, null, this.scale(), this.penaltyMask, this.l2);
  }

  /** The block with its entries squared (as LinearScores.gaussNewtonDiagonal does), in a reused buffer. */
  private squaredBlock(X: CsrMatrix): CsrMatrix {
    const nnz = X.indptr[X.rows];
    if (this.squares.length < nnz) this.squares = new Float64Array(nnz);
    const values = this.squares.subarray(0, nnz);
    for (let p = 0; p < nnz; p++) values[p] = X.values[p] * X.values[p];
    return { ...X, values, scale: X.scale * X.scale };
  }

  /** Per-example weights of a block (its labels' class weights), in a reused buffer; null when all are 1. */
  private weightsOf(b: RowBlock): Float64Array | null {
    if (!this.classWeight) return null;
    const n = b.X.rows;
    if (this.weights.length < n) this.weights = new Float64Array(n);
    const w = this.weights.subarray(0, n);
    for (let i = 0; i < n; i++) w[i] = this.classWeight[b.y[i]];
    return w;
  }

  private scale(): number {
    return this.reduction === 'mean' ? 1 / this.data.rows : 1;
  }

  private requireRetained(what: string): Float64Array {
    if (!this.retained || !this.retainedValid) throw new Error(`${what}: call valueAndGradient first (and create the objective with secondOrder: true)`);
    return this.retained;
  }
}
