import { type Dataset } from '../data/dataset.js';
import { type ScoreLoss } from '../losses/loss.js';
import { softmaxCrossEntropy } from '../losses/softmax-cross-entropy.js';
import { binaryLogistic } from '../losses/binary-logistic.js';
import { type ScoreFunction } from '../scores/score-function.js';
import { LinearScores } from '../scores/linear.js';
import { softmaxInto } from '../math/softmax.js';
import { KRONECKER_MAX_FEATURES, KRONECKER_SAMPLE_ROWS, KroneckerPreconditioner } from '../optim/kronecker-preconditioner.js';
import { type Preconditioner } from '../optim/preconditioner.js';
import { type Objective } from './objective.js';
import { addL2Penalty, finishSecondOrder } from './l2-penalty.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';

export type Reduction = 'mean' | 'sum';

export interface RiskOptions {
  /**
   * 'mean' (default, as in the softmax-regression notebook): L(θ) = (1/n) Σᵢ wᵢ Lᵢ(θ) + (λ/2)‖W‖², n the
   * number of examples in the batch; 'sum': L(θ) = Σᵢ wᵢ Lᵢ(θ) + (λ/2)‖W‖².
   * scikit-learn's C is 'sum' with λ = 1/C.
   */
  reduction?: Reduction;
  /** λ ≥ 0, the L2 strength on penalised parameters (weights, never biases). */
  l2?: number;
  /** Per-example weights wᵢ (default all 1). */
  sampleWeight?: Float64Array | null;
  /** Use the score function's one-sweep softmax cross-entropy when it has one (default true). */
  fused?: boolean;
  /**
   * Keep the scores of the last full-batch gradient so that hessianVector and
   * hessianDiagonal work (Newton solvers); costs N×K float64 values.
   */
  secondOrder?: boolean;
  /** Rows per forward/backward chunk in full-batch passes (bounds the memory of the score matrix). */
  chunkRows?: number;
}

const RISK_OPTION_NAMES = optionNames<RiskOptions>()(['reduction', 'l2', 'sampleWeight', 'fused', 'secondOrder', 'chunkRows']);

/**
 * The empirical risk of a score function under a loss on a dataset, with an
 * L2 penalty: data + scores + loss + regularizer = objective (DESIGN.md).
 */
export class EmpiricalRisk implements Objective {
  readonly numParams: number;
  readonly reduction: Reduction;
  readonly l2: number;
  /** 1 for the parameters the L2 (and L1) penalty applies to, 0 for those it spares (biases). */
  readonly penaltyMask: Uint8Array;
  private readonly chunkRows: number;
  private readonly sampleWeight: Float64Array | null;
  private scratch: Float64Array;
  /** 0..N−1, sliced into the chunks of full-batch passes. */
  private readonly allRows: Int32Array;
  /** The score function's one-sweep softmax cross-entropy, when it has one and the loss is that. */
  private readonly fused: ScoreFunction['softmaxCrossEntropyStep'] | null;
  /**
   * Second order: θ of the last full-batch gradient and what the Hessian needs there:
   * the probabilities P (N×K) on the fused path, else the scores Z.
   */
  private retained: { values: Float64Array; theta: Float64Array } | null = null;
  private readonly secondOrder: boolean;
  /** Second order through the score function's fused softmax kernels (probabilities retained). */
  private readonly fusedSecondOrder: boolean;

  constructor(
    readonly scores: ScoreFunction,
    readonly loss: ScoreLoss,
    readonly data: Dataset,
    options: RiskOptions = {},
  ) {
    refuseUnknownOptions(options, RISK_OPTION_NAMES, 'EmpiricalRisk');
    this.numParams = scores.numParams;
    checkShapes(scores, loss, data);
    this.reduction = options.reduction ?? 'mean';
    this.l2 = options.l2 ?? 0;
    if (!(this.l2 >= 0 && Number.isFinite(this.l2))) throw new RangeError(`l2 must be a finite number ≥ 0, got ${options.l2}`);
    this.sampleWeight = options.sampleWeight ?? null;
    if (this.sampleWeight && this.sampleWeight.length !== data.X.rows) {
      throw new RangeError(`sampleWeight has ${this.sampleWeight.length} values but the data has ${data.X.rows} examples`);
    }
    this.chunkRows = options.chunkRows ?? 8192;
    this.penaltyMask = scores.penaltyMask();
    this.secondOrder = options.secondOrder ?? false;
    if (this.secondOrder && !(loss.hessianVectorOnScores && scores.jacobianVector)) {
      throw new RangeError(`secondOrder: the ${loss.name} loss or the score function has no Hessian-vector product`);
    }
    this.fusedSecondOrder =
      this.secondOrder && options.fused !== false && loss === softmaxCrossEntropy &&
      scores.softmaxCrossEntropyStep !== undefined && scores.softmaxHessianVector !== undefined;
    this.fused = !this.secondOrder && options.fused !== false && loss === softmaxCrossEntropy ? (scores.softmaxCrossEntropyStep ?? null) : null;
    if (loss.hessianDiagonalOnScores && scores.gaussNewtonDiagonal) this.hessianDiagonal = (out) => this.gaussNewtonDiagonal(out);
    this.allRows = Int32Array.from({ length: data.X.rows }, (_, i) => i);
    this.scratch = new Float64Array(Math.min(this.chunkRows, data.X.rows) * scores.numClasses);
  }

  value(theta: Float64Array): number {
    return this.evaluate(theta, null, null);
  }

  valueAndGradient(theta: Float64Array, grad: Float64Array): number {
    return this.evaluate(theta, null, grad);
  }

  /** The same objective on a minibatch of example indices (mean over the batch under 'mean'). */
  valueAndGradientOn(theta: Float64Array, rows: Int32Array, grad: Float64Array): number {
    return this.evaluate(theta, rows, grad);
  }

  private evaluate(theta: Float64Array, batch: Int32Array | null, grad: Float64Array | null): number {
    // A short vector would be read as zeros or written past silently (typed arrays do not throw).
    if (theta.length !== this.numParams) throw new RangeError(`θ has ${theta.length} values, expected ${this.numParams}`);
    if (grad && grad.length !== this.numParams) throw new RangeError(`gradient has ${grad.length} values, expected ${this.numParams}`);
    const n = batch ? batch.length : this.data.X.rows;
    if (grad) grad.fill(0);
    const retain = this.secondOrder && grad !== null && batch === null;
    if (retain) this.retained ??= { values: new Float64Array(n * this.scores.numClasses), theta: new Float64Array(theta.length) };
    const scale = this.reduction === 'mean' ? 1 / n : 1;
    // The chained pass scales ∂L/∂Z (n×K values) before the chain rule instead of the gradient
    // (every parameter) after it: the same result, far less work for networks.
    const chained = !this.fused && !(retain && this.fusedSecondOrder);
    const total = this.fused
      ? this.fused.call(this.scores, theta, this.data.X, batch, this.data.y, this.sampleWeight, grad)
      : retain && this.fusedSecondOrder
        ? this.scores.softmaxCrossEntropyStep!(theta, this.data.X, null, this.data.y, this.sampleWeight, grad, this.retained!.values)
        : this.chunkedPass(theta, batch, grad, retain ? this.retained!.values : null, scale);
    if (retain) this.retained!.theta.set(theta);
    const value = total * scale;
    if (grad && scale !== 1 && !chained) for (let p = 0; p < grad.length; p++) grad[p] *= scale;
    return value + addL2Penalty(theta, this.penaltyMask, this.l2, grad);
  }

  /** Forward, loss on scores and backward, chunk by chunk (bounds the memory of the score matrix). */
  private chunkedPass(theta: Float64Array, batch: Int32Array | null, grad: Float64Array | null, keepScores: Float64Array | null, scale: number): number {
    const K = this.scores.numClasses;
    const n = batch ? batch.length : this.data.X.rows;
    let total = 0;
    for (let start = 0; start < n; start += this.chunkRows) {
      const end = Math.min(n, start + this.chunkRows);
      const rows = (batch ?? this.allRows).subarray(start, end);
      const need = (end - start) * K;
      if (this.scratch.length < need) this.scratch = new Float64Array(need);
      const Z = this.scratch.subarray(0, need);
      this.scores.forward(theta, this.data.X, rows, Z);
      if (keepScores) keepScores.set(Z, start * K);
      total += this.loss.lossAndGradient(Z, K, this.data.y, rows, grad ? Z : null, this.sampleWeight);
      if (!grad) continue;
      if (scale !== 1) for (let t = 0; t < need; t++) Z[t] *= scale;
      this.scores.backward(theta, this.data.X, rows, Z, grad);
    }
    return total;
  }

  /**
   * H·v at the θ of the last full-batch valueAndGradient: Jᵀ (∇²_Z L) J v,
   * scaled like the objective, plus λ·v on the penalised parameters.
   */
  hessianVector(v: Float64Array, out: Float64Array): void {
    const { values, theta } = this.requireRetained('hessianVector');
    const K = this.scores.numClasses;
    const n = this.data.X.rows;
    out.fill(0);
    if (this.fusedSecondOrder) {
      this.scores.softmaxHessianVector!(theta, this.data.X, null, this.sampleWeight, values, v, out);
      finishSecondOrder(out, v, this.reduction === 'mean' ? 1 / this.data.X.rows : 1, this.penaltyMask, this.l2);
      return;
    }
    const Z = values;
    for (let start = 0; start < n; start += this.chunkRows) {
      const end = Math.min(n, start + this.chunkRows);
      const rows = this.allRows.subarray(start, end);
      const U = this.scratch.subarray(0, (end - start) * K);
      this.scores.jacobianVector!(theta, this.data.X, rows, v, U);
      this.loss.hessianVectorOnScores!(Z.subarray(start * K, end * K), K, this.data.y, rows, U, U, this.sampleWeight);
      this.scores.backward(theta, this.data.X, rows, U, out);
    }
    finishSecondOrder(out, v, this.reduction === 'mean' ? 1 / this.data.X.rows : 1, this.penaltyMask, this.l2);
  }

  /**
   * The diagonal of the (Gauss–Newton) Hessian at the θ of the last full-batch valueAndGradient;
   * undefined when the loss or the score function cannot give it (Newton then runs unpreconditioned).
   */
  readonly hessianDiagonal?: (out: Float64Array) => void;

  private gaussNewtonDiagonal(out: Float64Array): void {
    const { values } = this.requireRetained('hessianDiagonal');
    if (!this.loss.hessianDiagonalOnScores || !this.scores.gaussNewtonDiagonal) throw new Error('unreachable: no diagonal');
    const K = this.scores.numClasses;
    const n = this.data.X.rows;
    out.fill(0);
    for (let start = 0; start < n; start += this.chunkRows) {
      const end = Math.min(n, start + this.chunkRows);
      const rows = this.allRows.subarray(start, end);
      const d = this.scratch.subarray(0, (end - start) * K);
      if (this.fusedSecondOrder) {
        // From the probabilities: wᵢ pᵢₖ (1 − pᵢₖ).
        for (let t = 0; t < d.length; t++) {
          const p = values[start * K + t];
          d[t] = (this.sampleWeight ? this.sampleWeight[start + Math.floor(t / K)] : 1) * p * (1 - p);
        }
      } else {
        this.loss.hessianDiagonalOnScores(values.subarray(start * K, end * K), K, this.data.y, rows, d, this.sampleWeight);
      }
      this.scores.gaussNewtonDiagonal(this.data.X, rows, d, out);
    }
    finishSecondOrder(out, null, this.reduction === 'mean' ? 1 / this.data.X.rows : 1, this.penaltyMask, this.l2);
  }

  /**
   * For softmax regression with few features, the Kronecker preconditioner
   * (kronecker-preconditioner.ts), which sees the correlations between
   * features: 'fixed' is Böhning's bound (L-BFGS), 'refreshed' follows each
   * example's curvature at the current point (Newton–CG). Null otherwise (the
   * solvers then use the diagonal or the identity).
   */
  preconditioner(kind: 'fixed' | 'refreshed' = 'fixed'): Preconditioner | null {
    const s = this.scores;
    if (this.loss !== softmaxCrossEntropy || !(s instanceof LinearScores) || s.numFeatures + 1 > KRONECKER_MAX_FEATURES) return null;
    const K = s.numClasses;
    const N = this.data.X.rows;
    const curvature = (c: Float64Array) => {
      // cᵢ = 1 − ‖pᵢ‖², from the probabilities kept by the last full-batch gradient (or from its scores).
      const { values } = this.requireRetained('preconditioner');
      const p = new Float64Array(K);
      for (let i = 0; i < N; i++) {
        if (this.fusedSecondOrder) p.set(values.subarray(i * K, (i + 1) * K));
        else softmaxInto(values, i * K, K, p, 0);
        let q = 0;
        for (let k = 0; k < K; k++) q += p[k] * p[k];
        c[i] = 1 - q;
      }
    };
    return new KroneckerPreconditioner({
      kernels: s.kernels, X: this.data.X, sampleWeight: this.sampleWeight, numClasses: K, fitIntercept: s.fitIntercept,
      dataScale: this.reduction === 'mean' ? 1 / N : 1, l2: this.l2,
      ...(kind === 'refreshed' && this.secondOrder ? { curvature, stride: Math.max(1, Math.floor(N / KRONECKER_SAMPLE_ROWS)) } : {}),
    });
  }

  private requireRetained(what: string): { values: Float64Array; theta: Float64Array } {
    if (!this.retained) throw new Error(`${what}: call valueAndGradient on the full batch first (and create the objective with secondOrder: true)`);
    return this.retained;
  }
}

/**
 * A score function must give one score per class (one for the binary logistic
 * loss) and read the data's width: a class index past the scores would read
 * the next example's, a wrong width other features, both without an error.
 */
function checkShapes(scores: ScoreFunction, loss: ScoreLoss, data: Dataset): void {
  const K = data.labels.size;
  if (loss === binaryLogistic) {
    if (scores.numClasses !== 1) throw new RangeError(`the score function gives ${scores.numClasses} scores per example but the binary logistic loss takes 1`);
  } else if (scores.numClasses !== K) {
    throw new RangeError(`the score function gives ${scores.numClasses} scores per example but the data has ${K} classes`);
  }
  if (scores.numFeatures !== data.X.cols) {
    throw new RangeError(`the score function takes ${scores.numFeatures} features but the data has ${data.X.cols}`);
  }
}
