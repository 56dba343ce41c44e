import { choiceFlag, UsageError } from '../cli/args.js';
import { readFeaturizerFlags } from '../cli/input-flags.js';
import { readTrainFlags } from '../cli/train-flags.js';
import { type LossName, type TrainOptions, resolveTrainOptions } from '../train/options.js';
import { type Candidate } from './candidate.js';

/**
 * A setting as the command line spells it: flag name (without "--") → value,
 * e.g. { C: '10', ngrams: '2', model: 'svm' }. Search and autotune vary
 * settings; the best one prints as a ready-to-paste `argmax train` command.
 */
export type Setting = Record<string, string>;

/** Model kinds that model selection can train and compare. */
export const SELECTABLE_MODELS = ['softmax', 'svm'] as const;
export type SelectableModel = (typeof SELECTABLE_MODELS)[number];
const LOSS_OF: Record<SelectableModel, LossName> = { softmax: 'softmax', svm: 'svm' };

/** Flags a grid or search space may vary, with what each takes. */
export const TRAIN_KEYS = ['model', 'optimizer', 'C', 'l2', 'l1', 'lr', 'epochs', 'batch-size', 'schedule', 'momentum', 'class-weight', 'max-iter', 'tol'] as const;
export const TEXT_KEYS = ['ngrams', 'min-count', 'max-features', 'weighting', 'hash-buckets'] as const;
export const SETTING_KEYS: readonly string[] = [...TRAIN_KEYS, ...TEXT_KEYS];

/** Defaults for data from files, as `argmax train` has them: Newton with C = 10 and balanced class weights (margin losses: SGD). */
const FILE_DEFAULTS = { optimizer: 'newton', C: 10, classWeight: 'balanced' } as const;

/**
 * The candidate a setting describes, with the defaults `argmax train` would
 * apply to the same data, validated now (every flag's range, and the option
 * combinations such as newton with the svm loss) so a search fails before
 * any work.
 */
export function candidateFromSetting(setting: Setting, data: { text: boolean; fromFile: boolean }): Candidate {
  if (!data.text) {
    const textKey = Object.keys(setting).find((k) => (TEXT_KEYS as readonly string[]).includes(k));
    if (textKey) throw new UsageError(`--${textKey}: a text featurizer option, but the data are numeric vectors`);
  }
  const model = choiceFlag(setting, 'model', SELECTABLE_MODELS, 'softmax');
  const fo = readTrainFlags(setting).options;
  const train: TrainOptions = { ...fo, loss: LOSS_OF[model] };
  if (data.fromFile) {
    // Newton needs a twice-differentiable loss: the margin model defaults to SGD.
    train.optimizer = fo.optimizer ?? (model === 'svm' ? 'sgd' : FILE_DEFAULTS.optimizer);
    if (fo.C === undefined && fo.l2 === undefined && (fo.optimizer === undefined || fo.optimizer === 'newton' || fo.optimizer === 'lbfgs')) train.C = FILE_DEFAULTS.C;
    train.classWeight = fo.classWeight ?? FILE_DEFAULTS.classWeight;
  }
  try {
    resolveTrainOptions(train);
  } catch (e) {
    throw new UsageError(`${describeSetting(setting)}: ${(e as Error).message}`);
  }
  return { train, featurizer: data.text ? readFeaturizerFlags(setting) : undefined };
}

/** "C=10 ngrams=2", or "defaults" for the empty setting. */
export function describeSetting(s: Setting): string {
  const keys = Object.keys(s);
  return keys.length ? keys.map((k) => `${k}=${s[k]}`).join(' ') : 'defaults';
}
