/**
 * Non-blocking training in Node: `trainInWorker` runs `trainSoftmax` in a
 * worker thread and returns at once with a TrainingRun (events per epoch,
 * pause, cancel, `done`).
 */
import { Worker } from 'node:worker_threads';
import { type Dataset } from '../data/dataset.js';
import { type WorkerMessage } from './protocol.js';
import { type InWorkerOptions, type RunOptions, TrainingRun, checkWorkerOptions } from './run.js';

/**
 * Trains in a worker thread. With the same data, options and seed the model is
 * the one `trainSoftmax` gives (the same arithmetic runs, only elsewhere).
 *
 *   const run = trainInWorker(data, { optimizer: 'sgd', maxEpochs: 5 }, { signal });
 *   run.on('epoch', (e) => console.log(e.record.epoch, e.record.trainLoss));
 *   const { model } = await run.done;
 */
export function trainInWorker(data: Dataset, options: InWorkerOptions = {}, run: RunOptions = {}): TrainingRun {
  checkWorkerOptions(options);
  const worker = new Worker(new URL('./node-entry.js', import.meta.url));
  return new TrainingRun(
    {
      post: (m) => worker.postMessage(m),
      listen: (onMessage, onError) => {
        worker.on('message', (m: WorkerMessage) => onMessage(m));
        worker.on('error', onError);
      },
      terminate: () => void worker.terminate(),
    },
    data,
    options,
    run,
  );
}
