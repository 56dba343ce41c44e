import { type Matrix } from '../../src/data/csr.js';
import { type Random } from '../../src/random.js';
import { type ScoreFunction } from '../../src/scores/score-function.js';

/**
 * A user's own nonlinear score function, written as the README shows:
 * zₖ = bₖ + (vₖ·x)², θ = [V (K×D), b (K)], on dense rows only.
 * ∂zₖ/∂vₖ = 2(vₖ·x)·x, ∂zₖ/∂bₖ = 1; its J·u is dzₖ = ubₖ + 2(vₖ·x)(uvₖ·x).
 */
export class SquaredScores implements ScoreFunction {
  readonly numParams: number;
  /** Rows read, to show the data reach it in the storage given. */
  readonly storagesSeen = new Set<string>();

  constructor(readonly numClasses: number, readonly numFeatures: number, withJacobian = true) {
    this.numParams = numClasses * (numFeatures + 1);
    if (!withJacobian) this.jacobianVector = undefined;
  }

  private x(X: Matrix, i: number, j: number): number {
    this.storagesSeen.add(X.kind);
    if (X.kind !== 'dense') throw new Error('dense rows only');
    return X.data[i * X.cols + j] * X.scale;
  }

  private dot(v: Float64Array, X: Matrix, i: number, k: number): number {
    let s = 0;
    for (let j = 0; j < this.numFeatures; j++) s += v[k * this.numFeatures + j] * this.x(X, i, j);
    return s;
  }

  forward(theta: Float64Array, X: Matrix, rows: Int32Array | null, Z: Float64Array): void {
    const K = this.numClasses, D = this.numFeatures;
    for (let t = 0; t < (rows ? rows.length : X.rows); t++) {
      for (let k = 0; k < K; k++) Z[t * K + k] = theta[K * D + k] + this.dot(theta, X, rows ? rows[t] : t, k) ** 2;
    }
  }

  backward(theta: Float64Array, X: Matrix, rows: Int32Array | null, dZ: Float64Array, grad: Float64Array): void {
    const K = this.numClasses, D = this.numFeatures;
    for (let t = 0; t < (rows ? rows.length : X.rows); t++) {
      const i = rows ? rows[t] : t;
      for (let k = 0; k < K; k++) {
        const q = 2 * this.dot(theta, X, i, k) * dZ[t * K + k];
        for (let j = 0; j < D; j++) grad[k * D + j] += q * this.x(X, i, j);
        grad[K * D + k] += dZ[t * K + k];
      }
    }
  }

  jacobianVector?(theta: Float64Array, X: Matrix, rows: Int32Array | null, u: Float64Array, out: Float64Array): void {
    const K = this.numClasses, D = this.numFeatures;
    for (let t = 0; t < (rows ? rows.length : X.rows); t++) {
      const i = rows ? rows[t] : t;
      for (let k = 0; k < K; k++) out[t * K + k] = u[K * D + k] + 2 * this.dot(theta, X, i, k) * this.dot(u, X, i, k);
    }
  }

  penaltyMask(): Uint8Array {
    return new Uint8Array(this.numParams).fill(1, 0, this.numClasses * this.numFeatures);
  }

  initialize(theta: Float64Array, rng: Random): void {
    for (let p = 0; p < this.numClasses * this.numFeatures; p++) theta[p] = 0.1 * rng.normal();
  }
}
