import { KERNEL_NAMES, setDefaultKernels } from '../kernels/select.js';
import { OPTIMIZERS, SCHEDULES, type ResolvedTrainOptions, type StopReason, type TrainOptions } from '../train/options.js';
import { choiceFlag, numberFlag } from './args.js';

/** The training flags shared by the commands that train (for util.parseArgs). */
export const TRAIN_FLAG_SPECS = {
  optimizer: { type: 'string' },
  lr: { type: 'string' },
  schedule: { type: 'string' },
  'batch-size': { type: 'string' },
  epochs: { type: 'string' },
  patience: { type: 'string' },
  l2: { type: 'string' },
  C: { type: 'string' },
  l1: { type: 'string' },
  tol: { type: 'string' },
  'max-iter': { type: 'string' },
  momentum: { type: 'string' },
  nesterov: { type: 'boolean' },
  'class-weight': { type: 'string' },
  seed: { type: 'string' },
  kernels: { type: 'string' },
} as const;

/** Flags of the commands that split mnist:train into training and validation sets. */
export const SPLIT_FLAG_SPECS = { 'val-size': { type: 'string' } } as const;
export const SPLIT_FLAG_HELP = '  --val-size n         validation examples held out of mnist:train (default 10000)';

export function readValSize(values: Record<string, any>, available: number): number {
  return numberFlag(values, 'val-size', 10000, { integer: true, min: 1, max: available - 2 });
}

export const TRAIN_FLAG_HELP = `Training options:
  --optimizer o        minibatch: sgd (default), adagrad, adam; full batch: gd, lbfgs, newton;
                       dual-cd: the exact multiclass SVM solver (--model svm; default there on files)
  --lr η               learning rate (defaults: sgd 1.0, adagrad 0.5, adam 0.01, gd 0.5)
  --schedule s         learning-rate schedule over the epoch budget: cosine (sgd default), linear, constant
  --momentum μ         sgd momentum in [0, 1) (default 0); --nesterov for Nesterov's variant
  --batch-size n       examples per minibatch (default 128)
  --epochs n           minibatch optimizers: epochs, the schedule's budget (default 20)
  --max-iter n         full-batch solvers: iterations at most (gd 100, lbfgs 1000, newton 200, dual-cd 100000 sweeps)
  --tol t              full-batch solvers: stop when ‖∇L‖∞ ≤ t·max(1, |L|) (default 1e-8; Newton also
                       stops when its decrement predicts L − L* ≤ 1e-10·|L|); dual-cd: duality gap ≤ t·primal (1e-4)
  --patience n         with validation data: stop after n epochs without a lower validation cross-entropy (default 5)
  --C c                inverse L2 strength, L = Σ CE + ‖W‖²/(2C) as scikit-learn (default 1 for lbfgs/newton)
  --l2 λ               L2 strength on the mean objective, L = mean CE + λ/2·‖W‖² (instead of --C; default 0)
  --l1 α               L1 strength, + α‖W‖₁ on the mean objective (minibatch optimizers; with --l2: elastic net)
  --class-weight w     balanced: weight class k by N / (K·N_k); none: all 1 (default: balanced for files, none for built-in data)
  --seed n             seed of the split and the minibatch order (default 0)
  --kernels k          compute backend: ${KERNEL_NAMES.join(', ')} (default wasm; also env ARGMAX_KERNELS)`;

export interface TrainFlags {
  options: TrainOptions;
  seed: number;
}

/** Reads the training flags; unset flags stay undefined so the library's defaults apply. */
export function readTrainFlags(values: Record<string, any>): TrainFlags {
  const kernels = choiceFlag(values, 'kernels', KERNEL_NAMES, undefined);
  if (kernels) setDefaultKernels(kernels);
  const seed = numberFlag(values, 'seed', 0, { integer: true, min: 0 });
  return {
    seed,
    options: {
      optimizer: choiceFlag(values, 'optimizer', OPTIMIZERS, undefined),
      learningRate: numberFlag(values, 'lr', undefined, { exclusiveMin: 0 }),
      schedule: choiceFlag(values, 'schedule', SCHEDULES, undefined),
      batchSize: numberFlag(values, 'batch-size', undefined, { integer: true, min: 1 }),
      maxEpochs: numberFlag(values, 'epochs', undefined, { integer: true, min: 1 }),
      patience: numberFlag(values, 'patience', undefined, { integer: true, min: 1 }),
      l2: numberFlag(values, 'l2', undefined, { min: 0 }),
      C: numberFlag(values, 'C', undefined, { exclusiveMin: 0 }),
      l1: numberFlag(values, 'l1', undefined, { min: 0 }),
      tol: numberFlag(values, 'tol', undefined, { min: 0 }),
      maxIter: numberFlag(values, 'max-iter', undefined, { integer: true, min: 1 }),
      momentum: numberFlag(values, 'momentum', undefined, { min: 0, max: 0.999999 }),
      nesterov: values.nesterov ? true : undefined,
      classWeight: classWeightFlag(choiceFlag(values, 'class-weight', ['balanced', 'none'] as const, undefined)),
      seed,
    },
  };
}

/** One sentence on why training stopped, for people. */
export function describeStop(reason: StopReason, o: ResolvedTrainOptions, bestEpoch: number): string {
  switch (reason) {
    case 'patience':
      return `validation cross-entropy did not improve for ${o.patience} epochs; restored the weights of epoch ${bestEpoch}`;
    case 'max_epochs':
      return `ran the budget of ${o.maxEpochs} epochs${bestEpoch !== o.maxEpochs ? `; kept the best validation epoch ${bestEpoch}` : ''}`;
    case 'gradient_tolerance':
      return `converged: ‖∇L‖∞ ≤ ${o.tol}·max(1, |L|)`;
    case 'newton_decrement':
      return 'converged: the Newton decrement predicts L − L* ≤ 1e-10·|L|';
    case 'duality_gap':
      return `converged: duality gap ≤ ${o.tol}·primal, so the primal objective is within that of its optimum`;
    case 'relative_decrease':
      return 'converged: the objective is stationary to 12 digits (its relative decrease fell below 1e-12) before the gradient test';
    case 'max_iter':
      return `NOT CONVERGED: reached --max-iter ${o.maxIter} before the tolerance ${o.tol} was met (raise --max-iter or --tol)`;
    case 'line_search_failed':
      return 'NOT CONVERGED: the line search found no decrease (rounding limit, or a bad learning rate)';
    case 'diverged':
      return 'DIVERGED: the loss became non-finite; lower the learning rate';
  }
}

function classWeightFlag(v: 'balanced' | 'none' | undefined): TrainOptions['classWeight'] {
  return v === 'none' ? {} : v;
}
