import { type Kernels } from '../kernels/kernels.js';
import { defaultKernels } from '../kernels/select.js';
import { lbfgs } from '../optim/lbfgs.js';
import { type SolverStatus } from '../optim/status.js';
import { adagrad, adam, sgd } from '../optim/stochastic.js';
import { softmaxInto } from '../math/softmax.js';
import { Random } from '../random.js';
import { type JointDataset, checkJoint, numExamples } from './joint-data.js';
import { type JointLoss, type LabelCost, JointObjective } from './joint-objective.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';

/** A trained joint model: one weight vector w over the joint feature space; prediction argmax_{y∈Y(x)} w·f(x, y). */
export class JointModel {
  constructor(readonly w: Float64Array) {}

  /** Scores w·f(x, y) of every candidate row. */
  scores(data: JointDataset, kernels: Kernels = defaultKernels()): Float64Array {
    if (data.X.cols !== this.w.length) throw new RangeError(`the data has ${data.X.cols} joint features, the model ${this.w.length}`);
    const z = new Float64Array(data.X.rows);
    kernels.linearForward(data.X, null, this.w, null, 1, z);
    return z;
  }

  /** Position of the best candidate of each example. */
  predictPosition(data: JointDataset, kernels?: Kernels): Int32Array {
    const z = this.scores(data, kernels);
    const n = numExamples(data);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let t = 1; t < data.offsets[i + 1] - data.offsets[i]; t++) if (z[data.offsets[i] + t] > z[data.offsets[i] + best]) best = t;
      out[i] = best;
    }
    return out;
  }

  /**
   * The multiclass logistic regression model over each example's candidates:
   *
   *   P_w(y | x) = exp(w·f(x, y)) / Σ_{y′∈Y(x)} exp(w·f(x, y′)),
   *
   * one array per example, in the order of its candidates (computed through
   * log-sum-exp). Probabilities in this sense come from a model trained with
   * the softmax loss; for one trained with the SVM loss they are only a
   * monotone transform of its scores.
   */
  predictProba(data: JointDataset, kernels?: Kernels): Float64Array[] {
    const z = this.scores(data, kernels);
    return Array.from({ length: numExamples(data) }, (_, i) => {
      const p = new Float64Array(data.offsets[i + 1] - data.offsets[i]);
      softmaxInto(z, data.offsets[i], p.length, p, 0);
      return p;
    });
  }

  /** The predicted label of each example. */
  predict(data: JointDataset, kernels?: Kernels): string[] {
    const pos = this.predictPosition(data, kernels);
    return Array.from(pos, (t, i) => data.candidateLabels[data.offsets[i] + t]);
  }

  /** Fraction of examples whose gold candidate is predicted. */
  accuracy(data: JointDataset, kernels?: Kernels): number {
    const pos = this.predictPosition(data, kernels);
    let hits = 0;
    pos.forEach((t, i) => (hits += t === data.gold[i] ? 1 : 0));
    return hits / pos.length;
  }
}

export interface JointTrainOptions {
  loss?: JointLoss;
  /** SVM: the cost ℓ(predicted, gold) by label (default 0/1). */
  cost?: LabelCost;
  /** 'lbfgs' (default, full batch), or minibatch 'sgd', 'adagrad', 'adam'. */
  optimizer?: 'lbfgs' | 'sgd' | 'adagrad' | 'adam';
  /** L2 strength on the mean objective (default 1e-4). */
  l2?: number;
  learningRate?: number;
  batchSize?: number;
  maxEpochs?: number;
  tol?: number;
  maxIter?: number;
  seed?: number;
  kernels?: Kernels;
}

const JOINT_OPTION_NAMES = optionNames<JointTrainOptions>()(['loss', 'cost', 'optimizer', 'l2', 'learningRate', 'batchSize', 'maxEpochs', 'tol', 'maxIter', 'seed', 'kernels']);

/** Trains the joint model from w = 0. */
export function trainJoint(data: JointDataset, o: JointTrainOptions = {}): { model: JointModel; solver: SolverStatus | null; seconds: number } {
  refuseUnknownOptions(o, JOINT_OPTION_NAMES, 'joint training');
  checkJoint(data);
  const t0 = performance.now();
  const l2 = o.l2 ?? 1e-4;
  if (!(l2 >= 0 && Number.isFinite(l2))) throw new RangeError(`l2 must be a finite number ≥ 0, got ${o.l2}`);
  const objective = new JointObjective(data, o.loss ?? 'softmax', l2, o.kernels ?? defaultKernels(), o.cost ?? null);
  const w = new Float64Array(objective.numParams);
  const optimizer = o.optimizer ?? 'lbfgs';
  let solver: SolverStatus | null = null;
  if (optimizer === 'lbfgs') {
    solver = lbfgs(objective, w, { tol: o.tol ?? 1e-6, maxIter: o.maxIter ?? 1000 });
  } else {
    const opt = optimizer === 'adagrad' ? adagrad() : optimizer === 'adam' ? adam() : sgd();
    const state = opt.init(w.length);
    const rng = new Random(o.seed ?? 0);
    const grad = new Float64Array(w.length);
    const n = numExamples(data);
    const batch = o.batchSize ?? 32;
    const lr = o.learningRate ?? (optimizer === 'adam' ? 0.01 : 0.5);
    for (let epoch = 0; epoch < (o.maxEpochs ?? 10); epoch++) {
      const order = rng.permutation(n);
      for (let b = 0; b < n; b += batch) {
        objective.valueAndGradientOn(w, order.subarray(b, b + batch), grad);
        opt.update(w, grad, state, lr);
      }
    }
  }
  return { model: new JointModel(w), solver, seconds: (performance.now() - t0) / 1000 };
}
