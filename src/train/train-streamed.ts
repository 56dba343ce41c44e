import { type LabelTable } from '../data/labels.js';
import { type RowBlocks } from '../data/row-blocks.js';
import { defaultKernels } from '../kernels/select.js';
import { argmaxAt, logSumExp } from '../math/softmax.js';
import { LinearModel } from '../model/linear-model.js';
import { StreamedRisk } from '../objective/streamed-risk.js';
import { gradientDescent } from '../optim/gradient-descent.js';
import { lbfgs } from '../optim/lbfgs.js';
import { newtonCg } from '../optim/newton-cg.js';
import { owlqn } from '../optim/owlqn.js';
import { LinearScores } from '../scores/linear.js';
import { cpuSeconds } from './cpu-time.js';
import { type Evaluation } from './evaluate.js';
import { type EpochRecord, type StopReason, type TrainOptions, resolveTrainOptions } from './options.js';
import { type TrainResult } from './train.js';

/**
 * Softmax regression on examples visited block by block (out-of-core: a disk
 * cache, row-cache.ts) with a full-batch solver — newton (default for files),
 * lbfgs (OWL-QN with l1) or gd — starting at θ = 0. It minimizes the same
 * objective as trainSoftmax on the same rows held in memory (StreamedRisk),
 * so the weights agree to rounding. Minibatch optimizers, other losses,
 * networks, sample weights and validation data are refused: each would need
 * random access to the rows or a second data source.
 */
export function trainSoftmaxStreamed(data: RowBlocks, labels: LabelTable, options: TrainOptions = {}): TrainResult<LinearModel> {
  const o = resolveTrainOptions(options);
  const refuse = (what: string) => {
    throw new RangeError(`out-of-core training: ${what}`);
  };
  if (!['newton', 'lbfgs', 'gd'].includes(o.optimizer)) refuse(`optimizer ${o.optimizer} is not available (full-batch solvers only: newton, lbfgs, gd)`);
  if (o.loss !== 'softmax') refuse(`loss ${o.loss} is not available (softmax only)`);
  if (o.mlp) refuse('networks are not available (linear softmax regression only)');
  if (options.sampleWeight) refuse('per-example weights are not available (class weights are)');
  if (options.validation) refuse('validation data are not available');
  const K = labels.size;
  const D = data.cols;
  const N = data.rows;
  if (N === 0) refuse('no examples');
  const scores = new LinearScores(K, D, o.fitIntercept, options.kernels ?? defaultKernels());
  const risk = new StreamedRisk(scores, data, {
    reduction: o.C !== null ? 'sum' : 'mean',
    l2: o.C !== null ? 1 / o.C : o.l2,
    classWeight: classWeights(data, labels, options.classWeight),
    secondOrder: o.optimizer === 'newton',
  });
  const theta = new Float64Array(scores.numParams);
  const history: EpochRecord[] = [];
  const t0 = performance.now();
  const cpu0 = cpuSeconds();
  let cancelled = false;
  const onIteration = (iteration: number, _x: Float64Array, value: number) => {
    options.onProgress?.(iteration, 1);
    const record = { epoch: iteration, trainLoss: value, trainAccuracy: NaN, valLoss: null, valAccuracy: null, seconds: (performance.now() - t0) / 1000 };
    history.push(record);
    options.onEpoch?.(record, () => modelOf(labels, scores, theta));
    cancelled = options.signal?.aborted ?? false;
    return cancelled;
  };
  const common = { tol: o.tol, maxIter: o.maxIter, onIteration };
  const l1 = o.l1 * (risk.reduction === 'sum' ? N : 1);
  const solver =
    o.optimizer === 'newton' ? newtonCg(risk, theta, common)
    : o.optimizer === 'lbfgs' ? (o.l1 > 0 ? owlqn(risk, theta, l1, risk.penaltyMask, common) : lbfgs(risk, theta, common))
    : gradientDescent(risk, theta, { ...common, learningRate: o.learningRate });
  const stopReason: StopReason = cancelled ? 'cancelled' : solver.reason === 'callback' ? 'patience' : solver.reason;
  let l1Norm = 0;
  if (o.l1 > 0) for (let p = 0; p < theta.length; p++) if (risk.penaltyMask[p]) l1Norm += Math.abs(theta[p]);
  return {
    model: modelOf(labels, scores, theta),
    history,
    stopReason,
    converged: !cancelled && solver.converged,
    bestEpoch: solver.iterations,
    epochs: solver.iterations,
    objective: risk.value(theta) + l1 * l1Norm,
    solver,
    checkpoint: null,
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: cpu0 === null ? null : cpuSeconds()! - cpu0,
  };
}

/** Per-class example weights: 'balanced' N / (K·N_k) from the class counts, a map by label, or null (all 1). */
function classWeights(data: RowBlocks, labels: LabelTable, spec: TrainOptions['classWeight']): Float64Array | null {
  if (!spec) return null;
  const K = labels.size;
  const perClass = new Float64Array(K);
  if (spec === 'balanced') {
    for (let k = 0; k < K; k++) {
      const n = data.classCounts[k] ?? 0;
      perClass[k] = n > 0 ? data.rows / (K * n) : 0;
    }
    return perClass;
  }
  perClass.fill(1);
  for (const [label, value] of Object.entries(spec)) {
    const k = labels.labels.findIndex((l) => String(l) === label);
    if (k < 0) throw new RangeError(`classWeight: label ${JSON.stringify(label)} is not one of the data's labels`);
    if (!(value! >= 0 && Number.isFinite(value))) throw new RangeError(`classWeight[${JSON.stringify(label)}] must be a finite number ≥ 0, got ${value}`);
    perClass[k] = value!;
  }
  return perClass;
}

function modelOf(labels: LabelTable, scores: LinearScores, theta: Float64Array): LinearModel {
  const b = scores.bias(theta);
  return new LinearModel(labels, scores.numFeatures, Float64Array.from(scores.weights(theta)), b ? Float64Array.from(b) : null);
}

/** Mean cross-entropy and accuracy of a linear softmax model over examples visited block by block. */
export function evaluateStreamed(model: LinearModel, data: RowBlocks): Evaluation {
  const K = model.numClasses;
  const kernels = defaultKernels();
  let Z = new Float64Array(0);
  let ce = 0;
  let hits = 0;
  data.forEachBlock((b) => {
    const n = b.X.rows;
    if (Z.length < n * K) Z = new Float64Array(n * K);
    const z = Z.subarray(0, n * K);
    kernels.linearForward(b.X, null, model.W, model.b, K, z);
    for (let t = 0; t < n; t++) {
      ce += logSumExp(z, t * K, K) - z[t * K + b.y[t]];
      if (argmaxAt(z, t * K, K) === b.y[t]) hits++;
    }
  });
  return { crossEntropy: ce / data.rows, accuracy: hits / data.rows };
}
