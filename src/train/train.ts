import { type Dataset, assertTrainable } from '../data/dataset.js';
import { preferredStorage } from '../data/csr.js';
import { defaultKernels } from '../kernels/select.js';
import { softmaxCrossEntropy } from '../losses/softmax-cross-entropy.js';
import { LinearModel } from '../model/linear-model.js';
import { EmpiricalRisk } from '../objective/empirical-risk.js';
import { Random } from '../random.js';
import { LinearScores } from '../scores/linear.js';
import { EarlyStopping } from './early-stopping.js';
import { evaluate } from './evaluate.js';
import { type EpochRecord, type StopReason, type TrainOptions, resolveTrainOptions, scheduleFactor } from './options.js';

export interface TrainResult {
  model: LinearModel;
  history: EpochRecord[];
  stopReason: StopReason;
  /** Epoch whose weights the model holds (1-based; the best validation epoch under early stopping). */
  bestEpoch: number;
  /** Epochs run. */
  epochs: number;
  seconds: number;
}

/**
 * Trains softmax regression (seed 000) by full-batch gradient descent or
 * minibatch SGD on L(θ) = (1/N) Σᵢ CE(xᵢ, yᵢ; θ) + (λ/2)‖W‖², θ starting at 0.
 * With a validation set, early stopping watches the validation cross-entropy
 * and restores the weights of its best epoch.
 */
export function trainSoftmax(trainData: Dataset, options: TrainOptions = {}): TrainResult {
  const o = resolveTrainOptions(options);
  assertTrainable(trainData);
  // Sparse data (e.g. MNIST, 81% zero pixels) trains on its CSR form: the kernels then skip the zeros.
  const train = withPreferredStorage(trainData);
  const validation = options.validation ? withPreferredStorage(options.validation) : undefined;
  if (validation) {
    if (validation.X.cols !== train.X.cols) {
      throw new RangeError(`validation data has ${validation.X.cols} features but the training data has ${train.X.cols}`);
    }
    if (validation.labels !== train.labels && validation.labels.labels.join('\u0000') !== train.labels.labels.join('\u0000')) {
      throw new RangeError('validation data uses a different label table from the training data');
    }
  }
  const K = train.labels.size;
  const D = train.X.cols;
  const scores = new LinearScores(K, D, o.fitIntercept, options.kernels ?? defaultKernels());
  const risk = new EmpiricalRisk(scores, softmaxCrossEntropy, train, { reduction: 'mean', l2: o.l2 });
  const theta = new Float64Array(scores.numParams);
  const grad = new Float64Array(scores.numParams);
  const lastFinite = new Float64Array(scores.numParams);
  const stopper = validation ? new EarlyStopping(o.patience, o.minDelta) : null;
  const rng = new Random(o.seed);
  const history: EpochRecord[] = [];
  const t0 = performance.now();
  let stopReason: StopReason = 'max_epochs';
  let gradNorm0 = -1;
  let epoch = 0;

  while (epoch < o.maxEpochs) {
    epoch++;
    lastFinite.set(theta);
    // Mean objective over the epoch's steps, measured before each step (free: the gradient pass computes it).
    let runningLoss = 0;
    if (o.optimizer === 'gd') {
      runningLoss = risk.valueAndGradient(theta, grad);
      const gn = norm(grad);
      if (gradNorm0 < 0) gradNorm0 = gn;
      if (gn <= o.tol * gradNorm0) {
        epoch--;
        stopReason = 'converged';
        break;
      }
      axpy(-o.learningRate * scheduleFactor(o.schedule, (epoch - 1) / o.maxEpochs), grad, theta);
      options.onProgress?.(epoch, 1);
    } else {
      const order = rng.permutation(train.X.rows);
      const batches = Math.ceil(order.length / o.batchSize);
      for (let b = 0; b < batches; b++) {
        const batch = order.subarray(b * o.batchSize, (b + 1) * o.batchSize);
        runningLoss += (risk.valueAndGradientOn(theta, batch, grad) * batch.length) / order.length;
        // Progress through the budget counts steps: the schedule ends at 0 after the last step.
        const t = (epoch - 1 + b / batches) / o.maxEpochs;
        axpy(-o.learningRate * scheduleFactor(o.schedule, t), grad, theta);
        if (options.onProgress && (b & 63) === 63) options.onProgress(epoch, (b + 1) / batches);
      }
      options.onProgress?.(epoch, 1);
    }

    const evalTrain = options.evaluateTrain ?? true;
    const tr = evalTrain ? evaluate(scores, theta, train) : { crossEntropy: runningLoss, accuracy: NaN };
    const va = validation ? evaluate(scores, theta, validation) : null;
    const record: EpochRecord = {
      epoch,
      trainLoss: tr.crossEntropy,
      trainAccuracy: tr.accuracy,
      valLoss: va ? va.crossEntropy : null,
      valAccuracy: va ? va.accuracy : null,
      seconds: (performance.now() - t0) / 1000,
    };
    history.push(record);
    options.onEpoch?.(record);

    const monitored = va ? va.crossEntropy : tr.crossEntropy;
    if (!Number.isFinite(monitored) && (va || evalTrain)) {
      theta.set(lastFinite);
      stopReason = 'diverged';
      break;
    }
    if (stopper && va && stopper.observe(epoch, va.crossEntropy, theta)) {
      stopReason = 'patience';
      break;
    }
  }

  let bestEpoch = epoch;
  if (stopper && stopper.bestEpoch > 0) {
    stopper.restoreBest(theta);
    bestEpoch = stopper.bestEpoch;
  } else if (stopReason === 'diverged') {
    bestEpoch = epoch - 1;
  }
  const model = new LinearModel(
    train.labels,
    D,
    Float64Array.from(scores.weights(theta)),
    o.fitIntercept ? Float64Array.from(scores.bias(theta)!) : null,
  );
  return { model, history, stopReason, bestEpoch, epochs: epoch, seconds: (performance.now() - t0) / 1000 };
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let p = 0; p < x.length; p++) y[p] += a * x[p];
}

function norm(x: Float64Array): number {
  let s = 0;
  for (let p = 0; p < x.length; p++) s += x[p] * x[p];
  return Math.sqrt(s);
}

function withPreferredStorage(data: Dataset): Dataset {
  const X = preferredStorage(data.X);
  return X === data.X ? data : { ...data, X };
}
