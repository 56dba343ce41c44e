import type { Matrix } from '../data/csr.js';
import { type Preconditioner } from './preconditioner.js';
import { type CholeskyFactor, type Kernels } from '../kernels/kernels.js';

/** Features (plus the bias column) up to which the Kronecker preconditioner is built: its set-up costs O(D³). */
export const KRONECKER_MAX_FEATURES = 1024;

/**
 * Rows sampled (every t-th) for the refreshed Gram matrix: enough to estimate
 * a ~1000×1000 matrix, at a fraction of a Hessian-vector product's cost per
 * refresh on MNIST (4,096 of 60,000 rows: Σ nnz² / 2 ≈ 46 M multiply-adds).
 */
export const KRONECKER_SAMPLE_ROWS = 4096;

export interface KroneckerOptions {
  /** Gram matrix, Cholesky factor and solves run on these kernels. */
  kernels: Kernels;
  X: Matrix;
  sampleWeight: Float64Array | null;
  numClasses: number;
  fitIntercept: boolean;
  /** The objective's factor on the data term: 1/n for a mean, 1 for a sum. */
  dataScale: number;
  /** λ of the L2 penalty on the weights. */
  l2: number;
  /**
   * When given, M is refreshed at every Newton iteration from the curvature of
   * each example at the current point, cᵢ = 1 − ‖pᵢ‖² (the trace of
   * diag(pᵢ) − pᵢpᵢᵀ), written into c (N values): Γᵢ ≈ cᵢ/(K − 1)·(I − 11ᵀ/K),
   * exact at uniform pᵢ, in place of Böhning's fixed ½.
   */
  curvature?: (c: Float64Array) => void;
  /** Gram matrix from every stride-th row only (default 1: all rows). */
  stride?: number;
}

/**
 * Böhning's bound on the softmax cross-entropy Hessian of a linear model as a
 * preconditioner (Böhning 1992): for every example the Hessian on its scores,
 * diag(p) − ppᵀ, is ≼ ½(I − 11ᵀ/K), so with x̃ = [x, 1]
 *
 *   H ≼ M = c · ½(I − 11ᵀ/K) ⊗ Σᵢ wᵢ x̃ᵢx̃ᵢᵀ + λ I      (c = the data scale)
 *
 * which sees the correlations between features (pixels) that a diagonal
 * preconditioner misses. M does not depend on θ, so it is built once: the
 * Gram matrix S = Σ wᵢ x̃ᵢx̃ᵢᵀ (D̃×D̃) and the Cholesky factor of ½cS + λI.
 *
 * Solving: the class-mean direction (I − 11ᵀ/K has eigenvalue 0 on 1, 1 on
 * its complement) is split off. Writing the parameters as the K×D̃ matrix R
 * (row k = [Wₖ, bₖ]), m its column means and R⊥ = R − 1mᵀ:
 *   M⁻¹R = R⊥(½cS + λI)⁻¹ + 1mᵀ/λ.
 * Cost per solve: 2·K·D̃² multiply-adds (triangular solves), against a
 * Hessian-vector product's ~4·K·nnz(X).
 */
export class KroneckerPreconditioner implements Preconditioner {
  readonly name = 'kronecker';
  /** The factor of ½cS + λI, kept by the kernels (in wasm memory for the wasm kernels). */
  private readonly factor: CholeskyFactor;
  private factored = false;
  /** XᵀX overflowed at the last refresh: M is the identity until a refresh succeeds. */
  private overflowed = false;
  private readonly dims: number;
  private readonly lambda: number;
  private readonly rowsBuffer: Float64Array;

  constructor(private readonly o: KroneckerOptions) {
    this.dims = o.X.cols + (o.fitIntercept ? 1 : 0);
    this.rowsBuffer = new Float64Array(o.numClasses * this.dims);
    this.factor = o.kernels.choleskyFactor(this.dims);
    // Without a penalty the class-mean direction has no curvature at all; a tiny λ keeps M invertible.
    this.lambda = o.l2 > 0 ? o.l2 : 1e-8;
  }

  /** Böhning's M does not change with θ: its factor is computed on first use only. */
  refresh(): void {
    if (this.factored && !this.o.curvature) return;
    const { X, sampleWeight, fitIntercept, dataScale, curvature, numClasses: K } = this.o;
    let weights = sampleWeight;
    if (curvature) {
      weights = new Float64Array(X.rows);
      curvature(weights);
      for (let i = 0; i < X.rows; i++) weights[i] *= (sampleWeight ? sampleWeight[i] : 1) / (K - 1);
    }
    const S = this.o.kernels.gram(X, weights, fitIntercept, this.o.stride ?? 1);
    const D = this.dims;
    const c = curvature ? dataScale : 0.5 * dataScale;
    for (let i = 0; i < D * D; i++) S[i] *= c;
    for (let j = 0; j < D; j++) S[j * D + j] += this.lambda;
    // Features near 1e155 and beyond overflow XᵀX: there is no M to factor, and CG runs unpreconditioned
    // (the solver then reports what overflows in the objective itself).
    this.overflowed = !S.every(Number.isFinite);
    if (!this.overflowed) this.factor.factor(S);
    this.factored = true;
  }

  solve(r: Float64Array, z: Float64Array): void {
    if (!this.factored) this.refresh();
    if (this.overflowed) {
      z.set(r);
      return;
    }
    const K = this.o.numClasses;
    const D = this.dims;
    const F = this.o.X.cols;
    const R = this.rowsBuffer;
    // Gather R (K×D̃) from θ's layout [W (K×F), b (K)], then split off the class means.
    for (let k = 0; k < K; k++) {
      R.set(r.subarray(k * F, (k + 1) * F), k * D);
      if (this.o.fitIntercept) R[k * D + F] = r[K * F + k];
    }
    const mean = new Float64Array(D);
    for (let k = 0; k < K; k++) for (let j = 0; j < D; j++) mean[j] += R[k * D + j];
    for (let j = 0; j < D; j++) mean[j] /= K;
    for (let k = 0; k < K; k++) for (let j = 0; j < D; j++) R[k * D + j] -= mean[j];
    this.factor.solveRows(R, K);
    const inv = 1 / this.lambda;
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < F; j++) z[k * F + j] = R[k * D + j] + mean[j] * inv;
      if (this.o.fitIntercept) z[K * F + k] = R[k * D + F] + mean[F] * inv;
    }
  }
}
