import { ACTIVATION_NAMES, type ActivationName } from '../scores/activations.js';
import { type MlpSpec } from '../scores/sequential.js';
import { UsageError, choiceFlag, numberFlag } from './args.js';

/** Flags that describe a multilayer perceptron (for util.parseArgs). */
export const NETWORK_FLAG_SPECS = {
  hidden: { type: 'string' },
  activation: { type: 'string' },
  dropout: { type: 'string' },
  loss: { type: 'string' },
} as const;

export const NETWORK_FLAG_HELP = `Network options (--model mlp):
  --hidden h[,h…]      hidden layer sizes, e.g. 256 or 256,128 (default 256)
  --activation a       hidden activation: ${ACTIVATION_NAMES.join(', ')} (default relu; identity over text n-grams is fastText's architecture)
  --dropout p          inverted dropout after each hidden layer, p in [0, 1) (default 0; minibatch optimizers)
  --loss l             softmax (default) or svm (multiclass hinge, with --costs FILE)
  Defaults for networks: --optimizer adam --lr 0.001 (sgd 0.1), cosine schedule, 20 epochs`;

/** The network described by the flags, or undefined for other models (network flags then are an error). */
export function readNetworkFlags(values: Record<string, any>, isNetwork: boolean): { mlp: MlpSpec | undefined; loss: 'softmax' | 'svm' } {
  if (!isNetwork) {
    for (const flag of Object.keys(NETWORK_FLAG_SPECS)) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag}: only --model mlp takes network options`);
    }
    return { mlp: undefined, loss: 'softmax' };
  }
  const hidden = hiddenSizes(values.hidden ?? '256');
  const activation = choiceFlag(values, 'activation', ACTIVATION_NAMES, 'relu') as ActivationName;
  const dropout = numberFlag(values, 'dropout', 0, { min: 0, max: 0.999 });
  const loss = choiceFlag(values, 'loss', ['softmax', 'svm'] as const, 'softmax');
  return { mlp: { hidden, activation, dropout }, loss };
}

function hiddenSizes(text: string): number[] {
  const parts = String(text).split(',');
  return parts.map((p) => {
    const t = p.trim();
    const h = Number(t);
    if (!/^\d+$/.test(t) || !(h >= 1 && h <= 65536)) {
      throw new UsageError(`--hidden: ${JSON.stringify(text)} must be a comma-separated list of layer sizes, integers from 1 to 65536 (e.g. 256 or 256,128)`);
    }
    return h;
  });
}
