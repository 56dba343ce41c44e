/**
 * The messages between a page (or Node's main thread) and the training worker.
 * Everything here is plain data that survives structured cloning: typed arrays,
 * arrays, numbers, strings. Datasets and models are flattened on one side and
 * rebuilt on the other; a label table travels as its list of labels.
 */
import { type Matrix } from '../data/csr.js';
import { type Dataset } from '../data/dataset.js';
import { type Label, LabelTable } from '../data/labels.js';
import { type KernelName } from '../kernels/select.js';
import { LinearModel, type ScoreKind } from '../model/linear-model.js';
import { NetworkModel } from '../model/network-model.js';
import { ScoreModel } from '../model/score-model.js';
import { networkFromJsonWithParams, networkJsonWithoutParams } from '../io/model-json.js';
import { type EpochRecord, type TrainOptions } from '../train/options.js';
import { type WorkerTrainResult } from './run.js';

export interface DatasetMessage {
  X: Matrix;
  y: Int32Array;
  labels: Label[];
}

/**
 * A linear model's arrays, or a network as its parameters θ beside its model file without them
 * (layers, labels, head): the same bits of θ arrive, and no string grows with the weights.
 */
export type ModelMessage =
  | { kind: 'linear'; labels: Label[]; numFeatures: number; W: Float64Array; b: Float64Array | null; scoreKind: ScoreKind }
  | { kind: 'network'; json: string; theta: Float64Array };

/** Training options without callbacks or objects that cannot be cloned (kernels travel by name; a score function of the user's is code, which does not travel). */
export type WorkerTrainOptions = Omit<
  TrainOptions,
  'onEpoch' | 'onProgress' | 'onCheckpoint' | 'signal' | 'kernels' | 'validation' | 'scores'
> & { kernels?: KernelName };

/** Control word shared with the worker (an Int32Array over a SharedArrayBuffer). */
export const RUNNING = 0;
export const PAUSED = 1;
export const STOPPED = 2;

/**
 * Where the worker gets its data: the datasets themselves, or a description
 * (e.g. "the first 10,000 MNIST images") that a worker with a source resolver
 * loads itself, so large data never passes through the page's main thread.
 */
export type DataMessage =
  | {
      kind: 'datasets';
      train: DatasetMessage;
      validation: DatasetMessage | null;
      /** Evaluated after every epoch (accuracy and cross-entropy) and predicted at the end. */
      test: DatasetMessage | null;
    }
  | { kind: 'source'; source: unknown };

export interface StartMessage {
  type: 'start';
  data: DataMessage;
  options: WorkerTrainOptions;
  /** Send the weights after every epoch (for live pictures of them, and cancelling without shared memory). */
  snapshots: boolean;
  /** Shared control word (RUNNING, PAUSED, STOPPED), or null where shared memory is unavailable. */
  control: SharedArrayBuffer | null;
}

export interface EpochMessage {
  type: 'epoch';
  record: EpochRecord;
  test: { crossEntropy: number; accuracy: number } | null;
  model: ModelMessage | null;
}

export interface ProgressMessage {
  type: 'progress';
  epoch: number;
  fraction: number;
}

export interface WarningMessage {
  type: 'warning';
  message: string;
}

/** The result, its model flattened (objective is NaN only for a run cut short by termination). */
export type DoneMessage = Omit<WorkerTrainResult, 'model'> & { type: 'done'; model: ModelMessage };

export interface ErrorMessage {
  type: 'error';
  message: string;
  name: string;
}

export type WorkerMessage = EpochMessage | ProgressMessage | WarningMessage | DoneMessage | ErrorMessage;

export function datasetToMessage(data: Dataset): DatasetMessage {
  return { X: data.X, y: data.y, labels: [...data.labels.labels] };
}

export function datasetFromMessage(m: DatasetMessage, labels?: LabelTable): Dataset {
  return { X: m.X, y: m.y, labels: labels ?? new LabelTable(m.labels) };
}

/**
 * The model as a message. A network's θ is sent as it is: the caller transfers its buffer (see
 * modelTransfer) when the model is a copy made to be sent, as the trainer's models are.
 */
export function modelToMessage(model: LinearModel | ScoreModel): ModelMessage {
  if (model instanceof NetworkModel) return { kind: 'network', json: networkJsonWithoutParams(model), theta: model.theta };
  // Checked at the call before a worker starts; the score function's code could not travel with its θ.
  if (model instanceof ScoreModel) throw new TypeError('a model of your own score function cannot travel between threads; train it with trainSoftmax');
  return { kind: 'linear', labels: [...model.labels.labels], numFeatures: model.numFeatures, W: model.W, b: model.b, scoreKind: model.scoreKind };
}

/**
 * The buffer to transfer with a model message instead of copying it: the weights' (W or θ), when
 * the array spans its whole buffer (a view into a larger one, e.g. WebAssembly memory, is copied).
 */
export function modelTransfer(m: ModelMessage): ArrayBuffer[] {
  const weights = m.kind === 'network' ? m.theta : m.W;
  const whole = weights.buffer instanceof ArrayBuffer && weights.byteOffset === 0 && weights.byteLength === weights.buffer.byteLength;
  return whole ? [weights.buffer as ArrayBuffer] : [];
}

export function modelFromMessage(m: ModelMessage): LinearModel | NetworkModel {
  if (m.kind === 'network') return networkFromJsonWithParams(m.json, m.theta, 'the training worker').model as NetworkModel;
  return new LinearModel(new LabelTable(m.labels), m.numFeatures, m.W, m.b, m.scoreKind);
}
