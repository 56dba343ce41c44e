import { type Dataset } from '../data/dataset.js';
import { argmaxAt, logSumExp } from '../math/softmax.js';
import { softplus } from '../losses/binary-logistic.js';
import { type ScoreFunction } from '../scores/score-function.js';
import { LinearScores } from '../scores/linear.js';
import { type LinearModel } from '../model/linear-model.js';
import { ScoreModel } from '../model/score-model.js';
import { type Kernels } from '../kernels/kernels.js';
import { defaultKernels } from '../kernels/select.js';
import { preferredStorage } from '../data/csr.js';

export interface Evaluation {
  /** Mean cross-entropy −(1/N) Σᵢ log p(yᵢ | xᵢ). */
  crossEntropy: number;
  accuracy: number;
}

/** Cross-entropy and accuracy of parameters θ on a dataset, in one chunked forward pass. */
export function evaluate(scores: ScoreFunction, theta: Float64Array, data: Dataset, chunkRows = 8192): Evaluation {
  const K = scores.numClasses;
  const N = data.X.rows;
  const Z = new Float64Array(Math.min(chunkRows, N) * K);
  const rows = new Int32Array(Math.min(chunkRows, N));
  let ce = 0;
  let hits = 0;
  for (let start = 0; start < N; start += chunkRows) {
    const n = Math.min(N, start + chunkRows) - start;
    const r = rows.subarray(0, n);
    for (let t = 0; t < n; t++) r[t] = start + t;
    const z = Z.subarray(0, n * K);
    scores.forward(theta, data.X, r, z);
    for (let t = 0; t < n; t++) {
      const yi = data.y[start + t];
      if (K === 1) {
        // One logistic score: class 1 when z > 0; cross-entropy log(1 + e^(∓z)).
        ce += softplus(yi === 1 ? -z[t] : z[t]);
        if ((z[t] > 0 ? 1 : 0) === yi) hits++;
      } else {
        ce += logSumExp(z, t * K, K) - z[t * K + yi];
        if (argmaxAt(z, t * K, K) === yi) hits++;
      }
    }
  }
  return { crossEntropy: ce / N, accuracy: hits / N };
}

/** Cross-entropy and accuracy of a trained model (linear, a network or another score function) on a dataset. */
export function evaluateModel(model: LinearModel | ScoreModel, data: Dataset, kernels?: Kernels): Evaluation {
  if (model instanceof ScoreModel) return evaluate(model.scores, model.theta, { ...data, X: model.input(data.X) });
  const scores = new LinearScores(model.numClasses, model.numFeatures, model.b !== null, kernels ?? defaultKernels());
  const theta = new Float64Array(scores.numParams);
  theta.set(model.W);
  if (model.b) theta.set(model.b, model.W.length);
  return evaluate(scores, theta, { ...data, X: preferredStorage(data.X) });
}
