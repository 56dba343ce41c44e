/**
 * The worker's side of non-blocking training: runs `trainSoftmax` on the data it
 * is sent and posts an event per epoch. Runs the same in a Web Worker and in a
 * Node worker thread (the entry files only connect the message port).
 *
 * Pause and stop arrive through a shared control word rather than messages: the
 * worker's event loop is busy while it trains, so a message would only be read
 * after training ended. Without shared memory the page stops the worker by
 * terminating it and keeps the last weights it was sent.
 */
import { type Kernels } from '../kernels/kernels.js';
import { referenceKernels } from '../kernels/reference.js';
import { type KernelName, kernelsByName } from '../kernels/select.js';
import { wasmFallbackHint } from '../kernels/wasm-blocked.js';
import { evaluateModel } from '../train/evaluate.js';
import { trainSoftmax } from '../train/train.js';
import { type Dataset } from '../data/dataset.js';
import {
  type DataMessage, PAUSED, STOPPED, type StartMessage, type WorkerMessage,
  datasetFromMessage, modelToMessage, modelTransfer,
} from './protocol.js';

export type Post = (message: WorkerMessage, transfer?: ArrayBuffer[]) => void;

/** The datasets of one training run, as a source resolver loads them inside the worker. */
export interface WorkerData {
  train: Dataset;
  validation?: Dataset;
  test?: Dataset;
  /** Plain data handed back with the result (e.g. the featurizer fitted to the texts). */
  extra?: unknown;
}

/** Loads the data a `source` describes (the worker's own loader: fetch, parse, subset). */
export type SourceResolver = (source: unknown) => Promise<WorkerData>;

/** Handles one message from the main thread (datasets sent along, or a source this worker can load). */
export async function handleMessage(message: StartMessage, post: Post, resolveSource?: SourceResolver): Promise<void> {
  try {
    if (message.type !== 'start') throw new Error(`training worker: unknown message type ${JSON.stringify((message as { type: unknown }).type)}`);
    runTraining(message, await datasetsOf(message.data, resolveSource), post);
  } catch (err) {
    const e = err as Error;
    post({ type: 'error', message: e.message, name: e.name });
  }
}

async function datasetsOf(d: DataMessage, resolveSource?: SourceResolver): Promise<WorkerData> {
  if (d.kind === 'source') {
    if (!resolveSource) throw new Error('this training worker loads no data sources; send the datasets');
    return resolveSource(d.source);
  }
  const train = datasetFromMessage(d.train);
  return {
    train,
    validation: d.validation ? datasetFromMessage(d.validation, train.labels) : undefined,
    test: d.test ? datasetFromMessage(d.test, train.labels) : undefined,
  };
}

function runTraining(m: StartMessage, data: WorkerData, post: Post): void {
  const kernels = chooseKernels(m.options.kernels, post);
  const { train, validation } = data;
  const test = data.test ?? null;
  const control = m.control ? new Int32Array(m.control) : null;
  /** Blocks while paused; true once stopped. */
  const stopped = (): boolean => {
    if (!control) return false;
    while (Atomics.load(control, 0) === PAUSED) Atomics.wait(control, 0, PAUSED);
    return Atomics.load(control, 0) === STOPPED;
  };
  const result = trainSoftmax(train, {
    ...m.options,
    kernels,
    // Networks: the reference layer kernels too when WebAssembly is unavailable.
    layerKernels: m.options.layerKernels ?? (kernels === referenceKernels ? 'reference' : undefined),
    validation,
    signal: control ? { get aborted() { return stopped(); } } : undefined,
    onProgress: (epoch, fraction) => {
      if (control) stopped(); // pausing takes effect within an epoch too
      post({ type: 'progress', epoch, fraction });
    },
    onEpoch: (record, current) => {
      // A diverged epoch's weights are NaN or infinite: no snapshot (a network's would not even
      // load); training ends there and `done` carries the last finite weights.
      const needModel = (m.snapshots || test) && Number.isFinite(record.trainLoss);
      const model = needModel ? current() : null;
      const testEval = model && test ? evaluateModel(model, test, kernels) : null;
      const snapshot = m.snapshots && model ? modelToMessage(model) : null;
      // `current()` made the model for this message: its weights move to the receiver instead of being copied.
      post({ type: 'epoch', record, test: testEval, model: snapshot }, snapshot ? modelTransfer(snapshot) : []);
    },
  });
  const testPredictions = test ? result.model.predictIndex(test.X, kernels) : null;
  const model = modelToMessage(result.model);
  post(
    {
      type: 'done',
      model,
      history: result.history,
      stopReason: result.stopReason,
      converged: result.converged,
      bestEpoch: result.bestEpoch,
      epochs: result.epochs,
      objective: result.objective,
      seconds: result.seconds,
      kernels: kernels.name,
      testPredictions,
      extra: data.extra ?? null,
    },
    modelTransfer(model),
  );
}

/**
 * The requested kernels (else ARGMAX_KERNELS, else WebAssembly). When WebAssembly
 * cannot be compiled (e.g. a Content-Security-Policy without 'wasm-unsafe-eval'),
 * says so in a warning event and trains with the reference kernels.
 */
function chooseKernels(name: KernelName | undefined, post: Post): Kernels {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.ARGMAX_KERNELS;
  const wanted = name ?? ((env || undefined) as KernelName | undefined) ?? 'wasm';
  if (wanted === 'reference') return referenceKernels;
  try {
    return kernelsByName(wanted);
  } catch (err) {
    if (err instanceof RangeError) throw err; // an unknown backend name is the caller's mistake
    post({
      type: 'warning',
      message: `WebAssembly could not be instantiated (${(err as Error).message}); training with the reference kernels (plain JavaScript, slower)${wasmFallbackHint(err)}`,
    });
    return referenceKernels;
  }
}
