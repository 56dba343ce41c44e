import { type Label, LabelTable } from '../data/labels.js';
import { LinearModel } from '../model/linear-model.js';
import { CoupledPairwiseModel, PairwiseModel } from '../reduce/all-vs-all.js';
import { JointModel } from '../joint/joint-model.js';
import { TextFeaturizer } from '../text/featurizer.js';
import { NetworkModel } from '../model/network-model.js';
import { ScoreModel } from '../model/score-model.js';
import { NETWORK_MODEL_VERSION, networkFromDoc, networkShapeDoc } from './network-json.js';
import { float64Base64Chunks, readFloat64Field } from './float64-base64.js';

/**
 * The model file, version 2: plain JSON that loads in Node and browsers.
 *
 *   { "format": "argmax-model", "version": 2, "kind": "linear-softmax",
 *     "labels": [...], "numFeatures": D,
 *     "W": { "encoding": "float64-base64", "data": "…" } (K·D values, row-major K×D), "b": [K numbers] | null,
 *     "input": { "kind": "vectors", "indexBase": 0 | 1 } | { "kind": "text", "featurizer": { options, vocabulary, idf } },
 *     "meta": { … } }
 *
 * W (and a text featurizer's idf) are the float64 bytes in base64: exact,
 * about half the size of decimals, and quick to read. Files that store them
 * as arrays of numbers (written before the encoding, or by hand) are still
 * read, as is version 1 (no "input": numeric vectors). The file is produced
 * in pieces (modelJsonChunks), so saving a large model never builds it as
 * one string.
 */
export const MODEL_FORMAT = 'argmax-model';
export const MODEL_VERSION = 2;
const READABLE_VERSIONS = [1, 2, NETWORK_MODEL_VERSION];

/** A model as saved: the classifier and, for text models, the fitted featurizer. */
export interface LoadedModel {
  model: LinearModel | PairwiseModel | JointModel | ScoreModel;
  featurizer: TextFeaturizer | null;
  meta: Record<string, unknown>;
  /** LibSVM training data: the index base decided at training, applied to every later file (null: not recorded). */
  indexBase?: 0 | 1 | null;
}

/** What a model file holds beside the model: a text model's featurizer, metadata, LibSVM's index base. */
export interface ModelFileExtra {
  featurizer?: TextFeaturizer | null;
  meta?: Record<string, unknown>;
  indexBase?: 0 | 1 | null;
}

export function modelToJson(model: LinearModel | PairwiseModel | JointModel | ScoreModel, extra: ModelFileExtra = {}): string {
  return [...modelJsonChunks(model, extra)].join('');
}

/**
 * A network's model file without "params": θ travels beside it as a Float64Array (to and from
 * the training worker, where millions of weights as text would be tens of MB of string per epoch).
 * networkFromJsonWithParams reads it back.
 */
export function networkJsonWithoutParams(model: NetworkModel, extra: ModelFileExtra = {}): string {
  return JSON.stringify({ format: MODEL_FORMAT, ...networkShapeDoc(model), input: inputDoc(extra.featurizer, extra.indexBase), meta: extra.meta ?? {} });
}

/** Reads what networkJsonWithoutParams wrote, with θ given (used as is, not copied): the network the whole file would give. */
export function networkFromJsonWithParams(text: string, theta: Float64Array, source = 'model'): LoadedModel {
  return readModel(text, source, theta);
}

/** The model file's text in pieces (joined, the same as modelToJson): the weights and the vocabulary come a slice at a time. */
export function* modelJsonChunks(model: LinearModel | PairwiseModel | JointModel | ScoreModel, extra: ModelFileExtra = {}): Generator<string> {
  if (model instanceof ScoreModel && !(model instanceof NetworkModel)) {
    // A file cannot hold the code of a score function written by the user, only its parameters.
    throw new TypeError('a model of your own score function cannot be written to a model file: save its parameters (model.theta) and rebuild it with new ScoreModel(labels, scores, theta)');
  }
  if (model instanceof NetworkModel) {
    // θ's base64 in pieces: as one string it passes V8's limit on string length (~2²⁹ characters) near
    // 50 M weights.
    const head = JSON.stringify({ format: MODEL_FORMAT, ...networkShapeDoc(model) });
    yield head.slice(0, -1) + ',"params":';
    yield* encodedChunks(model.theta);
    yield* inputAndMetaChunks(extra);
    return;
  }
  if (model instanceof JointModel) {
    // The joint model: one weight vector over hashed joint features; labels come with the data.
    yield JSON.stringify({ format: MODEL_FORMAT, version: MODEL_VERSION, kind: 'joint', numFeatures: model.w.length, w: Array.from(model.w), input: { kind: 'joint-jsonl', hashBuckets: model.w.length }, meta: extra.meta ?? {} });
    return;
  }
  const pairwise = model instanceof PairwiseModel;
  const head = JSON.stringify({
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    kind: pairwise ? 'pairwise' : 'linear',
    // All-vs-all: 'coupled' when its logistic pairs give probabilities by pairwise coupling, else 'votes'.
    scores: pairwise ? (model instanceof CoupledPairwiseModel ? 'coupled' : 'votes') : model.scoreKind,
    pairs: pairwise ? Array.from(model.pairs) : undefined,
    labels: model.labels.toJSON(),
    numFeatures: model.numFeatures,
  });
  yield head.slice(0, -1) + ',"W":';
  yield* encodedChunks(model.W);
  yield `,"b":${JSON.stringify(model.b ? Array.from(model.b) : null)}`;
  yield* inputAndMetaChunks(extra);
}

/** ,"input":…,"meta":…} closing a model file: a text model's featurizer in pieces. */
function* inputAndMetaChunks(extra: ModelFileExtra): Generator<string> {
  yield ',"input":';
  if (extra.featurizer) yield* featurizerInputChunks(extra.featurizer);
  else yield JSON.stringify(inputDoc(null, extra.indexBase));
  yield `,"meta":${JSON.stringify(extra.meta ?? {})}}`;
}

/** {"encoding":"float64-base64","data":"…"} in pieces. */
export function* encodedChunks(values: Float64Array): Generator<string> {
  yield '{"encoding":"float64-base64","data":"';
  yield* float64Base64Chunks(values);
  yield '"}';
}

/** {"kind":"text","featurizer":{options, vocabulary, idf}} in pieces: the vocabulary a slice of terms at a time. */
function* featurizerInputChunks(featurizer: TextFeaturizer): Generator<string> {
  const { options, vocabulary, idf } = featurizer.parts();
  yield `{"kind":"text","featurizer":{"options":${JSON.stringify(options)},"vocabulary":`;
  if (vocabulary === null) yield 'null';
  else {
    // Small pieces: with 8,192 terms per piece saving a 321k-term vocabulary raised the peak memory by ~15 MB, with 1,024 by ~2.
    const SLICE = 1024;
    yield '[';
    for (let from = 0; from < vocabulary.length; from += SLICE) {
      const part = JSON.stringify(vocabulary.slice(from, from + SLICE));
      yield (from > 0 ? ',' : '') + part.slice(1, -1);
    }
    yield ']';
  }
  yield ',"idf":';
  if (idf === null) yield 'null';
  else yield* encodedChunks(idf);
  yield '}}';
}

export class ModelFormatError extends Error {
  constructor(source: string, message: string) {
    super(`${source}: ${message}`);
    this.name = 'ModelFormatError';
  }
}

/** Parses and validates a model file; every error names the source and the field. */
export function modelFromJson(text: string, source = 'model'): LoadedModel {
  return readModel(text, source, null);
}

/** The model file in `text`; a network's θ given beside it (`theta`) when not null. */
function readModel(text: string, source: string, theta: Float64Array | null): LoadedModel {
  const fail = (msg: string): never => {
    throw new ModelFormatError(source, msg);
  };
  let doc: any;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON (${(e as Error).message})`);
  }
  if (doc === null || typeof doc !== 'object') fail('expected a JSON object');
  if (doc.format !== MODEL_FORMAT) fail(`field "format" is ${JSON.stringify(doc.format)}, expected "${MODEL_FORMAT}"`);
  if (!READABLE_VERSIONS.includes(doc.version)) {
    fail(`field "version" is ${JSON.stringify(doc.version)}; this argmax reads versions ${READABLE_VERSIONS.join(' and ')}`);
  }
  if (doc.version === NETWORK_MODEL_VERSION || doc.kind === 'network') {
    if (doc.version !== NETWORK_MODEL_VERSION || doc.kind !== 'network') fail(`version ${NETWORK_MODEL_VERSION} files hold networks ("kind": "network"); got version ${JSON.stringify(doc.version)} with kind ${JSON.stringify(doc.kind)}`);
    const model = networkFromDoc(doc, fail, theta ?? undefined);
    return { model, ...readInput(doc.input, model.numFeatures, source, fail), meta: doc.meta ?? {} };
  }
  if (theta) fail(`parameters given beside the file are read into a network ("kind": "network"), not ${JSON.stringify(doc.kind)}`);
  // Version 1 wrote "linear-softmax"; version 2 "linear" (scores in "scores"), "pairwise" (all-vs-all) or "joint".
  if (!['linear-softmax', 'linear', 'pairwise', 'joint'].includes(doc.kind)) fail(`field "kind" is ${JSON.stringify(doc.kind)}, expected "linear", "pairwise" or "joint"`);
  if (doc.kind === 'joint') {
    const F = doc.numFeatures;
    if (!Number.isInteger(F) || F < 1) fail(`field "numFeatures" must be a positive integer, got ${JSON.stringify(F)}`);
    return { model: new JointModel(readFloat64Field(doc.w, 'w', F, fail)), featurizer: null, meta: doc.meta ?? {} };
  }
  if (!Array.isArray(doc.labels) || doc.labels.length < 2) fail('field "labels" must be an array of at least 2 labels');
  doc.labels.forEach((l: unknown, i: number) => {
    if (typeof l !== 'string' && typeof l !== 'number') fail(`labels[${i}] must be a string or a number`);
  });
  const D = doc.numFeatures;
  if (!Number.isInteger(D) || D < 1) fail(`field "numFeatures" must be a positive integer, got ${JSON.stringify(D)}`);
  const K = doc.labels.length;
  let pairs: Int32Array | null = null;
  if (doc.kind === 'pairwise') {
    if (!Array.isArray(doc.pairs) || doc.pairs.length !== K * (K - 1)) fail(`field "pairs" must list the ${(K * (K - 1)) / 2} class pairs (${K * (K - 1)} indices)`);
    doc.pairs.forEach((c: unknown, i: number) => {
      if (!Number.isInteger(c) || (c as number) < 0 || (c as number) >= K) fail(`pairs[${i}] must be a class index 0..${K - 1}`);
    });
    // Each pair of classes once, the smaller index first (as the trainer writes them): a repeated pair
    // in place of a missing one would load and bias every vote.
    const seen = new Set<number>();
    for (let p = 0; p < doc.pairs.length; p += 2) {
      const [i, j] = [doc.pairs[p], doc.pairs[p + 1]];
      if (!(i < j) || seen.has(i * K + j)) fail(`pairs[${p}..${p + 1}] is (${i}, ${j}): each pair of classes must appear once, the smaller index first`);
      seen.add(i * K + j);
    }
    pairs = Int32Array.from(doc.pairs);
  }
  const rowsOfW = pairs ? pairs.length / 2 : K;
  const W = readFloat64Field(doc.W, 'W', rowsOfW * D, fail);
  const b = doc.b === null ? null : readFloat64Field(doc.b, 'b', rowsOfW, fail);
  const scoreKind = doc.scores ?? 'softmax';
  if (!pairs && !['softmax', 'one-vs-all', 'margin'].includes(scoreKind)) fail(`field "scores" is ${JSON.stringify(scoreKind)}, expected "softmax", "one-vs-all" or "margin"`);
  let labels: LabelTable;
  try {
    labels = new LabelTable(doc.labels as Label[]);
  } catch (e) {
    return fail((e as Error).message);
  }
  const { featurizer, indexBase } = readInput(doc.version >= 2 ? doc.input : { kind: 'vectors' }, D, source, fail);
  if (pairs && !['votes', 'coupled'].includes(doc.scores ?? 'votes')) fail(`field "scores" is ${JSON.stringify(doc.scores)}, expected "votes" or "coupled" for a pairwise model`);
  const model = pairs
    ? new (doc.scores === 'coupled' ? CoupledPairwiseModel : PairwiseModel)(labels, D, pairs, W, b)
    : new LinearModel(labels, D, W, b, scoreKind);
  return { model, featurizer, meta: doc.meta ?? {}, indexBase };
}

/**
 * The model's input description: numeric vectors (with the LibSVM index base decided at training,
 * when recorded), or text with its fitted featurizer.
 */
function readInput(input: any, D: number, source: string, fail: (m: string) => never): { featurizer: TextFeaturizer | null; indexBase: 0 | 1 | null } {
  if (input === null || typeof input !== 'object') fail('field "input" must be an object');
  if (input.indexBase !== undefined && input.indexBase !== 0 && input.indexBase !== 1) fail(`field "input.indexBase" is ${JSON.stringify(input.indexBase)}, expected 0 or 1`);
  const indexBase: 0 | 1 | null = input.indexBase ?? null;
  if (input.kind === 'vectors') return { featurizer: null, indexBase };
  if (input.kind !== 'text') fail(`field "input.kind" is ${JSON.stringify(input.kind)}, expected "vectors" or "text"`);
  let featurizer: TextFeaturizer;
  try {
    featurizer = TextFeaturizer.fromJSON(input.featurizer, 'input.featurizer');
  } catch (e) {
    return fail((e as Error).message);
  }
  if (featurizer.numFeatures !== D) fail(`the featurizer gives ${featurizer.numFeatures} features but "numFeatures" is ${D}`);
  return { featurizer, indexBase };
}

function inputDoc(featurizer: TextFeaturizer | null | undefined, indexBase?: 0 | 1 | null) {
  return featurizer ? { kind: 'text', featurizer: featurizer.toJSON() } : { kind: 'vectors', indexBase: indexBase ?? undefined };
}
