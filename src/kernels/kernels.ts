import type { Matrix } from '../data/csr.js';

/**
 * The hot loops of linear models, behind one small interface with two
 * implementations: the readable TypeScript reference and WebAssembly SIMD.
 *
 * Layout: X is N×D (dense row-major or CSR); W is K×D row-major (one row per
 * class) in float64; b has K entries or is null (no bias); Z and R are n×K
 * row-major, n the number of rows used. `rows` lists the rows of X to use, in
 * order (a minibatch); null means all rows 0..N−1.
 */
export interface Kernels {
  readonly name: string;
  /** Z = X[rows]·Wᵀ + b. Z is overwritten. */
  linearForward(X: Matrix, rows: Int32Array | null, W: Float64Array, b: Float64Array | null, K: number, Z: Float64Array): void;
  /** G += Rᵀ·X[rows] (K×D) and gb += Σᵢ Rᵢ (K): the chain rule from scores to weights. */
  linearBackward(X: Matrix, rows: Int32Array | null, R: Float64Array, K: number, G: Float64Array, gb: Float64Array | null): void;
  /**
   * G += Rᵀ·(X∘X)[rows] and gb += Σᵢ Rᵢ: linearBackward on the entries squared
   * (x²ᵢⱼ, scale²), for the Gauss–Newton diagonal, without a squared copy of X.
   * Optional: without it callers square a copy of X themselves.
   */
  linearBackwardSquared?(X: Matrix, rows: Int32Array | null, R: Float64Array, K: number, G: Float64Array, gb: Float64Array | null): void;
  /**
   * The fused softmax cross-entropy pass of a linear model, one sweep over X:
   *   returns Σᵢ wᵢ·(log Σₖ exp zᵢₖ − zᵢ,yᵢ) with zᵢ = W·xᵢ + b, and when G is given
   *   adds G += Σᵢ wᵢ (pᵢ − tᵢ) xᵢᵀ, gb += Σᵢ wᵢ (pᵢ − tᵢ).
   * y and sampleWeight are indexed by example (not by position in rows).
   * When P is given, the probabilities pᵢ are written to it (n×K, by position in rows).
   */
  linearSoftmaxStep(
    X: Matrix,
    rows: Int32Array | null,
    y: Int32Array,
    sampleWeight: Float64Array | null,
    W: Float64Array,
    b: Float64Array | null,
    K: number,
    G: Float64Array | null,
    gb: Float64Array | null,
    P?: Float64Array | null,
  ): number;
  /**
   * The softmax cross-entropy Hessian times a direction (V, vb), given the
   * probabilities P (n×K) of the same rows: with uᵢ = V·xᵢ + vb,
   *   out += Σᵢ wᵢ (diag(pᵢ) − pᵢpᵢᵀ) uᵢ xᵢᵀ,   outb += Σᵢ wᵢ (diag(pᵢ) − pᵢpᵢᵀ) uᵢ.
   */
  linearSoftmaxHessianVector(
    X: Matrix,
    rows: Int32Array | null,
    sampleWeight: Float64Array | null,
    P: Float64Array,
    V: Float64Array,
    vb: Float64Array | null,
    K: number,
    out: Float64Array,
    outb: Float64Array | null,
  ): void;
  /**
   * X moved into the kernels' own memory: an equal matrix whose arrays are
   * views of that memory, which the kernels then use in place (no copy per
   * hold). The caller drops its references to X's arrays, so the data exists
   * once instead of twice. Kept for the life of the kernels. Null when the
   * kernels cannot (no such memory, or views of it would not survive its
   * growth). Optional.
   */
  moveIntoKernelMemory?(X: Matrix): Matrix | null;
  /**
   * The weighted Gram matrix of the rows, for the Kronecker preconditioner:
   * S = Σᵢ t·cᵢ x̃ᵢx̃ᵢᵀ over the rows i = 0, t, 2t, … (t = stride), x̃ᵢ = xᵢ followed
   * by a 1 when withOne is set; D̃×D̃ row-major, both triangles. c null: all 1.
   */
  gram(X: Matrix, c: Float64Array | null, withOne: boolean, stride: number): Float64Array;
  /** Cholesky factorization A = LLᵀ in place (L in the lower triangle, the upper zeroed); throws when A is not positive definite. */
  cholesky(A: Float64Array, n: number): void;
  /** Solves LLᵀ zₖ = bₖ in place for the `count` rows bₖ of B (count×n, row-major), L from cholesky. */
  choleskySolveRows(L: Float64Array, n: number, B: Float64Array, count: number): void;
  /**
   * A holder of the Cholesky factor of one n×n matrix at a time, kept where
   * these kernels solve with it (the WebAssembly kernels: in their memory, so
   * a solve moves only its right-hand sides). Same results as cholesky and
   * choleskySolveRows.
   */
  choleskyFactor(n: number): CholeskyFactor;
}

/** A Cholesky factor kept between solves (Kernels.choleskyFactor). */
export interface CholeskyFactor {
  /** Factors A = LLᵀ (n×n, row-major, symmetric; A itself is left as it was) and keeps L; throws when A is not positive definite. */
  factor(A: Float64Array): void;
  /** Solves LLᵀ zₖ = bₖ in place for the `count` rows bₖ of B (count×n, row-major) with the last factor. */
  solveRows(B: Float64Array, count: number): void;
}
