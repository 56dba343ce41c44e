import { type Label, LabelTable } from '../data/labels.js';
import { createLayerKernels } from '../kernels/layer-select.js';
import { NetworkModel } from '../model/network-model.js';
import { type LayerSpec } from '../scores/layers.js';
import { SequentialScores, layersFromSpec } from '../scores/sequential.js';
import { ACTIVATION_NAMES } from '../scores/activations.js';
import { base64ToFloat64 } from './float64-base64.js';

/**
 * Model file version 3: a network as its layer list and one flat parameter
 * vector (layer by layer; a dense layer's W is inputs×outputs row-major, then
 * its bias):
 *
 *   { "format": "argmax-model", "version": 3, "kind": "network",
 *     "scores": { "kind": "sequential", "layers": [ { "type": "dense", "inputs": 784, "outputs": 256, "bias": true },
 *                                                   { "type": "activation", "activation": "relu" }, … ] },
 *     "head": "softmax" | "margin", "labels": [...], "numFeatures": D,
 *     "params": { "encoding": "float64-base64", "data": "…" } (or an array of numbers),
 *     "input": { "kind": "vectors" } | { "kind": "text", … }, "meta": { … } }
 *
 * Linear models keep version 2, so files of linear models stay readable by
 * earlier argmax releases.
 */
export const NETWORK_MODEL_VERSION = 3;

/**
 * The document without "params" (the model file adds θ as {"encoding": "float64-base64", "data": "…"} after
 * "numFeatures"): what travels beside θ when θ goes as an array (to and from the training worker).
 */
export function networkShapeDoc(model: NetworkModel) {
  return {
    version: NETWORK_MODEL_VERSION,
    kind: 'network',
    scores: { kind: 'sequential', layers: model.scores.spec() },
    head: model.scoreKind,
    labels: model.labels.toJSON(),
    numFeatures: model.numFeatures,
  };
}

/**
 * Reads a version-3 network, checking the layer list, the shapes and every number; errors name the field.
 * With `theta`, the parameters are those values (the document then has no "params").
 */
export function networkFromDoc(doc: any, fail: (m: string) => never, theta?: Float64Array): NetworkModel {
  if (doc.scores === null || typeof doc.scores !== 'object' || doc.scores.kind !== 'sequential') fail('field "scores" must be {"kind": "sequential", "layers": [...]}');
  const specs = doc.scores.layers;
  if (!Array.isArray(specs) || specs.length === 0) fail('field "scores.layers" must be a non-empty array of layers');
  specs.forEach((s: any, i: number) => checkLayerSpec(s, i, fail));
  if (!['softmax', 'margin'].includes(doc.head)) fail(`field "head" is ${JSON.stringify(doc.head)}, expected "softmax" or "margin"`);
  if (!Array.isArray(doc.labels) || doc.labels.length < 2) fail('field "labels" must be an array of at least 2 labels');
  doc.labels.forEach((l: unknown, i: number) => {
    if (typeof l !== 'string' && typeof l !== 'number') fail(`labels[${i}] must be a string or a number`);
  });
  let scores: SequentialScores;
  try {
    scores = new SequentialScores(layersFromSpec(specs as LayerSpec[]), createLayerKernels());
  } catch (e) {
    return fail(`scores.layers: ${(e as Error).message}`);
  }
  if (doc.numFeatures !== scores.numFeatures) fail(`field "numFeatures" is ${JSON.stringify(doc.numFeatures)} but the first layer takes ${scores.numFeatures} inputs`);
  if (scores.numClasses !== doc.labels.length) fail(`the last layer gives ${scores.numClasses} scores but "labels" has ${doc.labels.length} labels`);
  const params = theta ? givenParams(doc, theta, scores.numParams, fail) : readParams(doc.params, scores.numParams, fail);
  let labels: LabelTable;
  try {
    labels = new LabelTable(doc.labels as Label[]);
  } catch (e) {
    return fail((e as Error).message);
  }
  return new NetworkModel(labels, scores, params, doc.head);
}

/** Parameters sent beside the document: the right count, all finite, and no second set in the document. */
function givenParams(doc: any, theta: Float64Array, P: number, fail: (m: string) => never): Float64Array {
  if (doc.params !== undefined) fail('the parameters were given beside the document, which must then have no field "params"');
  if (theta.length !== P) fail(`these layers have ${P} parameters, ${theta.length} were given`);
  checkFinite(theta, fail);
  return theta;
}

/** The parameters: an array of numbers, or {"encoding": "float64-base64", "data": "…"}; all finite. */
function readParams(params: any, P: number, fail: (m: string) => never): Float64Array {
  let theta: Float64Array;
  if (Array.isArray(params)) {
    if (params.length !== P) fail(`field "params" must hold the ${P} parameters of these layers, got ${params.length}`);
    theta = new Float64Array(P);
    for (let i = 0; i < P; i++) {
      const x = params[i];
      if (typeof x !== 'number') fail(`params[${i}] is ${JSON.stringify(x)}, expected a finite number`);
      theta[i] = x;
    }
  } else if (params !== null && typeof params === 'object' && params.encoding === 'float64-base64' && typeof params.data === 'string') {
    try {
      theta = base64ToFloat64(params.data, P);
    } catch (e) {
      return fail(`field "params.data" must hold the ${P} parameters of these layers: ${(e as Error).message}`);
    }
  } else {
    return fail('field "params" must be an array of numbers or {"encoding": "float64-base64", "data": "…"}');
  }
  checkFinite(theta, fail);
  return theta;
}

function checkFinite(theta: Float64Array, fail: (m: string) => never): void {
  for (let i = 0; i < theta.length; i++) if (!Number.isFinite(theta[i])) fail(`params[${i}] is ${theta[i]}, expected a finite number`);
}

function checkLayerSpec(s: any, i: number, fail: (m: string) => never): void {
  const at = `scores.layers[${i}]`;
  if (s === null || typeof s !== 'object') fail(`${at} must be an object`);
  const size = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 1 << 24;
  if (s.type === 'dense') {
    if (!size(s.inputs) || !size(s.outputs)) fail(`${at}: a dense layer needs positive integer "inputs" and "outputs"`);
    if (typeof s.bias !== 'boolean') fail(`${at}: "bias" must be true or false`);
  } else if (s.type === 'activation') {
    if (!(ACTIVATION_NAMES as string[]).includes(s.activation)) fail(`${at}: activation ${JSON.stringify(s.activation)} is not one of ${ACTIVATION_NAMES.join(', ')}`);
  } else if (s.type === 'dropout') {
    if (!(typeof s.rate === 'number' && s.rate >= 0 && s.rate < 1)) fail(`${at}: dropout "rate" must be in [0, 1)`);
  } else fail(`${at}: "type" is ${JSON.stringify(s.type)}, expected "dense", "activation" or "dropout"`);
}
