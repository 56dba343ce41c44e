import { KERNEL_NAMES, setDefaultKernels } from '../kernels/select.js';
import { OPTIMIZERS, SCHEDULES, type OptimizerName, type ResolvedTrainOptions, type StopReason, type TrainOptions, resolveTrainOptions } from '../train/options.js';
import { choiceFlag, MAX_SEED, numberFlag, UsageError } from './args.js';
import { defaultKernelThreads, setKernelThreads } from '../kernels/threads-node.js';

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
  threads: { type: 'string' },
} as const;

/** Flags of the commands that split mnist:train into training and validation sets. */
export const SPLIT_FLAG_SPECS = { 'val-size': { type: 'string' } } as const;
export const SPLIT_FLAG_HELP = '  --val-size n         validation examples held out of mnist:train (default 10000)';

export function readValSize(values: Record<string, any>, available: number): number {
  return numberFlag(values, 'val-size', 10000, { integer: true, min: 1, max: available - 2 });
}

/**
 * Defaults for data read from files (text or LibSVM/CSV features), chosen on validation splits of
 * the sotu and spam tasks; built-in data use the library's defaults.
 */
export const FILE_DEFAULTS = { optimizer: 'newton', C: 10, classWeight: 'balanced' } as const;

/** The library's defaults, read from the code that applies them (so the help cannot drift from it). */
const lib = (o: TrainOptions = {}) => resolveTrainOptions(o);
const perOptimizer = (names: readonly OptimizerName[], pick: (r: ResolvedTrainOptions) => number) => names.map((n) => `${n} ${pick(lib({ optimizer: n }))}`).join(', ');

export const TRAIN_FLAG_HELP = `Training options:
  --optimizer o        minibatch: sgd, adagrad, adam; full batch: gd, lbfgs, newton; dual-cd: the exact
                       multiclass SVM solver (--model svm only)
                       (default: ${FILE_DEFAULTS.optimizer} for files, ${lib().optimizer} for built-in data; --model svm on files dual-cd; sgd for the other margin models)
  --lr η               learning rate (defaults: ${perOptimizer(['sgd', 'adagrad', 'adam', 'gd'], (r) => r.learningRate)})
  --schedule s         learning-rate schedule over the epoch budget: cosine, linear, constant (default: sgd ${lib({ optimizer: 'sgd' }).schedule}, others ${lib({ optimizer: 'adam' }).schedule})
  --momentum μ         sgd momentum in [0, 1) (default ${lib().momentum}); --nesterov for Nesterov's variant
  --batch-size n       examples per minibatch (default ${lib().batchSize})
  --epochs n           minibatch optimizers: epochs, the schedule's budget (default ${lib().maxEpochs})
  --max-iter n         full-batch solvers: iterations at most (${perOptimizer(['gd', 'lbfgs', 'newton'], (r) => r.maxIter)}, dual-cd ${lib({ optimizer: 'dual-cd', loss: 'svm' }).maxIter} sweeps)
  --tol t              full-batch solvers: stop when ‖∇L‖∞ ≤ t·max(1, |L|) (default ${lib({ optimizer: 'newton' }).tol.toExponential()}; Newton also
                       stops when its decrement predicts L − L* ≤ 1e-10·|L|); dual-cd: duality gap ≤ t·primal (default ${lib({ optimizer: 'dual-cd', loss: 'svm' }).tol.toExponential()})
  --patience n         with validation data: stop after n epochs without a lower validation cross-entropy (default ${lib().patience})
  --C c                inverse L2 strength, L = Σ CE + ‖W‖²/(2C) as scikit-learn
                       (default: ${FILE_DEFAULTS.C} for files with newton or lbfgs; ${lib({ optimizer: 'lbfgs' }).C} for built-in data with lbfgs or newton; none otherwise; dual-cd as newton)
  --l2 λ               L2 strength on the mean objective, L = mean CE + λ/2·‖W‖² (instead of --C; default ${lib().l2})
  --l1 α               L1 strength, + α‖W‖₁ on the mean objective, with exact zeros: lbfgs runs OWL-QN, minibatch
                       optimizers the cumulative-penalty truncated gradient (with --l2: elastic net; no L2 unless --C/--l2)
  --class-weight w     balanced: weight class k by N / (K·N_k); none: all 1 (default: ${FILE_DEFAULTS.classWeight} for files, none for built-in data)
  --seed n             seed of the split and the minibatch order, 0 … ${MAX_SEED} (default ${lib().seed})
  --kernels k          compute backend: ${KERNEL_NAMES.join(', ')} (default wasm; also env ARGMAX_KERNELS)
  --threads n          threads of the WebAssembly full-batch sweeps (softmax step, Hessian-vector product),
                       1 … 64; results do not depend on it (default ${defaultKernelThreads()}: min(2, available cores))`;

/** Option values that conflict (--C with --l2, --nesterov without --momentum, …) are usage errors, exit code 2. */
export function checkedTrainOptions(o: TrainOptions): ResolvedTrainOptions {
  try {
    return resolveTrainOptions(o);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

export interface TrainFlags {
  options: TrainOptions;
  seed: number;
}

/** Reads the training flags; unset flags stay undefined so the library's defaults apply. */
export function readTrainFlags(values: Record<string, any>): TrainFlags {
  const kernels = choiceFlag(values, 'kernels', KERNEL_NAMES, undefined);
  const threads = numberFlag(values, 'threads', undefined, { integer: true, min: 1, max: 64 });
  if (threads !== undefined) setKernelThreads(threads);
  if (kernels) setDefaultKernels(kernels);
  const seed = numberFlag(values, 'seed', 0, { integer: true, min: 0, max: MAX_SEED });
  const flags: TrainFlags = {
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
  // Conflicts between the flags themselves are caught here, before any data is read. The loss comes
  // with --model (checked with it later): dual-cd is checked here as the SVM solver it is.
  checkedTrainOptions(flags.options.optimizer === 'dual-cd' ? { ...flags.options, loss: 'svm' } : flags.options);
  return flags;
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
    case 'cancelled':
      return `cancelled; kept the weights of epoch ${bestEpoch}`;
  }
}

function classWeightFlag(v: 'balanced' | 'none' | undefined): TrainOptions['classWeight'] {
  return v === 'none' ? {} : v;
}
