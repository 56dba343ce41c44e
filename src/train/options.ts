import { type Dataset } from '../data/dataset.js';
import { type Kernels } from '../kernels/kernels.js';

export type OptimizerName = 'gd' | 'sgd';

/** How the learning rate moves over the run (t = fraction of the maxEpochs budget done). */
export type Schedule = 'constant' | 'cosine' | 'linear';
export const SCHEDULES: readonly Schedule[] = ['constant', 'cosine', 'linear'];
export const OPTIMIZERS: readonly OptimizerName[] = ['gd', 'sgd'];

/** Why training stopped. */
export type StopReason =
  /** the validation loss did not improve for `patience` epochs (best weights restored) */
  | 'patience'
  /** `maxEpochs` epochs were run */
  | 'max_epochs'
  /** full-batch only: ‖∇L‖ ≤ tol·‖∇L₀‖ */
  | 'converged'
  /** the loss became NaN or infinite (learning rate too large); the last finite weights are kept */
  | 'diverged';

export interface EpochRecord {
  epoch: number;
  /**
   * Training cross-entropy after the epoch; with evaluateTrain false, the mean objective of the
   * epoch's steps, each measured before its update (what the optimizer saw; includes the L2 term).
   */
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
  /** Seconds since training started, at the end of this epoch. */
  seconds: number;
}

export interface TrainOptions {
  /** 'sgd' (minibatch stochastic gradient descent, default) or 'gd' (full-batch gradient descent). */
  optimizer?: OptimizerName;
  /** Step size η > 0 (default 1.0 for sgd, 0.5 for gd). */
  learningRate?: number;
  /**
   * Learning-rate schedule over the maxEpochs budget: 'constant' η, 'cosine'
   * η·½(1 + cos πt) or 'linear' η·(1 − t), t the fraction of the budget done
   * (default 'cosine' for sgd, 'constant' for gd).
   */
  schedule?: Schedule;
  /** Examples per minibatch for sgd (default 128). */
  batchSize?: number;
  /** Upper bound on epochs, and the budget the schedule spans (default 20 for sgd, 100 for gd). */
  maxEpochs?: number;
  /** Epochs without improvement of the validation cross-entropy before stopping (default 5; needs `validation`). */
  patience?: number;
  /** Smallest decrease of the validation cross-entropy that counts as improvement (default 0). */
  minDelta?: number;
  /** gd only: stop when ‖∇L‖ ≤ tol·‖∇L₀‖ (default 1e-6). */
  tol?: number;
  /** L2 strength λ in L(θ) = mean CE + (λ/2)‖W‖² (default 0; the bias is not penalised). */
  l2?: number;
  /** Learn a bias per class (default true). */
  fitIntercept?: boolean;
  /** Seed of the minibatch order (default 0). */
  seed?: number;
  /** Held-out data for early stopping and the per-epoch history. */
  validation?: Dataset;
  /** Compute the full training-set loss and accuracy after every epoch (default true). */
  evaluateTrain?: boolean;
  kernels?: Kernels;
  /** Called after every epoch with its record. */
  onEpoch?: (record: EpochRecord) => void;
  /** Called during an epoch with the fraction of it done (for progress bars). */
  onProgress?: (epoch: number, fraction: number) => void;
}

export interface ResolvedTrainOptions {
  optimizer: OptimizerName;
  learningRate: number;
  schedule: Schedule;
  batchSize: number;
  maxEpochs: number;
  patience: number;
  minDelta: number;
  tol: number;
  l2: number;
  fitIntercept: boolean;
  seed: number;
}

/** Fills defaults and refuses invalid values before any work, naming the option and its range. */
export function resolveTrainOptions(o: TrainOptions): ResolvedTrainOptions {
  const optimizer = o.optimizer ?? 'sgd';
  if (!OPTIMIZERS.includes(optimizer)) {
    throw new RangeError(`optimizer: unknown value ${JSON.stringify(optimizer)}; expected one of ${OPTIMIZERS.join(', ')}`);
  }
  const r: ResolvedTrainOptions = {
    optimizer,
    learningRate: o.learningRate ?? (optimizer === 'gd' ? 0.5 : 1.0),
    schedule: o.schedule ?? (optimizer === 'sgd' ? 'cosine' : 'constant'),
    batchSize: o.batchSize ?? 128,
    maxEpochs: o.maxEpochs ?? (optimizer === 'gd' ? 100 : 20),
    patience: o.patience ?? 5,
    minDelta: o.minDelta ?? 0,
    tol: o.tol ?? 1e-6,
    l2: o.l2 ?? 0,
    fitIntercept: o.fitIntercept ?? true,
    seed: o.seed ?? 0,
  };
  positive('learningRate', r.learningRate);
  if (!SCHEDULES.includes(r.schedule)) {
    throw new RangeError(`schedule: unknown value ${JSON.stringify(r.schedule)}; expected one of ${SCHEDULES.join(', ')}`);
  }
  integerAtLeast('batchSize', r.batchSize, 1);
  integerAtLeast('maxEpochs', r.maxEpochs, 1);
  integerAtLeast('patience', r.patience, 1);
  nonNegative('minDelta', r.minDelta);
  nonNegative('tol', r.tol);
  nonNegative('l2', r.l2);
  if (!Number.isInteger(r.seed)) throw new RangeError(`seed must be an integer, got ${r.seed}`);
  return r;
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

/** The learning-rate multiplier at fraction t ∈ [0, 1] of the budget. */
export function scheduleFactor(schedule: Schedule, t: number): number {
  if (schedule === 'cosine') return 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t)));
  if (schedule === 'linear') return Math.max(0, 1 - t);
  return 1;
}
