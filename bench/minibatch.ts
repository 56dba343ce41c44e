import { type Dataset } from '../src/data/dataset.js';
import { preferredStorage } from '../src/data/csr.js';
import { kernelsByName, type KernelName } from '../src/kernels/select.js';
import { evaluateModel } from '../src/train/evaluate.js';
import { trainSoftmax } from '../src/train/train.js';
import { summarize, type Summary } from './stats.js';

export interface MinibatchResult {
  backend: KernelName;
  seconds: Summary;
  prepareSeconds: number;
  testAccuracy: number;
}

/**
 * Minibatch SGD with the library's defaults (batch 128, learning rate 1.0,
 * cosine schedule) for 5 epochs on all 60,000 training images; wall time of
 * training (the sparse conversion of the data is timed separately, as data
 * preparation) and test accuracy.
 */
export function minibatchRuns(train: Dataset, test: Dataset, backend: KernelName, runs: number): MinibatchResult {
  const t0 = performance.now();
  preferredStorage(train.X);
  preferredStorage(test.X);
  const prepareSeconds = (performance.now() - t0) / 1000;
  const times: number[] = [];
  let acc = 0;
  for (let r = 0; r < runs; r++) {
    const result = trainSoftmax(train, { optimizer: 'sgd', maxEpochs: 5, evaluateTrain: false, kernels: kernelsByName(backend) });
    times.push(result.seconds);
    acc = evaluateModel(result.model, test).accuracy;
  }
  return { backend, seconds: summarize(times), prepareSeconds, testAccuracy: acc };
}
