import { KERNEL_NAMES, setDefaultKernels } from '../kernels/select.js';
import { OPTIMIZERS, SCHEDULES, type TrainOptions } from '../train/options.js';
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
  --optimizer sgd|gd   minibatch SGD (default) or full-batch gradient descent
  --lr η               learning rate (default 1.0 for sgd, 0.5 for gd)
  --schedule s         learning-rate schedule over the epoch budget: cosine (sgd default), linear, constant (gd default)
  --batch-size n       examples per minibatch (default 128)
  --epochs n           at most this many epochs (default 20 for sgd, 100 for gd)
  --patience n         with validation data: stop after n epochs without a lower validation cross-entropy (default 5)
  --l2 λ               L2 strength on the weights, L = mean CE + λ/2·‖W‖² (default 0)
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
      seed,
    },
  };
}
