import { type Matrix } from '../data/csr.js';
import { assertFiniteFeatures, type Dataset, subset } from '../data/dataset.js';
import { type Label, LabelTable } from '../data/labels.js';
import { type Kernels } from '../kernels/kernels.js';
import { defaultKernels } from '../kernels/select.js';
import { type TrainOptions } from '../train/options.js';
import { type TrainResult } from '../train/train.js';
import { type BinaryLearner, assertLinearReduction, decisionRow, logisticLearner } from './binary-learner.js';
import { couplePairwise } from './pairwise-coupling.js';
import { denseMatrix, type DenseMatrix } from '../data/dense.js';

/**
 * All-vs-all: K(K−1)/2 binary classifiers, one per pair of
 * classes (i, j), each trained on the examples of those two classes only.
 * Pair p votes for j when zₚ = wₚ·x + bₚ > 0, else for i; the class with
 * most votes wins, ties broken by the summed margins Σ ±zₚ of the tied classes.
 */
export class PairwiseModel {
  constructor(
    readonly labels: LabelTable,
    readonly numFeatures: number,
    /** The pairs (i, j), i < j, as 2P class indices. */
    readonly pairs: Int32Array,
    /** P×D weights, one row per pair. */
    readonly W: Float64Array,
    readonly b: Float64Array | null,
  ) {
    const P = pairs.length / 2;
    if (W.length !== P * numFeatures) throw new RangeError(`weights have ${W.length} values but ${P} pairs × ${numFeatures} features need ${P * numFeatures}`);
  }

  get numClasses(): number {
    return this.labels.size;
  }

  get numPairs(): number {
    return this.pairs.length / 2;
  }

  /** Votes (n×K) and summed margins (n×K) per class. */
  votes(X: Matrix, kernels: Kernels = defaultKernels()): { votes: Float64Array; margins: Float64Array } {
    const P = this.numPairs;
    const K = this.numClasses;
    const Z = this.pairScores(X, kernels);
    const votes = new Float64Array(X.rows * K);
    const margins = new Float64Array(X.rows * K);
    for (let r = 0; r < X.rows; r++) {
      for (let p = 0; p < P; p++) {
        const z = Z[r * P + p];
        const i = this.pairs[2 * p];
        const j = this.pairs[2 * p + 1];
        votes[r * K + (z > 0 ? j : i)]++;
        margins[r * K + j] += z;
        margins[r * K + i] -= z;
      }
    }
    return { votes, margins };
  }

  /** n×P decision values zₚ = wₚ·x + bₚ, one per pair. */
  protected pairScores(X: Matrix, kernels: Kernels): Float64Array {
    if (X.cols !== this.numFeatures) throw new RangeError(`the data has ${X.cols} features but the model was trained on ${this.numFeatures}`);
    assertFiniteFeatures(X, 'the data');
    const Z = new Float64Array(X.rows * this.numPairs);
    kernels.linearForward(X, null, this.W, this.b, this.numPairs, Z);
    return Z;
  }

  predictIndex(X: Matrix, kernels?: Kernels): Int32Array {
    const K = this.numClasses;
    const { votes, margins } = this.votes(X, kernels);
    const out = new Int32Array(X.rows);
    for (let r = 0; r < X.rows; r++) {
      let best = 0;
      for (let k = 1; k < K; k++) {
        const dv = votes[r * K + k] - votes[r * K + best];
        if (dv > 0 || (dv === 0 && margins[r * K + k] > margins[r * K + best])) best = k;
      }
      out[r] = best;
    }
    return out;
  }

  predict(X: Matrix, kernels?: Kernels): Label[] {
    return this.labels.decode(this.predictIndex(X, kernels));
  }
}

/**
 * All-vs-all whose pairs are logistic regressions: σ(zₚ) estimates
 * P(y = j | y ∈ {i, j}, x), and pairwise coupling turns these into class
 * probabilities. (predict still counts votes, as LIBSVM's predict does; the
 * most probable class may differ from it on close calls.)
 */
export class CoupledPairwiseModel extends PairwiseModel {
  /** n×K class probabilities by pairwise coupling (Wu, Lin & Weng 2004). */
  predictProba(X: Matrix, kernels: Kernels = defaultKernels()): DenseMatrix {
    const P = this.numPairs;
    const K = this.numClasses;
    const Z = this.pairScores(X, kernels);
    const out = new Float64Array(X.rows * K);
    const r = new Float64Array(K * K);
    for (let n = 0; n < X.rows; n++) {
      for (let p = 0; p < P; p++) {
        const i = this.pairs[2 * p];
        const j = this.pairs[2 * p + 1];
        const pj = 1 / (1 + Math.exp(-Z[n * P + p]));
        r[j * K + i] = pj;
        r[i * K + j] = 1 - pj;
      }
      couplePairwise(r, K, out, n * K);
    }
    return denseMatrix(out, X.rows, K);
  }
}

export function trainAllVsAll(data: Dataset, options: TrainOptions = {}, learner: BinaryLearner = logisticLearner): { model: PairwiseModel; results: TrainResult[] } {
  const K = data.labels.size;
  const D = data.X.cols;
  if (K < 2) throw new RangeError(`all-vs-all needs at least 2 classes, got ${K}`);
  assertLinearReduction(options, 'all-vs-all');
  const byClass: number[][] = Array.from({ length: K }, () => []);
  data.y.forEach((c, i) => byClass[c].push(i));
  const P = (K * (K - 1)) / 2;
  const pairs = new Int32Array(2 * P);
  const W = new Float64Array(P * D);
  const b = new Float64Array(P);
  const results: TrainResult[] = [];
  let p = 0;
  for (let i = 0; i < K; i++) {
    for (let j = i + 1; j < K; j++, p++) {
      pairs[2 * p] = i;
      pairs[2 * p + 1] = j;
      const rows = [...byClass[i], ...byClass[j]].sort((a, c) => a - c);
      const part = subset(data, rows);
      const labels = new LabelTable([String(data.labels.labelOf(i)), String(data.labels.labelOf(j))]);
      const y = Int32Array.from(part.y, (c) => (c === j ? 1 : 0));
      const r = learner({ X: part.X, y, labels }, { ...options, validation: undefined });
      decisionRow(r, D, W, b, p);
      results.push(r);
    }
  }
  const Model = learner === logisticLearner ? CoupledPairwiseModel : PairwiseModel;
  return { model: new Model(data.labels, D, pairs, W, options.fitIntercept === false ? null : b), results };
}
