/**
 * The main thread's side of non-blocking training: a `TrainingRun` sends the
 * data to a worker, relays its events and settles `done` with the trained
 * model. The worker itself is made by the Node or browser entry point.
 */
import { type Dataset } from '../data/dataset.js';
import { type LinearModel } from '../model/linear-model.js';
import { type NetworkModel } from '../model/network-model.js';
import { type Evaluation } from '../train/evaluate.js';
import { type EpochRecord, type TrainOptions, TRAIN_OPTION_NAMES, resolveTrainOptions } from '../train/options.js';
import { refuseUnknownOptions } from '../option-names.js';
import { KERNEL_NAMES } from '../kernels/select.js';
import { LAYER_KERNEL_NAMES } from '../kernels/layer-select.js';
import { type TrainResult } from '../train/train.js';
import {
  PAUSED, RUNNING, STOPPED, type StartMessage, type WorkerMessage, type WorkerTrainOptions,
  datasetToMessage, modelFromMessage,
} from './protocol.js';

/**
 * Data the worker loads itself (its entry must have a source resolver, as the
 * playground's worker does for MNIST): `source` is passed to it as is.
 */
export interface DataSource {
  source: unknown;
}

function isSource(d: Dataset | DataSource): d is DataSource {
  return 'source' in d;
}

/** Training options for a worker: plain values only (callbacks become events; kernels go by name). */
export type InWorkerOptions = WorkerTrainOptions & { validation?: Dataset };

/** What the worker would refuse, or could not receive, refused here before a worker starts: names and values as trainSoftmax checks them. */
export function checkWorkerOptions(options: InWorkerOptions | undefined): void {
  if (options === undefined) return;
  refuseUnknownOptions(options, [...TRAIN_OPTION_NAMES], 'training');
  const given = options as Record<string, unknown>;
  if (given.scores !== undefined) throw new RangeError('scores: a score function of your own is code, which a worker cannot receive; train it with trainSoftmax');
  for (const [name, event] of [['onEpoch', 'epoch'], ['onProgress', 'progress']] as const) {
    if (given[name] !== undefined) throw new RangeError(`${name}: callbacks do not travel to a worker; listen with run.on('${event}', …)`);
  }
  for (const name of ['onCheckpoint', 'signal'] as const) {
    if (given[name] !== undefined) throw new RangeError(`${name}: not available in a worker${name === 'signal' ? "; pass { signal } as the run's options (the third argument)" : ''}`);
  }
  if (given.kernels !== undefined && !(KERNEL_NAMES as readonly unknown[]).includes(given.kernels)) {
    throw new RangeError(`kernels: a worker takes the kernels by name (${KERNEL_NAMES.join(', ')}), got ${JSON.stringify(given.kernels)}`);
  }
  if (given.layerKernels !== undefined && !(LAYER_KERNEL_NAMES as readonly unknown[]).includes(given.layerKernels)) {
    throw new RangeError(`layerKernels: expected one of ${LAYER_KERNEL_NAMES.join(', ')}, got ${JSON.stringify(given.layerKernels)}`);
  }
  resolveTrainOptions(options as TrainOptions);
}

export interface RunOptions {
  /** Aborting stops training at the end of the current epoch; `done` then holds the best model so far. */
  signal?: AbortSignal;
  /** A test set evaluated after every epoch (its accuracy is in the epoch event) and predicted at the end. */
  test?: Dataset;
  /** Send the model after every epoch (default true): live views of the weights need it. */
  snapshots?: boolean;
}

export interface EpochEvent {
  record: EpochRecord;
  /** Cross-entropy and accuracy on the run's test set, if it has one. */
  test: Evaluation | null;
  /** The weights at the end of the epoch (when snapshots are on). */
  model: LinearModel | NetworkModel | null;
}

/** What `done` settles with: the fields of trainSoftmax's result that travel, and two of the worker's own. */
/** A worker trains linear models and networks (a score function of the user's is code, which does not travel to it). */
export type WorkerTrainResult = Pick<TrainResult<LinearModel | NetworkModel>, 'model' | 'history' | 'stopReason' | 'converged' | 'bestEpoch' | 'epochs' | 'objective' | 'seconds'> & {
  /** Kernels the worker trained with ('wasm', 'wasm-f32' or 'reference'; 'unknown' when it was terminated). */
  kernels: string;
  /** Predicted class indices of the test set (when the run has one and finished in the worker). */
  testPredictions: Int32Array | null;
  /** What the worker's data source attached to its data (e.g. a fitted featurizer), else null. */
  extra: unknown;
};

interface Listeners {
  epoch: (e: EpochEvent) => void;
  progress: (e: { epoch: number; fraction: number }) => void;
  warning: (message: string) => void;
}

/** What a TrainingRun needs of a worker (a Web Worker or a Node worker thread, adapted). */
export interface WorkerPort {
  post(message: StartMessage): void;
  /** Registers the handlers of messages and of a worker that fails to start. */
  listen(onMessage: (m: WorkerMessage) => void, onError: (e: Error) => void): void;
  terminate(): void;
}

export class TrainingRun {
  /** Settles with the trained model (or the best so far when cancelled); rejects on a training error. */
  readonly done: Promise<WorkerTrainResult>;
  private readonly listeners: { [E in keyof Listeners]: Listeners[E][] } = { epoch: [], progress: [], warning: [] };
  private readonly control: Int32Array | null;
  private readonly epochs: EpochEvent[] = [];
  private settled = false;
  private resolve!: (r: WorkerTrainResult) => void;
  private reject!: (e: Error) => void;

  constructor(
    private readonly port: WorkerPort,
    data: Dataset | DataSource,
    private readonly options: InWorkerOptions = {},
    run: RunOptions = {},
  ) {
    this.done = new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
    this.control = sharedMemoryAvailable() ? new Int32Array(new SharedArrayBuffer(4)) : null;
    const { validation, ...rest } = options;
    port.listen(
      (m) => this.receive(m),
      (e) => this.finish(() => this.reject(e)),
    );
    port.post({
      type: 'start',
      data: isSource(data)
        ? { kind: 'source', source: data.source }
        : {
            kind: 'datasets',
            train: datasetToMessage(data),
            validation: validation ? datasetToMessage(validation) : null,
            test: run.test ? datasetToMessage(run.test) : null,
          },
      options: rest,
      snapshots: run.snapshots ?? true,
      control: this.control ? (this.control.buffer as SharedArrayBuffer) : null,
    });
    if (run.signal) {
      if (run.signal.aborted) this.cancel();
      else run.signal.addEventListener('abort', () => this.cancel(), { once: true });
    }
  }

  on<E extends keyof Listeners>(event: E, listener: Listeners[E]): this {
    this.listeners[event].push(listener);
    return this;
  }

  /** Whether pause and cancel act inside the worker (shared memory) rather than by terminating it. */
  get cooperative(): boolean {
    return this.control !== null;
  }

  /** Holds the worker at its next check (within an epoch). Needs shared memory; returns whether it could pause. */
  pause(): boolean {
    if (!this.control || this.settled) return false;
    Atomics.compareExchange(this.control, 0, RUNNING, PAUSED);
    return true;
  }

  resume(): void {
    if (!this.control) return;
    Atomics.compareExchange(this.control, 0, PAUSED, RUNNING);
    Atomics.notify(this.control, 0);
  }

  /**
   * Stops training at the end of the current epoch; `done` settles with the best model so far.
   * Without shared memory the worker is terminated at once and `done` holds the best of the
   * models it sent (rejecting when it had sent none).
   */
  cancel(): void {
    if (this.settled) return;
    if (this.control) {
      Atomics.store(this.control, 0, STOPPED);
      Atomics.notify(this.control, 0);
      return;
    }
    const best = this.bestSnapshot();
    this.finish(() => {
      if (!best?.model) {
        const e = new Error('training was cancelled before the worker sent a model');
        e.name = 'AbortError';
        this.reject(e);
        return;
      }
      const history = this.epochs.map((e) => e.record);
      this.resolve({
        model: best.model, history, stopReason: 'cancelled', converged: false, bestEpoch: best.record.epoch,
        epochs: history.length, objective: NaN, seconds: history.at(-1)?.seconds ?? 0, kernels: 'unknown', testPredictions: null, extra: null,
      });
    });
  }

  /** The epoch whose weights training would keep: the best validation loss (as early stopping judges it), else the latest. */
  private bestSnapshot(): EpochEvent | undefined {
    const minDelta = this.options.minDelta ?? 0;
    let best: EpochEvent | undefined;
    for (const e of this.epochs) {
      if (!e.model) continue;
      const v = e.record.valLoss;
      if (!best || v === null || best.record.valLoss === null || v < best.record.valLoss - minDelta) best = e;
    }
    return best;
  }

  private receive(m: WorkerMessage): void {
    if (this.settled) return;
    switch (m.type) {
      case 'epoch': {
        const event: EpochEvent = { record: m.record, test: m.test, model: m.model ? modelFromMessage(m.model) : null };
        this.epochs.push(event);
        for (const f of this.listeners.epoch) f(event);
        break;
      }
      case 'progress':
        for (const f of this.listeners.progress) f({ epoch: m.epoch, fraction: m.fraction });
        break;
      case 'warning':
        for (const f of this.listeners.warning) f(m.message);
        break;
      case 'done': {
        const { type: _type, model, ...rest } = m;
        this.finish(() => this.resolve({ ...rest, model: modelFromMessage(model) }));
        break;
      }
      case 'error': {
        const e = new Error(m.message);
        e.name = m.name;
        this.finish(() => this.reject(e));
        break;
      }
    }
  }

  private finish(settle: () => void): void {
    if (this.settled) return;
    this.settled = true;
    this.port.terminate();
    settle();
  }
}

/** Shared memory needs cross-origin isolation in browsers (COOP/COEP headers); Node always has it. */
function sharedMemoryAvailable(): boolean {
  const g = globalThis as { crossOriginIsolated?: boolean };
  return typeof SharedArrayBuffer !== 'undefined' && g.crossOriginIsolated !== false;
}
