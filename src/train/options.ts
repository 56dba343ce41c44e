import { type Dataset } from '../data/dataset.js';
import { type Label } from '../data/labels.js';
import { type Kernels } from '../kernels/kernels.js';
import { type LinearModel } from '../model/linear-model.js';
import { type ScoreModel } from '../model/score-model.js';
import { type ScoreFunction } from '../scores/score-function.js';
import { type LayerKernelName } from '../kernels/layer-select.js';
import { type MlpSpec, SequentialScores, checkMlpSpec } from '../scores/sequential.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';

/** Minibatch optimizers (epochs over shuffled data) and full-batch solvers (iterations). */
export type StochasticOptimizerName = 'sgd' | 'adagrad' | 'adam';
export type FullBatchOptimizerName = 'gd' | 'lbfgs' | 'newton' | 'dual-cd';
export type OptimizerName = StochasticOptimizerName | FullBatchOptimizerName;
export const STOCHASTIC_OPTIMIZERS: readonly StochasticOptimizerName[] = ['sgd', 'adagrad', 'adam'];
export const FULL_BATCH_OPTIMIZERS: readonly FullBatchOptimizerName[] = ['gd', 'lbfgs', 'newton', 'dual-cd'];
export const OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'adagrad', 'adam', 'gd', 'lbfgs', 'newton', 'dual-cd'];

export function isStochastic(o: OptimizerName): o is StochasticOptimizerName {
  return (STOCHASTIC_OPTIMIZERS as readonly string[]).includes(o);
}

/** How the learning rate moves over the run (t = fraction of the maxEpochs budget done). */
export type Schedule = 'constant' | 'cosine' | 'linear';
export const SCHEDULES: readonly Schedule[] = ['constant', 'cosine', 'linear'];

import { type EarlyStoppingState } from './early-stopping.js';

/** Why training stopped. */
export type StopReason =
  /** the validation loss did not improve for `patience` epochs (best weights restored) */
  | 'patience'
  /** stochastic: `maxEpochs` epochs were run */
  | 'max_epochs'
  /** full batch: ‖∇L‖∞ ≤ tol·max(1, |L|) */
  | 'gradient_tolerance'
  /** Newton: the predicted decrease of an unconstrained Newton step (≈ L − L*) fell below 1e-10·max(1, |L|) */
  | 'newton_decrement'
  /** the exact SVM solver: the duality gap P − D fell below tol·P, so P − P* ≤ tol·P */
  | 'duality_gap'
  /** full batch: the objective stopped decreasing (relative decrease below ftol) before the gradient tolerance */
  | 'relative_decrease'
  /** full batch: maxIter iterations without reaching the tolerance */
  | 'max_iter'
  /** full batch: the line search or trust region found no decrease */
  | 'line_search_failed'
  /** the loss became NaN or infinite (learning rate too large); the last finite weights are kept */
  | 'diverged'
  /** `signal` was aborted: stopped at the end of that epoch or iteration, with the best weights so far */
  | 'cancelled';

export interface EpochRecord {
  /** Epoch (stochastic) or iteration (full batch), from 1. */
  epoch: number;
  /**
   * Training cross-entropy after the epoch; with evaluateTrain false, the mean objective of the
   * epoch's steps, each measured before its update (what the optimizer saw; includes the penalty),
   * and for full-batch solvers the objective at the iterate. Margin losses (svm, perceptron)
   * report their training objective.
   */
  trainLoss: number;
  trainAccuracy: number;
  /** Validation cross-entropy; for margin losses (svm, perceptron) the validation error rate 1 − accuracy. */
  valLoss: number | null;
  valAccuracy: number | null;
  /** Seconds since training started, at the end of this epoch. */
  seconds: number;
}

/** A resumable snapshot of stochastic training after an epoch. */
export interface Checkpoint {
  epoch: number;
  theta: number[];
  optimizerState: { kind: string; step: number; slots: Record<string, number[]> };
  rng: number[];
  /** With validation data: the early-stopping state after this epoch, so a resumed run keeps the same best epoch. */
  earlyStopping?: EarlyStoppingState;
}

/**
 * The loss on scores: softmax cross-entropy (default), the multiclass SVM
 * hinge with costs, the perceptron, or binary logistic regression (two
 * classes, one weight vector).
 */
export type LossName = 'softmax' | 'svm' | 'perceptron' | 'logistic';
export const LOSSES: readonly LossName[] = ['softmax', 'svm', 'perceptron', 'logistic'];

export interface TrainOptions {
  /** Loss on the scores (default 'softmax'). */
  loss?: LossName;
  /**
   * Scores from a multilayer perceptron instead of the linear W·x + b:
   * `{ hidden: [256], activation: 'relu', dropout: 0 }`. Its defaults: Adam,
   * learning rate 0.001 (sgd 0.1), cosine schedule, 20 epochs.
   */
  mlp?: MlpSpec;
  /**
   * Scores from your own differentiable model f(x; θ) (a ScoreFunction: forward, backward,
   * penaltyMask; jacobianVector for newton), trained with every optimizer but dual-cd and every loss
   * but the binary logistic (one score; use softmax on two classes); the model
   * is then a ScoreModel over it. It takes the networks' defaults (Adam, learning rate 0.001,
   * cosine schedule); θ starts from its `initialize`, else at 0.
   */
  scores?: ScoreFunction;
  /** Networks: 'wasm-f32' (default), 'wasm' (float64 lanes) or 'reference'. */
  layerKernels?: LayerKernelName;
  /** 'svm': the cost matrix ℓ(y, y*), K×K row-major by true class (default 0/1). */
  costs?: Float64Array;
  /**
   * 'sgd' (default), 'adagrad' or 'adam': minibatch epochs; 'gd' (with a
   * backtracking line search), 'lbfgs' or 'newton' (trust-region Newton–CG):
   * full-batch solvers that run to a tolerance; 'dual-cd': the exact
   * Crammer–Singer SVM solver (loss 'svm' only; dual coordinate descent,
   * LIBLINEAR's -s 4 with costs; the bias, if any, is a penalized constant
   * feature of value 1 as LIBLINEAR's -B 1).
   */
  optimizer?: OptimizerName;
  /** Step size η > 0 (defaults: sgd 1.0, adagrad 0.5, adam 0.01, gd 0.5 as the first step tried). */
  learningRate?: number;
  /**
   * Learning-rate schedule over the maxEpochs budget: 'constant' η, 'cosine'
   * η·½(1 + cos πt) or 'linear' η·(1 − t), t the fraction of the budget done
   * (default 'cosine' for sgd, 'constant' otherwise).
   */
  schedule?: Schedule;
  /** sgd: momentum μ ∈ [0, 1) (default 0) and Nesterov's variant. */
  momentum?: number;
  nesterov?: boolean;
  /** Examples per minibatch (default 128). */
  batchSize?: number;
  /** Stochastic: epochs, and the budget the schedule spans (default 20). */
  maxEpochs?: number;
  /** Full batch: iterations at most (defaults gd 100, lbfgs 1000, newton 200). */
  maxIter?: number;
  /**
   * Full batch: stop when ‖∇L‖∞ ≤ tol·max(1, |L|) (default 1e-8: a test that does not depend on
   * the starting point); Newton also stops when its decrement says L − L* ≤ 1e-10·|L|.
   * The exact SVM solver (dual-cd): stop when the duality gap ≤ tol·P (default 1e-4).
   */
  tol?: number;
  /** Epochs without improvement of the validation cross-entropy before stopping (default 5; needs `validation`). */
  patience?: number;
  /** Smallest decrease of the validation cross-entropy that counts as improvement (default 0). */
  minDelta?: number;
  /**
   * Inverse L2 strength in scikit-learn's convention: L(θ) = Σᵢ wᵢ CEᵢ + ‖W‖²/(2C).
   * Full-batch solvers then report this sum; stochastic ones minimize the same
   * function divided by N. Default for lbfgs and newton: C = 1 (as scikit-learn).
   */
  C?: number;
  /** L2 strength λ on the mean objective, L(θ) = (1/N) Σᵢ wᵢ CEᵢ + (λ/2)‖W‖² (instead of C). */
  l2?: number;
  /**
   * L1 strength on the mean objective, + l1·‖W‖₁ (N·l1·‖W‖₁ in the sum convention of C), with exact
   * zeros: lbfgs becomes OWL-QN; minibatch optimizers apply the cumulative-penalty truncated
   * gradient. Without C or l2 there is then no L2 term.
   */
  l1?: number;
  /** Per-example weights, or per-class weights: 'balanced' gives class k the weight N / (K·N_k). */
  sampleWeight?: Float64Array;
  classWeight?: 'balanced' | Partial<Record<string, number>>;
  /** Learn a bias per class (default true; the bias is never penalised). */
  fitIntercept?: boolean;
  /** Seed of the minibatch order (default 0). */
  seed?: number;
  /** Held-out data for early stopping and the per-epoch history. */
  validation?: Dataset;
  /** Compute the full training-set loss and accuracy after every epoch (default true). */
  evaluateTrain?: boolean;
  /** Continue a stochastic run from a checkpoint (same data and options). */
  resumeFrom?: Checkpoint;
  /** Stochastic runs: called after every epoch with a resumable checkpoint (plain data: JSON-serializable). */
  onCheckpoint?: (checkpoint: Checkpoint) => void;
  kernels?: Kernels;
  /**
   * Called after every epoch with its record; `current()` builds the model of the weights at the
   * end of that epoch (a copy: for live views of the weights).
   */
  onEpoch?: (record: EpochRecord, current: () => LinearModel | ScoreModel) => void;
  /**
   * Cancels training: read after every epoch (or full-batch iteration); once `aborted` is true
   * training stops with stopReason 'cancelled' and returns the best weights so far (those of
   * the best validation epoch under early stopping, else the latest). An AbortSignal fits.
   */
  signal?: { readonly aborted: boolean };
  /** Called during an epoch with the fraction of it done (for progress bars). */
  onProgress?: (epoch: number, fraction: number) => void;
}

export interface ResolvedTrainOptions {
  loss: LossName;
  mlp: MlpSpec | null;
  optimizer: OptimizerName;
  learningRate: number;
  schedule: Schedule;
  momentum: number;
  nesterov: boolean;
  batchSize: number;
  maxEpochs: number;
  maxIter: number;
  tol: number;
  patience: number;
  minDelta: number;
  /** Regularization as resolved: C (sum convention) or λ (mean convention), never both. */
  C: number | null;
  l2: number;
  l1: number;
  fitIntercept: boolean;
  seed: number;
}

const DEFAULT_RATE: Record<OptimizerName, number> = { sgd: 1.0, adagrad: 0.5, adam: 0.01, gd: 0.5, lbfgs: 1, newton: 1, 'dual-cd': 1 };
/** Networks take smaller steps (their curvature is larger and uneven). */
const DEFAULT_NETWORK_RATE: Record<OptimizerName, number> = { sgd: 0.1, adagrad: 0.01, adam: 0.001, gd: 0.5, lbfgs: 1, newton: 1, 'dual-cd': 1 };
const DEFAULT_MAX_ITER: Record<FullBatchOptimizerName, number> = { gd: 100, lbfgs: 1000, newton: 200, 'dual-cd': 100000 };

/** The most parameters a model may have, as for linear models on files (2²⁸: 2 GiB of float64 per copy; the solvers keep several), checked before any is allocated. */
export const MAX_PARAMETERS = 2 ** 28;

/** Every option's name, to refuse misspelt ones from plain JavaScript (TypeScript checks object literals itself). */
export const TRAIN_OPTION_NAMES = optionNames<TrainOptions>()([
  'loss', 'mlp', 'scores', 'layerKernels', 'costs', 'optimizer', 'learningRate', 'schedule', 'momentum', 'nesterov',
  'batchSize', 'maxEpochs', 'maxIter', 'tol', 'patience', 'minDelta', 'C', 'l2', 'l1', 'sampleWeight', 'classWeight',
  'fitIntercept', 'seed', 'validation', 'evaluateTrain', 'resumeFrom', 'onCheckpoint', 'kernels', 'onEpoch', 'signal', 'onProgress',
]);

/** Fills defaults and refuses invalid values before any work, naming the option and its range. */
export function resolveTrainOptions(o: TrainOptions): ResolvedTrainOptions {
  refuseUnknownOptions(o, TRAIN_OPTION_NAMES, 'training');
  if (o.mlp !== undefined && o.scores !== undefined) throw new RangeError('mlp and scores both given: a network is one score function; choose one');
  if (o.scores !== undefined) checkScoreFunction(o.scores);
  // Networks and other score functions of the user's: nonlinear models, with the smaller steps of networks.
  const network = o.mlp !== undefined || o.scores !== undefined;
  const optimizer = o.optimizer ?? (network ? 'adam' : 'sgd');
  if (!OPTIMIZERS.includes(optimizer)) {
    throw new RangeError(`optimizer: unknown value ${JSON.stringify(optimizer)}; expected one of ${OPTIMIZERS.join(', ')}`);
  }
  if (o.C !== undefined && o.l2 !== undefined) throw new RangeError('C and l2 both given: choose one (C = 1/λ in the sum convention)');
  const fullBatch = !isStochastic(optimizer);
  const secondOrder = optimizer === 'lbfgs' || optimizer === 'newton' || optimizer === 'dual-cd';
  const loss = o.loss ?? 'softmax';
  if (!LOSSES.includes(loss)) throw new RangeError(`loss: unknown value ${JSON.stringify(loss)}; expected one of ${LOSSES.join(', ')}`);
  checkSolverFitsLoss(optimizer, loss);
  if (o.costs && loss !== 'svm') throw new RangeError('costs: only the svm loss uses a cost matrix');
  if (o.scores !== undefined) {
    if (loss === 'logistic') throw new RangeError('scores: binary logistic has one score per example; train your model with the softmax loss on the two classes');
    if (optimizer === 'dual-cd') throw new RangeError('scores: dual-cd solves the linear SVM only; train your own model with a minibatch optimizer (sgd, adagrad, adam)');
    if (optimizer === 'newton' && typeof o.scores.jacobianVector !== 'function') {
      throw new RangeError('optimizer newton: needs the score function\'s jacobianVector (J·u; check it with checkJacobianVector); without it use lbfgs');
    }
    if (o.scores instanceof SequentialScores && o.scores.spec().some((s) => s.type === 'dropout') && !isStochastic(optimizer)) {
      throw new RangeError(`dropout: the network has a dropout layer, which needs a minibatch optimizer (sgd, adagrad, adam); ${optimizer} evaluates the full objective`);
    }
    // Options of the built-in models: a score function has its own parameters and kernels.
    for (const key of ['fitIntercept', 'layerKernels'] as const) {
      if (o[key] !== undefined) throw new RangeError(`${key}: applies to the built-in linear models and networks; your score function decides its own biases and kernels`);
    }
  }
  if (o.mlp !== undefined) {
    checkMlpSpec(o.mlp!);
    if (loss === 'logistic') throw new RangeError('mlp: binary logistic has one score; train the network with the softmax loss on the two classes');
    if ((o.mlp!.dropout ?? 0) > 0 && !isStochastic(optimizer)) {
      throw new RangeError(`dropout: needs a minibatch optimizer (sgd, adagrad, adam); ${optimizer} evaluates the full objective`);
    }
  }
  const r: ResolvedTrainOptions = {
    loss,
    mlp: o.mlp !== undefined ? { hidden: [...o.mlp!.hidden], activation: o.mlp!.activation ?? 'relu', dropout: o.mlp!.dropout ?? 0 } : null,
    optimizer,
    learningRate: o.learningRate ?? (network ? DEFAULT_NETWORK_RATE : DEFAULT_RATE)[optimizer],
    schedule: o.schedule ?? (optimizer === 'sgd' || (network && isStochastic(optimizer)) ? 'cosine' : 'constant'),
    momentum: o.momentum ?? 0,
    nesterov: o.nesterov ?? false,
    batchSize: o.batchSize ?? 128,
    maxEpochs: o.maxEpochs ?? 20,
    maxIter: o.maxIter ?? (fullBatch ? (optimizer === 'gd' && o.maxEpochs !== undefined ? o.maxEpochs : DEFAULT_MAX_ITER[optimizer as FullBatchOptimizerName]) : 0),
    tol: o.tol ?? (optimizer === 'dual-cd' ? 1e-4 : 1e-8),
    patience: o.patience ?? 5,
    minDelta: o.minDelta ?? 0,
    // With l1 and no L2 strength given, no L2 term (the pure L1 problem).
    C: o.C ?? (o.l2 === undefined && !(o.l1 ?? 0) && secondOrder ? 1 : null),
    l2: o.l2 ?? 0,
    l1: o.l1 ?? 0,
    fitIntercept: o.fitIntercept ?? true,
    seed: o.seed ?? 0,
  };
  positive('learningRate', r.learningRate);
  if (!SCHEDULES.includes(r.schedule)) {
    throw new RangeError(`schedule: unknown value ${JSON.stringify(r.schedule)}; expected one of ${SCHEDULES.join(', ')}`);
  }
  if (!(r.momentum >= 0 && r.momentum < 1)) throw new RangeError(`momentum must be in [0, 1), got ${r.momentum}`);
  if (r.nesterov && r.momentum === 0) throw new RangeError('nesterov needs a momentum > 0');
  integerAtLeast('batchSize', r.batchSize, 1);
  integerAtLeast('maxEpochs', r.maxEpochs, 1);
  if (fullBatch) integerAtLeast('maxIter', r.maxIter, 1);
  integerAtLeast('patience', r.patience, 1);
  nonNegative('minDelta', r.minDelta);
  nonNegative('tol', r.tol);
  if (r.C !== null) positive('C', r.C);
  nonNegative('l2', r.l2);
  nonNegative('l1', r.l1);
  if (r.l1 > 0 && fullBatch && optimizer !== 'lbfgs') {
    throw new RangeError(`l1: full batch needs lbfgs (which becomes OWL-QN) or a stochastic optimizer (sgd, adagrad, adam); ${optimizer} is smooth-only`);
  }
  if (!Number.isInteger(r.seed)) throw new RangeError(`seed must be an integer, got ${r.seed}`);
  return r;
}

/** A score function given from plain JavaScript: what the objective calls must be there. */
function checkScoreFunction(s: ScoreFunction): void {
  if (typeof s !== 'object' || s === null) throw new TypeError(`scores must be a ScoreFunction object, got ${s === null ? 'null' : typeof s}`);
  for (const name of ['numClasses', 'numFeatures', 'numParams'] as const) {
    if (!(Number.isInteger(s[name]) && s[name] >= 1)) throw new RangeError(`scores.${name} must be an integer ≥ 1, got ${String(s[name])}`);
  }
  // Before penaltyMask() allocates its numParams bytes.
  if (s.numParams > MAX_PARAMETERS) throw new RangeError(`the score function has ${s.numParams.toLocaleString('en-US')} parameters, more than the ${MAX_PARAMETERS.toLocaleString('en-US')} argmax trains`);
  for (const name of ['forward', 'backward', 'penaltyMask'] as const) {
    if (typeof s[name] !== 'function') throw new TypeError(`scores.${name} must be a function (a ScoreFunction has forward, backward and penaltyMask)`);
  }
  const mask = s.penaltyMask();
  if (!(mask instanceof Uint8Array) || mask.length !== s.numParams) throw new RangeError(`scores.penaltyMask() must return a Uint8Array of numParams = ${s.numParams} values`);
}

/**
 * The margin losses are piecewise linear: smooth full-batch solvers stall at
 * their kinks (from θ = 0 the chosen subgradient of the hinge can point
 * uphill), so they are refused with a pointer to the solver that fits.
 */
function checkSolverFitsLoss(optimizer: OptimizerName, loss: LossName): void {
  const margin = loss === 'svm' || loss === 'perceptron';
  if (optimizer === 'dual-cd' && loss !== 'svm') {
    throw new RangeError(`optimizer: dual-cd is the exact solver of the multiclass SVM (loss svm); for the ${loss} loss use ${margin ? 'sgd, adagrad or adam' : 'newton or lbfgs'}`);
  }
  if (margin && (optimizer === 'gd' || optimizer === 'lbfgs' || optimizer === 'newton')) {
    throw new RangeError(
      `optimizer: ${optimizer} needs a differentiable loss; the ${loss} loss is a piecewise-linear hinge where it stalls. ` +
        (loss === 'svm' ? 'Use dual-cd (the exact SVM solver) or a minibatch optimizer (sgd, adagrad, adam)' : 'Use a minibatch optimizer (sgd, adagrad, adam)'),
    );
  }
}

/** The learning-rate multiplier at fraction t ∈ [0, 1] of the budget. */
export function scheduleFactor(schedule: Schedule, t: number): number {
  if (schedule === 'cosine') return 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t)));
  if (schedule === 'linear') return Math.max(0, 1 - t);
  return 1;
}

/** Per-example weights from sample and class weights (null when all are 1). */
export function exampleWeights(data: Dataset, o: TrainOptions): Float64Array | null {
  const N = data.X.rows;
  if (!o.sampleWeight && !o.classWeight) return null;
  const w = o.sampleWeight ? Float64Array.from(o.sampleWeight) : new Float64Array(N).fill(1);
  if (w.length !== N) throw new RangeError(`sampleWeight has ${w.length} values but the data has ${N} examples`);
  for (let i = 0; i < N; i++) if (!(w[i] >= 0 && Number.isFinite(w[i]))) throw new RangeError(`sampleWeight[${i}] is ${w[i]}; weights must be finite and ≥ 0`);
  if (o.classWeight) {
    const K = data.labels.size;
    const perClass = new Float64Array(K);
    if (o.classWeight === 'balanced') {
      const counts = new Float64Array(K);
      for (const k of data.y) counts[k]++;
      for (let k = 0; k < K; k++) perClass[k] = counts[k] > 0 ? N / (K * counts[k]) : 0;
    } else {
      perClass.fill(1);
      for (const [label, value] of Object.entries(o.classWeight)) {
        const k = data.labels.labels.findIndex((l: Label) => String(l) === label);
        if (k < 0) throw new RangeError(`classWeight: label ${JSON.stringify(label)} is not one of the data's labels`);
        if (!(value! >= 0 && Number.isFinite(value))) throw new RangeError(`classWeight[${JSON.stringify(label)}] must be a finite number ≥ 0, got ${value}`);
        perClass[k] = value!;
      }
    }
    for (let i = 0; i < N; i++) w[i] *= perClass[data.y[i]];
  }
  return w;
}

function positive(name: string, v: number): void {
  if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`${name} must be a finite number > 0, got ${v}`);
}
function nonNegative(name: string, v: number): void {
  if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${v}`);
}
function integerAtLeast(name: string, v: number, min: number): void {
  if (!(Number.isInteger(v) && v >= min)) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${v}`);
}
