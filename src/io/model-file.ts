import { readFileSync } from 'node:fs';
import { type LinearModel } from '../model/linear-model.js';
import { writeFileAtomic } from './atomic-write.js';
import { modelFromJson, modelToJson } from './model-json.js';

/** Saves a model atomically (temporary file, then rename). */
export function saveModel(path: string, model: LinearModel, meta: Record<string, unknown> = {}): void {
  writeFileAtomic(path, modelToJson(model, meta) + '\n');
}

export function loadModel(path: string): LinearModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`${path}: cannot read the model file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return modelFromJson(text, path);
}
