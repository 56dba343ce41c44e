import type { Matrix } from '../data/csr.js';
import type { Random } from '../random.js';

/**
 * A score function f(x; θ) ∈ ℝᴷ over a flat parameter vector θ (any
 * differentiable model). forward gives the scores; backward takes ∂L/∂Z and
 * applies the chain rule to add ∂L/∂θ into grad.
 */
export interface ScoreFunction {
  readonly numClasses: number;
  readonly numFeatures: number;
  readonly numParams: number;
  /** Z (n×K) = f(X[rows]; θ). */
  forward(theta: Float64Array, X: Matrix, rows: Int32Array | null, Z: Float64Array): void;
  /** grad += (∂Z/∂θ)ᵀ dZ. */
  backward(theta: Float64Array, X: Matrix, rows: Int32Array | null, dZ: Float64Array, grad: Float64Array): void;
  /** Jacobian-vector product: out (n×K) = (∂Z/∂θ)·v at θ (second-order solvers). */
  jacobianVector?(theta: Float64Array, X: Matrix, rows: Int32Array | null, v: Float64Array, out: Float64Array): void;
  /** out += diag((∂Z/∂θ)ᵀ·diag(d)·(∂Z/∂θ)) for per-score curvatures d (n×K): the Gauss–Newton diagonal. */
  gaussNewtonDiagonal?(X: Matrix, rows: Int32Array | null, d: Float64Array, out: Float64Array): void;
  /** Parameters to which the L2 penalty applies (1) and those it spares (0), e.g. biases. */
  penaltyMask(): Uint8Array;
  /** Seeded initial parameters (without it θ starts at 0, right for convex models). */
  initialize?(theta: Float64Array, rng: Random): void;
  /** Training mode, with the generator of its randomness (dropout), or evaluation mode (null). */
  setTraining?(rng: Random | null): void;
  /**
   * Optional fast path for the softmax cross-entropy: Σᵢ wᵢ·CEᵢ over rows and,
   * when grad is given, grad += its gradient, in one sweep over X.
   */
  softmaxCrossEntropyStep?(
    theta: Float64Array,
    X: Matrix,
    rows: Int32Array | null,
    y: Int32Array,
    sampleWeight: Float64Array | null,
    grad: Float64Array | null,
    probabilities?: Float64Array | null,
  ): number;
  /** Optional fast path: grad-shaped out += (softmax cross-entropy Hessian)·v, given the probabilities of the rows. */
  softmaxHessianVector?(
    theta: Float64Array,
    X: Matrix,
    rows: Int32Array | null,
    sampleWeight: Float64Array | null,
    probabilities: Float64Array,
    v: Float64Array,
    out: Float64Array,
  ): void;
}
