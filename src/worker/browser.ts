/**
 * Non-blocking training in a browser: the training runs in a Web Worker (the
 * page stays responsive) and reports each epoch.
 */
import { type Dataset } from '../data/dataset.js';
import { type WorkerMessage } from './protocol.js';
import { type DataSource, type InWorkerOptions, type RunOptions, TrainingRun, checkWorkerOptions } from './run.js';

export interface BrowserRunOptions extends RunOptions {
  /** A worker running argmax's worker script (`argmax/worker`, or the playground's worker.js). */
  worker: Worker;
}

/**
 * Trains in the given Web Worker; the worker is terminated when training ends.
 * Pause and in-worker cancel need shared memory, i.e. a cross-origin-isolated
 * page (COOP/COEP headers); elsewhere cancel terminates the worker and keeps
 * the best model it sent.
 *
 *   const run = trainInWorker(data, { maxEpochs: 5 }, { worker: new Worker('worker.js') });
 *   run.on('epoch', (e) => draw(e.record));
 *   const { model } = await run.done;
 */
export function trainInWorker(data: Dataset | DataSource, options: InWorkerOptions = {}, run: BrowserRunOptions): TrainingRun {
  const { worker, ...rest } = run;
  try {
    checkWorkerOptions(options);
  } catch (e) {
    // The run owns its worker and ends it when it settles; refused at the call, it ends it here.
    worker.terminate();
    throw e;
  }
  return new TrainingRun(
    {
      post: (m) => worker.postMessage(m),
      listen: (onMessage, onError) => {
        worker.onmessage = (e: MessageEvent<WorkerMessage>) => onMessage(e.data);
        worker.onerror = (e: ErrorEvent) => {
          e.preventDefault();
          onError(new Error(`the training worker failed: ${e.message || 'its script could not be loaded'}`));
        };
      },
      terminate: () => worker.terminate(),
    },
    data,
    options,
    rest,
  );
}
