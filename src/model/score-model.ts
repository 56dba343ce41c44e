import { type DenseMatrix, denseMatrix } from '../data/dense.js';
import { type Matrix } from '../data/csr.js';
import { type Label, type LabelTable } from '../data/labels.js';
import { assertFiniteFeatures } from '../data/dataset.js';
import { argmaxAt, softmaxInto } from '../math/softmax.js';
import { type ScoreFunction } from '../scores/score-function.js';

/**
 * A trained classifier over any score function f(x; θ) (a network, or a
 * model of your own): p(y = k | x) = softmax(f(x; θ))ₖ for the cross-entropy
 * ('softmax'), or margin scores without probabilities ('margin', the
 * multiclass hinge). Carries its label table, so predictions come back as the
 * user's labels.
 */
export class ScoreModel<S extends ScoreFunction = ScoreFunction> {
  constructor(
    readonly labels: LabelTable,
    readonly scores: S,
    readonly theta: Float64Array,
    readonly scoreKind: 'softmax' | 'margin' = 'softmax',
  ) {
    if (scores.numClasses !== labels.size) throw new RangeError(`the score function gives ${scores.numClasses} scores but there are ${labels.size} labels`);
    if (theta.length !== scores.numParams) throw new RangeError(`the score function has ${scores.numParams} parameters, got ${theta.length}`);
  }

  get numFeatures(): number {
    return this.scores.numFeatures;
  }

  get numClasses(): number {
    return this.labels.size;
  }

  /**
   * The matrix its score function reads: the data in the storage given (a score function of the
   * user's may read dense rows only); a network overrides it with CSR for sparse data.
   */
  input(X: Matrix): Matrix {
    return X;
  }

  /** The scores f(x; θ) for every row (n×K row-major), in chunks of rows. */
  decisionFunction(X: Matrix, chunkRows = 4096): Float64Array {
    if (X.cols !== this.numFeatures) {
      throw new RangeError(`the data has ${X.cols} features per example but the model was trained on ${this.numFeatures}`);
    }
    if (!(Number.isInteger(chunkRows) && chunkRows >= 1)) throw new RangeError(`chunkRows must be an integer ≥ 1, got ${chunkRows}`);
    assertFiniteFeatures(X, 'the data');
    const data = this.input(X);
    const K = this.numClasses;
    const Z = new Float64Array(X.rows * K);
    const rows = new Int32Array(Math.min(chunkRows, X.rows));
    for (let start = 0; start < X.rows; start += chunkRows) {
      const n = Math.min(X.rows, start + chunkRows) - start;
      const r = rows.subarray(0, n);
      for (let t = 0; t < n; t++) r[t] = start + t;
      this.scores.forward(this.theta, data, r, Z.subarray(start * K, (start + n) * K));
    }
    return Z;
  }

  /** Class probabilities (n×K, rows sum to 1): the softmax of the scores. */
  predictProba(X: Matrix): DenseMatrix {
    if (this.scoreKind === 'margin') throw new RangeError('this model has margin scores (multiclass hinge), not probabilities; use decisionFunction or predict');
    const K = this.numClasses;
    const Z = this.decisionFunction(X);
    for (let i = 0; i < X.rows; i++) softmaxInto(Z, i * K, K, Z, i * K);
    return denseMatrix(Z, X.rows, K);
  }

  predictIndex(X: Matrix): Int32Array {
    const K = this.numClasses;
    const Z = this.decisionFunction(X);
    const out = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = argmaxAt(Z, i * K, K);
    return out;
  }

  predict(X: Matrix): Label[] {
    return this.labels.decode(this.predictIndex(X));
  }
}
