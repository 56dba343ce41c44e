import { saveModel } from '../io/model-file.js';
import { resolveTrainOptions } from '../train/options.js';
import { type Candidate, fitScaledCandidate } from './candidate.js';
import { scalerToJson } from '../data/scale.js';
import { type Examples, featurizePair } from './examples.js';
import { type Setting } from './settings.js';

/**
 * Trains the chosen setting on all the examples (the featurizer fitted on all
 * of them) and saves it atomically, with the setting and how it was chosen
 * recorded in the model file's meta (with the CSV columns and the source's
 * format flags, by which later files are read).
 */
export function trainAndSaveFinal(
  path: string, examples: Examples, setting: Setting, candidate: Candidate, meta: { trainedOn: string; selection: Record<string, unknown>; source?: Record<string, string | string[]> },
): { seconds: number; features: number } {
  const t0 = performance.now();
  const pair = featurizePair(examples, examples.kind === 'text' ? { ...examples, texts: [] } : examples, candidate.featurizer);
  const { model, scaler } = fitScaledCandidate(candidate, pair.train);
  saveModel(path, model, {
    featurizer: pair.featurizer,
    meta: { trainedOn: meta.trainedOn, examples: pair.train.X.rows, model: setting.model ?? 'softmax', options: resolveTrainOptions(candidate.train), scaler: scalerToJson(scaler), setting, selection: meta.selection, ...columnsOf(examples), ...meta.source },
  });
  return { seconds: (performance.now() - t0) / 1000, features: pair.train.X.cols };
}

/** A CSV's feature column names, recorded in the model file so that later files are matched by name. */
export function columnsOf(examples: Examples): { columns?: string[] } {
  return examples.kind === 'vectors' && examples.columns ? { columns: examples.columns } : {};
}
