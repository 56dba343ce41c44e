import { type Kernels } from '../kernels/kernels.js';
import { defaultKernels } from '../kernels/select.js';
import { type Objective } from '../objective/objective.js';
import { type JointDataset, numExamples } from './joint-data.js';

export type JointLoss = 'softmax' | 'svm';

/** The cost ℓ(y, y*) of predicting label y when the truth is y* (used by the SVM loss; 0/1 by default). */
export type LabelCost = (predicted: string, gold: string) => number;

/**
 * The joint model's objective over w (F weights), mean over examples:
 *
 *   softmax: Lᵢ = log Σ_{y∈Yᵢ} exp(w·f(xᵢ, y)) − w·f(xᵢ, yᵢ*),  ∇ = E_y[f(xᵢ, y)] − f(xᵢ, yᵢ*)
 *   svm:     Lᵢ = max_{y∈Yᵢ} [w·f(xᵢ, y) + ℓ(y, yᵢ*)] − w·f(xᵢ, yᵢ*),  ∇ = f(xᵢ, ŷ) − f(xᵢ, yᵢ*)
 *
 * plus (λ/2)‖w‖², with costs ℓ given by label (0/1 unless a cost function is passed). The candidate scores come from the
 * linear kernels with one output (X·w), the gradient from their backward
 * pass, so only the examples' own candidates are ever touched: time and
 * memory do not depend on how many labels exist overall.
 */
export class JointObjective implements Objective {
  readonly numParams: number;
  private readonly rowsOf: Int32Array;

  constructor(
    readonly data: JointDataset,
    readonly loss: JointLoss = 'softmax',
    readonly l2 = 0,
    private readonly kernels: Kernels = defaultKernels(),
    private readonly cost: LabelCost | null = null,
  ) {
    this.numParams = data.X.cols;
    this.rowsOf = Int32Array.from({ length: numExamples(data) }, (_, i) => i);
  }

  value(w: Float64Array): number {
    return this.evaluate(w, this.rowsOf, null);
  }

  valueAndGradient(w: Float64Array, grad: Float64Array): number {
    return this.evaluate(w, this.rowsOf, grad);
  }

  /** The objective on a minibatch of example indices. */
  valueAndGradientOn(w: Float64Array, examples: Int32Array, grad: Float64Array): number {
    return this.evaluate(w, examples, grad);
  }

  private evaluate(w: Float64Array, examples: Int32Array, grad: Float64Array | null): number {
    const { offsets, gold, X } = this.data;
    let count = 0;
    for (const i of examples) count += offsets[i + 1] - offsets[i];
    const rows = new Int32Array(count);
    let c = 0;
    for (const i of examples) for (let r = offsets[i]; r < offsets[i + 1]; r++) rows[c++] = r;
    const z = new Float64Array(count);
    this.kernels.linearForward(X, rows, w, null, 1, z);
    const dz = grad ? new Float64Array(count) : null;
    let total = 0;
    let start = 0;
    for (const i of examples) {
      const size = offsets[i + 1] - offsets[i];
      const g = gold[i];
      if (g < 0) throw new RangeError(`example ${i + 1} has no gold label to train on`);
      if (this.loss === 'softmax') {
        let m = -Infinity;
        for (let t = 0; t < size; t++) m = Math.max(m, z[start + t]);
        let s = 0;
        for (let t = 0; t < size; t++) s += Math.exp(z[start + t] - m);
        const lse = m + Math.log(s);
        total += lse - z[start + g];
        if (dz) {
          for (let t = 0; t < size; t++) dz[start + t] = Math.exp(z[start + t] - lse);
          dz[start + g] -= 1;
        }
      } else {
        let best = g;
        let bestValue = z[start + g];
        const goldLabel = this.data.candidateLabels[offsets[i] + g];
        for (let t = 0; t < size; t++) {
          const label = this.data.candidateLabels[offsets[i] + t];
          const v = z[start + t] + (t === g || label === goldLabel ? 0 : this.cost ? this.cost(label, goldLabel) : 1);
          if (v > bestValue) [best, bestValue] = [t, v];
        }
        total += bestValue - z[start + g];
        if (dz && best !== g) {
          dz[start + best] = 1;
          dz[start + g] = -1;
        }
      }
      start += size;
    }
    const n = examples.length;
    if (grad) {
      grad.fill(0);
      this.kernels.linearBackward(X, rows, dz!, 1, grad, null);
      for (let p = 0; p < grad.length; p++) grad[p] = grad[p] / n + this.l2 * w[p];
    }
    let sq = 0;
    if (this.l2 > 0) for (let p = 0; p < w.length; p++) sq += w[p] * w[p];
    return total / n + 0.5 * this.l2 * sq;
  }
}
