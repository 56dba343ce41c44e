import { type Dataset, assertTrainable } from '../data/dataset.js';
import { preferredStorage } from '../data/csr.js';
import { defaultKernels } from '../kernels/select.js';
import { matrixArrays, withHeldData } from '../kernels/held-data.js';
import { softmaxCrossEntropy } from '../losses/softmax-cross-entropy.js';
import { checkCosts, multiclassHinge, perceptronLoss } from '../losses/multiclass-hinge.js';
import { binaryLogistic } from '../losses/binary-logistic.js';
import { type LabelTable } from '../data/labels.js';
import { LinearModel } from '../model/linear-model.js';
import { EmpiricalRisk } from '../objective/empirical-risk.js';
import { gradientDescent } from '../optim/gradient-descent.js';
import { lbfgs } from '../optim/lbfgs.js';
import { owlqn } from '../optim/owlqn.js';
import { cumulativeL1 } from '../optim/truncated-gradient.js';
import { newtonCg } from '../optim/newton-cg.js';
import { type SolverStatus } from '../optim/status.js';
import { adagrad, adam, sgd, stateFromJson, stateToJson, type StochasticOptimizer } from '../optim/stochastic.js';
import { Random } from '../random.js';
import { type DualCertificate, trainCrammerSinger } from '../svm/train-crammer-singer.js';
import { LinearScores } from '../scores/linear.js';
import { type ScoreFunction } from '../scores/score-function.js';
import { type MlpSpec, SequentialScores, mlpLayers } from '../scores/sequential.js';
import { createLayerKernels } from '../kernels/layer-select.js';
import { NetworkModel } from '../model/network-model.js';
import { ScoreModel } from '../model/score-model.js';
import { ParameterArena } from '../optim/parameter-arena.js';
import { cpuSeconds } from './cpu-time.js';
import { EarlyStopping } from './early-stopping.js';
import { evaluate } from './evaluate.js';
import {
  type Checkpoint, type EpochRecord, type LossName, type ResolvedTrainOptions, type StopReason, type TrainOptions,
  MAX_PARAMETERS, exampleWeights, isStochastic, resolveTrainOptions, scheduleFactor,
} from './options.js';

export { MAX_PARAMETERS } from './options.js';

export interface TrainResult<M extends LinearModel | ScoreModel = LinearModel | ScoreModel> {
  model: M;
  history: EpochRecord[];
  stopReason: StopReason;
  /** Whether the run ended by meeting its criterion (converged, or early stopping / the epoch budget for stochastic runs). */
  converged: boolean;
  /** Epoch or iteration whose weights the model holds (the best validation epoch under early stopping). */
  bestEpoch: number;
  /** Epochs (stochastic) or iterations (full batch) run. */
  epochs: number;
  /**
   * The training objective at the returned weights: with C, Σᵢ wᵢ CEᵢ + ‖W‖²/(2C)
   * (scikit-learn's convention); otherwise (1/N) Σᵢ wᵢ CEᵢ + (λ/2)‖W‖² (+ l1‖W‖₁).
   */
  objective: number;
  /** Full-batch solvers: iterations, evaluations, gradient norms, objective trace. */
  solver: SolverStatus | null;
  /** Stochastic runs: the state after the last epoch, to resume from. */
  checkpoint: Checkpoint | null;
  seconds: number;
  /** CPU seconds of this process over training (user + system; null where the platform does not tell, e.g. browsers). */
  cpuSeconds: number | null;
  /** The exact SVM solver (dual-cd): primal, dual, duality gap. */
  dual?: DualCertificate;
}

/**
 * Trains softmax regression with θ = [W, b] starting at 0 (or a network with
 * `mlp`, or your own score function f(x; θ) with `scores`):
 * minibatch optimizers (sgd, adagrad, adam) over shuffled epochs, or
 * full-batch solvers (gd, lbfgs, newton) to a gradient tolerance. With a
 * validation set, early stopping watches the validation cross-entropy and
 * restores the weights of its best epoch.
 */
export function trainSoftmax(trainData: Dataset, options?: TrainOptions & { mlp?: undefined; scores?: undefined }): TrainResult<LinearModel>;
export function trainSoftmax(trainData: Dataset, options: TrainOptions & { mlp: MlpSpec; scores?: undefined }): TrainResult<NetworkModel>;
export function trainSoftmax<S extends ScoreFunction>(trainData: Dataset, options: TrainOptions & { scores: S; mlp?: undefined }): TrainResult<ScoreModel<S>>;
export function trainSoftmax(trainData: Dataset, options?: TrainOptions): TrainResult;
export function trainSoftmax(trainData: Dataset, options: TrainOptions = {}): TrainResult {
  const o = resolveTrainOptions(options);
  assertTrainable(trainData);
  if (o.optimizer === 'dual-cd') {
    const cpuStart = cpuSeconds();
    const r = trainCrammerSinger(trainData, options, o);
    return { ...r, cpuSeconds: cpuStart === null ? null : cpuSeconds()! - cpuStart };
  }
  // Sparse data (e.g. MNIST, 81% zero pixels) trains on its CSR form: the kernels then skip the zeros.
  // A score function of the user's reads the data in the storage given (it may read dense rows only).
  const storage = options.scores ? (d: Dataset) => d : withPreferredStorage;
  const train = storage(trainData);
  const validation = options.validation ? storage(options.validation) : undefined;
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
  const N = train.X.rows;
  if (o.loss === 'logistic' && K !== 2) {
    throw new RangeError(`loss logistic: binary logistic regression needs exactly 2 classes, the data has ${K} (use softmax, or the one-vs-all reduction)`);
  }
  // Binary logistic regression has one score per example (one weight vector), the others one per class.
  const numScores = o.loss === 'logistic' ? 1 : K;
  const scores: ScoreFunction = options.scores
    ?? (o.mlp
      ? new SequentialScores(mlpLayers(D, numScores, o.mlp, o.fitIntercept), createLayerKernels(options.layerKernels))
      : new LinearScores(numScores, D, o.fitIntercept, options.kernels ?? defaultKernels()));
  if (scores.numParams > MAX_PARAMETERS) {
    const [shape, remedy] =
      options.scores ? ['the score function', 'fewer parameters']
      : o.mlp ? [`the network ${[D, ...o.mlp.hidden, numScores].join(' → ')}`, 'smaller hidden layers']
      : [`${numScores} scores × ${D} features`, 'fewer features'];
    throw new RangeError(`${shape} would have ${scores.numParams.toLocaleString('en-US')} parameters, more than the ${MAX_PARAMETERS.toLocaleString('en-US')} argmax trains; use ${remedy}`);
  }
  const stochastic = isStochastic(o.optimizer);
  // With C: the sum convention for full-batch solvers (objective comparable with scikit-learn),
  // the same minimizer divided by N for minibatch steps.
  const sumConvention = o.C !== null && !stochastic;
  const loss =
    o.loss === 'svm' ? multiclassHinge(options.costs ? checkCosts(options.costs, K) : null)
    : o.loss === 'perceptron' ? perceptronLoss
    : o.loss === 'logistic' ? binaryLogistic
    : softmaxCrossEntropy;
  const sampleWeight = exampleWeights(trainData, options);
  const risk = new EmpiricalRisk(scores, loss, train, {
    reduction: sumConvention ? 'sum' : 'mean',
    l2: o.C !== null ? (sumConvention ? 1 / o.C : 1 / (o.C * N)) : o.l2,
    sampleWeight,
    secondOrder: o.optimizer === 'newton',
  });
  // Minibatch runs keep θ, its gradient and the optimizer's slots in WebAssembly memory, where the
  // update over every parameter runs in SIMD (same bits as the TypeScript loop); the reference
  // backend keeps them in ordinary arrays.
  const referenceOnly = (options.kernels ?? defaultKernels()).name === 'reference' || options.layerKernels === 'reference';
  const arena = stochastic && !referenceOnly ? ParameterArena.create(scores.numParams, optimizerSlots(o)) : null;
  const theta = arena ? arena.theta : new Float64Array(scores.numParams);
  // Networks start from seeded random weights (a stream apart from the minibatch order's); linear models from 0.
  scores.initialize?.(theta, new Random(o.seed).fork());
  const stopper = validation ? new EarlyStopping(o.patience, o.minDelta) : null;
  if (stopper && options.resumeFrom?.earlyStopping) stopper.restore(options.resumeFrom.earlyStopping);
  const history: EpochRecord[] = [];
  const t0 = performance.now();
  const cpu0 = cpuSeconds();
  const evalTrain = options.evaluateTrain ?? true;

  const scoreKind = o.loss === 'svm' || o.loss === 'perceptron' ? 'margin' : 'softmax';
  /** The model of the current weights (a copy). */
  // A score function given by the user (even a LinearScores or SequentialScores) gives the ScoreModel its type promises.
  const current = (): LinearModel | ScoreModel =>
    scores instanceof SequentialScores ? new NetworkModel(train.labels, scores, Float64Array.from(theta), scoreKind)
    : scores instanceof LinearScores && !options.scores ? modelFromParameters(train.labels, D, numScores, scores.weights(theta), o.fitIntercept ? scores.bias(theta) : null, o.loss)
    : new ScoreModel(train.labels, scores, Float64Array.from(theta), scoreKind);
  /** Records an epoch; says why to stop (early stopping, divergence, cancellation) or null to go on. */
  const endEpoch = (epoch: number, runningLoss: number): 'patience' | 'diverged' | 'cancelled' | null => {
    const tr = evalTrain ? evaluate(scores, theta, train) : { crossEntropy: runningLoss, accuracy: NaN };
    const va = validation ? evaluate(scores, theta, validation) : null;
    // Margin losses' scores are not probabilities: report their own objective and the validation error rate.
    const margin = o.loss === 'svm' || o.loss === 'perceptron';
    const record: EpochRecord = {
      epoch,
      trainLoss: margin && evalTrain ? risk.value(theta) : tr.crossEntropy,
      trainAccuracy: tr.accuracy,
      valLoss: va ? (margin ? 1 - va.accuracy : va.crossEntropy) : null,
      valAccuracy: va ? va.accuracy : null,
      seconds: (performance.now() - t0) / 1000,
    };
    history.push(record);
    options.onEpoch?.(record, current);
    if (!Number.isFinite(va ? va.crossEntropy : runningLoss) && (o.loss === 'softmax' || o.loss === 'logistic')) return 'diverged';
    if (!Number.isFinite(runningLoss)) return 'diverged';
    // Softmax watches the validation cross-entropy; the margin losses, whose scores are not
    // probabilities, watch the validation error rate.
    const probabilistic = o.loss === 'softmax' || o.loss === 'logistic';
    if (stopper && va && stopper.observe(epoch, probabilistic ? va.crossEntropy : 1 - va.accuracy, theta)) return 'patience';
    return options.signal?.aborted ? 'cancelled' : null;
  };

  // The training data does not change during the run: the wasm kernels keep one copy of it.
  const held = [...matrixArrays(train.X), train.y, sampleWeight, ...(validation ? [...matrixArrays(validation.X), validation.y] : [])];
  // The final objective is computed under the same hold, so that it reuses that copy instead of making another.
  const { run, bestEpoch, objective } = withHeldData(held, () => {
    const run = stochastic ? runStochastic(o, options, risk, theta, N, endEpoch, arena, stopper) : runFullBatch(o, options, risk, theta, endEpoch);
    // A diverged minibatch run keeps the weights from before its last epoch.
    let bestEpoch = stochastic && run.stopReason === 'diverged' ? run.epochs - 1 : run.epochs;
    if (stopper && stopper.bestEpoch > 0) {
      stopper.restoreBest(theta);
      bestEpoch = stopper.bestEpoch;
    }
    const objective = risk.value(theta) + (o.l1 > 0 ? l1Strength(o, risk) * l1Norm(theta, risk.penaltyMask) : 0);
    return { run, bestEpoch, objective };
  });
  const model = current();
  const converged =
    run.stopReason === 'cancelled' ? false
    : run.solver ? run.solver.converged || run.stopReason === 'patience'
    : run.stopReason !== 'diverged';
  return {
    model, history, stopReason: run.stopReason, converged, bestEpoch, epochs: run.epochs, objective,
    solver: run.solver, checkpoint: run.checkpoint, seconds: (performance.now() - t0) / 1000,
    cpuSeconds: cpu0 === null ? null : cpuSeconds()! - cpu0,
  };
}

interface RunOutcome {
  stopReason: StopReason;
  epochs: number;
  solver: SolverStatus | null;
  checkpoint: Checkpoint | null;
}

type EndEpoch = (epoch: number, runningLoss: number) => 'patience' | 'diverged' | 'cancelled' | null;

/** Per-parameter arrays the stochastic optimizer keeps: Adam two moments, AdaGrad one sum, SGD a velocity with momentum. */
function optimizerSlots(o: ResolvedTrainOptions): number {
  return o.optimizer === 'adam' ? 2 : o.optimizer === 'adagrad' || o.momentum > 0 ? 1 : 0;
}

function makeStochastic(o: ResolvedTrainOptions): StochasticOptimizer {
  if (o.optimizer === 'adagrad') return adagrad();
  if (o.optimizer === 'adam') return adam();
  return sgd(o.momentum, o.nesterov);
}

function runStochastic(
  o: ResolvedTrainOptions, options: TrainOptions, risk: EmpiricalRisk, theta: Float64Array, N: number, endEpoch: EndEpoch,
  arena: ParameterArena | null,
  stopper: EarlyStopping | null = null,
): RunOutcome {
  const opt = makeStochastic(o);
  const rng = new Random(o.seed);
  const state = opt.init(theta.length);
  if (arena) state.slots = arena.adopt(state.slots);
  let epoch = 0;
  if (options.resumeFrom) {
    const c = options.resumeFrom;
    if (c.theta.length !== theta.length) throw new RangeError(`resumeFrom: checkpoint has ${c.theta.length} parameters, the model ${theta.length}`);
    if (c.optimizerState.kind !== opt.name) throw new RangeError(`resumeFrom: checkpoint of ${c.optimizerState.kind}, training with ${opt.name}`);
    theta.set(c.theta);
    const saved = stateFromJson(c.optimizerState);
    state.step = saved.step;
    for (const [name, values] of Object.entries(saved.slots)) {
      // The L1 penalty's slots are made by its first step (truncated-gradient.ts): a resumed L1 run makes them here.
      if (o.l1 > 0 && (name === 'l1Total' || name === 'l1Applied')) state.slots[name] ??= new Float64Array(theta.length);
      if (!state.slots[name] || state.slots[name].length !== values.length) throw new RangeError(`resumeFrom: optimizer slot ${JSON.stringify(name)} does not fit this run`);
      state.slots[name].set(values);
    }
    rng.setState(c.rng);
    epoch = c.epoch;
  }
  const grad = arena ? arena.grad : new Float64Array(theta.length);
  const lastFinite = new Float64Array(theta.length);
  const penalised = risk.penaltyMask;
  let stopReason: StopReason = 'max_epochs';
  while (epoch < o.maxEpochs) {
    epoch++;
    lastFinite.set(theta);
    let runningLoss = 0;
    const order = rng.permutation(N);
    const batches = Math.ceil(N / o.batchSize);
    // Dropout draws from the same seeded stream as the order, so checkpoints resume it exactly.
    risk.scores.setTraining?.(rng);
    for (let b = 0; b < batches; b++) {
      const batch = order.subarray(b * o.batchSize, (b + 1) * o.batchSize);
      runningLoss += (risk.valueAndGradientOn(theta, batch, grad) * batch.length) / N;
      // Progress through the budget counts steps: the schedule ends at 0 after the last step.
      const lr = o.learningRate * scheduleFactor(o.schedule, (epoch - 1 + b / batches) / o.maxEpochs);
      opt.update(theta, grad, state, lr);
      if (o.l1 > 0) cumulativeL1(theta, penalised, state, lr, o.l1);
      if (options.onProgress && (b & 63) === 63) options.onProgress(epoch, (b + 1) / batches);
    }
    risk.scores.setTraining?.(null);
    options.onProgress?.(epoch, 1);
    const stop = endEpoch(epoch, runningLoss);
    if (stop === 'diverged') {
      theta.set(lastFinite);
      stopReason = 'diverged';
      break;
    }
    // After endEpoch, so the checkpoint holds this epoch's early-stopping observation too.
    options.onCheckpoint?.(checkpointOf(epoch, theta, state, rng, stopper));
    if (stop) {
      stopReason = stop;
      break;
    }
  }
  return { stopReason, epochs: epoch, solver: null, checkpoint: checkpointOf(epoch, theta, state, rng, stopper) };
}

function checkpointOf(epoch: number, theta: Float64Array, state: ReturnType<StochasticOptimizer['init']>, rng: Random, stopper: EarlyStopping | null): Checkpoint {
  return { epoch, theta: Array.from(theta), optimizerState: stateToJson(state), rng: rng.getState(), ...(stopper ? { earlyStopping: stopper.state() } : {}) };
}

function runFullBatch(o: ResolvedTrainOptions, options: TrainOptions, risk: EmpiricalRisk, theta: Float64Array, endEpoch: EndEpoch): RunOutcome {
  let stopReason: StopReason | null = null;
  const onIteration = (iteration: number, _x: Float64Array, value: number) => {
    options.onProgress?.(iteration, 1);
    const stop = endEpoch(iteration, value);
    if (stop) stopReason = stop;
    return stop !== null;
  };
  const common = { tol: o.tol, maxIter: o.maxIter, onIteration };
  const solver =
    o.optimizer === 'lbfgs' ? (o.l1 > 0 ? owlqn(risk, theta, l1Strength(o, risk), risk.penaltyMask, common) : lbfgs(risk, theta, common))
    : o.optimizer === 'newton' ? newtonCg(risk, theta, common)
    : gradientDescent(risk, theta, { ...common, learningRate: o.learningRate });
  const reason: StopReason = stopReason ?? (solver.reason === 'callback' ? 'patience' : solver.reason);
  return { stopReason: reason, epochs: solver.iterations, solver, checkpoint: null };
}

/** l1 is set on the mean objective; the sum convention (with C) is N times it. */
function l1Strength(o: ResolvedTrainOptions, risk: EmpiricalRisk): number {
  return o.l1 * (risk.reduction === 'sum' ? risk.data.X.rows : 1);
}

function l1Norm(theta: Float64Array, penalised: Uint8Array): number {
  let s = 0;
  for (let p = 0; p < theta.length; p++) if (penalised[p]) s += Math.abs(theta[p]);
  return s;
}

function withPreferredStorage(data: Dataset): Dataset {
  const X = preferredStorage(data.X);
  return X === data.X ? data : { ...data, X };
}

/**
 * The classifier for trained parameters. Binary logistic regression's single
 * weight vector w becomes the two rows [0, w]: argmax then predicts class 1
 * exactly when w·x + b > 0, and softmax([0, z]) = [1 − σ(z), σ(z)], its
 * probabilities. Margin losses give scores that are not probabilities.
 */
function modelFromParameters(labels: LabelTable, D: number, numScores: number, W: Float64Array, b: Float64Array | null, loss: LossName): LinearModel {
  const scoreKind = loss === 'svm' || loss === 'perceptron' ? 'margin' : 'softmax';
  if (numScores === 1) {
    const W2 = new Float64Array(2 * D);
    W2.set(W, D);
    return new LinearModel(labels, D, W2, b ? Float64Array.from([0, b[0]]) : null, scoreKind);
  }
  return new LinearModel(labels, D, Float64Array.from(W), b ? Float64Array.from(b) : null, scoreKind);
}
