import { readFileSync } from 'node:fs';
import { type Classifier } from '../model/classifier.js';
import { type JointModel } from '../joint/joint-model.js';
import { writeFileAtomic } from './atomic-write.js';
import { type LoadedModel, modelFromJson, modelJsonChunks } from './model-json.js';
import { type TextFeaturizer } from '../text/featurizer.js';

/** Saves a model (and its featurizer, for text) atomically: temporary file, then rename; written piece by piece (see modelJsonChunks). */
export function saveModel(
  path: string,
  model: Classifier | JointModel,
  extra: { featurizer?: TextFeaturizer | null; meta?: Record<string, unknown>; indexBase?: 0 | 1 | null } = {},
): void {
  writeFileAtomic(path, withLineFeed(modelJsonChunks(model, extra)));
}

export function loadModel(path: string): LoadedModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`${path}: cannot read the model file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return modelFromJson(text, path);
}

function* withLineFeed(pieces: Iterable<string>): Generator<string> {
  yield* pieces;
  yield '\n';
}
