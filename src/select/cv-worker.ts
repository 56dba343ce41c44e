/**
 * A worker thread of `argmax cv --workers n`: reads the data itself (cheaper
 * than copying it across threads), plans the same seeded folds, runs the folds
 * it was given and posts each result, waking the main thread.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { planFolds, runFold } from './cross-validate.js';
import { candidateFromSetting } from './settings.js';
import { readExamples } from './cli-common.js';

const { spec, values, setting, folds, repeats, seed, assigned, port, signal } = workerData as {
  spec: string; values: Record<string, unknown>; setting: Record<string, string>; folds: number; repeats: number; seed: number;
  assigned: number[]; port: MessagePort; signal: Int32Array;
};
try {
  const { examples, fromFile } = readExamples(spec, values);
  const candidate = candidateFromSetting(setting, { text: examples.kind === 'text', fromFile });
  const plans = planFolds(examples, { folds, repeats, seed });
  for (const i of assigned) {
    port.postMessage({ index: i, result: runFold(examples, plans[i], candidate.featurizer, [candidate])[0] });
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  }
} catch (e) {
  port.postMessage({ error: (e as Error).message });
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}
