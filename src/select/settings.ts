import { choiceFlag, UsageError } from '../cli/args.js';
import { readFeaturizerFlags } from '../cli/input-flags.js';
import { readTrainFlags } from '../cli/train-flags.js';
import { readNetworkFlags } from '../cli/network-flags.js';
import { readScaleFlag } from '../cli/scale-flag.js';
import { type LossName, type TrainOptions, resolveTrainOptions } from '../train/options.js';
import { type Candidate } from './candidate.js';
import { TEXT_KEYS } from './keys.js';

/**
 * A setting as the command line spells it: flag name (without "--") → value,
 * e.g. { C: '10', ngrams: '2', model: 'svm' }. Search and autotune vary
 * settings; the best one prints as a ready-to-paste `argmax train` command.
 */
export type Setting = Record<string, string>;

/** Model kinds that model selection can train and compare. */
export const SELECTABLE_MODELS = ['softmax', 'svm', 'mlp'] as const;
export type SelectableModel = (typeof SELECTABLE_MODELS)[number];
const LOSS_OF: Record<SelectableModel, LossName> = { softmax: 'softmax', svm: 'svm', mlp: 'softmax' };

/** Defaults for data from files, as `argmax train` has them: Newton with C = 10 and balanced class weights (the SVM: dual-cd). */
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
  const network = readNetworkFlags(setting, model === 'mlp');
  const train: TrainOptions = { ...fo, loss: network.mlp ? network.loss : LOSS_OF[model], ...(network.mlp ? { mlp: network.mlp } : {}) };
  // Networks keep their own defaults (Adam) with balanced classes for files.
  if (data.fromFile && network.mlp) train.classWeight = fo.classWeight ?? FILE_DEFAULTS.classWeight;
  else if (data.fromFile) {
    // Newton needs a differentiable loss: the SVM is solved exactly by dual coordinate descent.
    train.optimizer = fo.optimizer ?? (model === 'svm' ? 'dual-cd' : FILE_DEFAULTS.optimizer);
    if (fo.C === undefined && fo.l2 === undefined && (fo.optimizer === undefined || fo.optimizer === 'newton' || fo.optimizer === 'lbfgs' || fo.optimizer === 'dual-cd')) train.C = FILE_DEFAULTS.C;
    train.classWeight = fo.classWeight ?? FILE_DEFAULTS.classWeight;
  }
  try {
    resolveTrainOptions(train);
  } catch (e) {
    throw new UsageError(`${describeSetting(setting)}: ${(e as Error).message}`);
  }
  // As argmax train: numeric files are scaled (maxabs) unless --scale says otherwise; text, built-in data and networks are not.
  if (network.mlp && setting.scale !== undefined && setting.scale !== 'none') throw new UsageError(`${describeSetting(setting)}: --scale: networks take raw inputs here; use --scale none`);
  const scale = network.mlp ? 'none' : readScaleFlag(setting, !data.text && data.fromFile);
  return { train, featurizer: data.text ? readFeaturizerFlags(setting) : undefined, ...(scale !== 'none' ? { scale } : {}) };
}

/** "C=10 ngrams=2", or "defaults" for the empty setting. */
export function describeSetting(s: Setting): string {
  const keys = Object.keys(s);
  return keys.length ? keys.map((k) => `${k}=${s[k]}`).join(' ') : 'defaults';
}
