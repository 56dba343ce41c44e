import { OPTIMIZERS, type TrainOptions } from '../train/options.js';
import { choiceFlag, numberFlag } from './args.js';

/** The training flags shared by the commands that train (for util.parseArgs). */
export const TRAIN_FLAG_SPECS = {
  optimizer: { type: 'string' },
  lr: { type: 'string' },
  'batch-size': { type: 'string' },
  epochs: { type: 'string' },
  patience: { type: 'string' },
  l2: { type: 'string' },
  seed: { type: 'string' },
  'val-size': { type: 'string' },
} as const;

export const TRAIN_FLAG_HELP = `Training options:
  --optimizer sgd|gd   minibatch SGD (default) or full-batch gradient descent
  --lr η               learning rate (default 0.1 for sgd, 0.5 for gd)
  --batch-size n       examples per minibatch (default 64)
  --epochs n           at most this many epochs (default 100)
  --patience n         stop after n epochs without a lower validation cross-entropy (default 5)
  --l2 λ               L2 strength on the weights, L = mean CE + λ/2·‖W‖² (default 0)
  --seed n             seed of the split and the minibatch order (default 0)
  --val-size n         validation examples held out of mnist:train (default 10000)`;

export interface TrainFlags {
  options: TrainOptions;
  seed: number;
  valSize: number;
}

export function readTrainFlags(values: Record<string, any>): TrainFlags {
  const optimizer = choiceFlag(values, 'optimizer', OPTIMIZERS, 'sgd');
  const seed = numberFlag(values, 'seed', 0, { integer: true, min: 0 });
  return {
    seed,
    valSize: numberFlag(values, 'val-size', 10000, { integer: true, min: 1 }),
    options: {
      optimizer,
      learningRate: numberFlag(values, 'lr', optimizer === 'gd' ? 0.5 : 0.1, { exclusiveMin: 0 }),
      batchSize: numberFlag(values, 'batch-size', 64, { integer: true, min: 1 }),
      maxEpochs: numberFlag(values, 'epochs', 100, { integer: true, min: 1 }),
      patience: numberFlag(values, 'patience', 5, { integer: true, min: 1 }),
      l2: numberFlag(values, 'l2', 0, { min: 0 }),
      seed,
    },
  };
}
