import { type DenseMatrix, denseMatrix } from '../data/dense.js';
import { type Matrix } from '../data/csr.js';
import { type Label, LabelTable } from '../data/labels.js';
import { assertFiniteFeatures } from '../data/dataset.js';
import { type Kernels } from '../kernels/kernels.js';
import { defaultKernels } from '../kernels/select.js';
import { argmaxAt, softmaxInto } from '../math/softmax.js';
import { sigmoid } from '../losses/binary-logistic.js';

export type ScoreKind = 'softmax' | 'one-vs-all' | 'margin';

/**
 * A trained linear classifier (multinomial logistic regression):
 *
 *   p(y = k | x) = softmax(W·x + b)ₖ,   W is K×D row-major, b has K entries.
 *
 * Carries its label table, so predictions come back as the user's labels.
 */
export class LinearModel {
  constructor(
    readonly labels: LabelTable,
    readonly numFeatures: number,
    /** K×D row-major: row k is θₖ, the weights of class k. */
    readonly W: Float64Array,
    /** K biases, or null for a model fitted without intercept. */
    readonly b: Float64Array | null,
    /**
     * What the scores mean: 'softmax' (probabilities are their softmax), 'one-vs-all' (K independent
     * logistic scores; probabilities σ(zₖ) normalized to sum 1), 'margin' (SVM or perceptron scores:
     * no probabilities).
     */
    readonly scoreKind: ScoreKind = 'softmax',
  ) {
    const K = labels.size;
    if (W.length !== K * numFeatures) {
      throw new RangeError(`weights have ${W.length} values but ${K} classes × ${numFeatures} features need ${K * numFeatures}`);
    }
    if (b && b.length !== K) throw new RangeError(`bias has ${b.length} values but there are ${K} classes`);
  }

  get numClasses(): number {
    return this.labels.size;
  }

  /** Scores W·x + b for every row (n×K row-major). */
  decisionFunction(X: Matrix, kernels: Kernels = defaultKernels()): Float64Array {
    this.checkFeatures(X);
    const Z = new Float64Array(X.rows * this.numClasses);
    kernels.linearForward(X, null, this.W, this.b, this.numClasses, Z);
    return Z;
  }

  /**
   * Class probabilities (n×K, each row sums to 1): the softmax of the scores, or for one-vs-all
   * the K logistic probabilities normalized. Margin models (SVM, perceptron) have none.
   */
  predictProba(X: Matrix, kernels?: Kernels): DenseMatrix {
    const K = this.numClasses;
    if (this.scoreKind === 'margin') throw new RangeError('this model has margin scores (SVM or perceptron), not probabilities; use decisionFunction or predict');
    const Z = this.decisionFunction(X, kernels);
    for (let i = 0; i < X.rows; i++) {
      if (this.scoreKind === 'softmax') softmaxInto(Z, i * K, K, Z, i * K);
      else {
        let s = 0;
        for (let k = 0; k < K; k++) s += Z[i * K + k] = sigmoid(Z[i * K + k]);
        for (let k = 0; k < K; k++) Z[i * K + k] /= s;
      }
    }
    return denseMatrix(Z, X.rows, K);
  }

  /** Most probable class index per row. */
  predictIndex(X: Matrix, kernels?: Kernels): Int32Array {
    const K = this.numClasses;
    const Z = this.decisionFunction(X, kernels);
    const out = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = argmaxAt(Z, i * K, K);
    return out;
  }

  /** Most probable label per row, as the user's labels. */
  predict(X: Matrix, kernels?: Kernels): Label[] {
    return this.labels.decode(this.predictIndex(X, kernels));
  }

  private checkFeatures(X: Matrix): void {
    if (X.cols !== this.numFeatures) {
      throw new RangeError(`the data has ${X.cols} features per example but the model was trained on ${this.numFeatures}`);
    }
    assertFiniteFeatures(X, 'the data');
  }
}
