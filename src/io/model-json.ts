import { type Label, LabelTable } from '../data/labels.js';
import { LinearModel } from '../model/linear-model.js';

/**
 * The model file, version 1: plain JSON that loads in Node and browsers.
 *
 *   { "format": "argmax-model", "version": 1, "kind": "linear-softmax",
 *     "labels": [...], "numFeatures": D, "W": [K·D numbers, row-major K×D], "b": [K numbers] | null }
 *
 * Numbers are written with JavaScript's shortest round-trip form, so the
 * float64 weights read back bit for bit.
 */
export const MODEL_FORMAT = 'argmax-model';
export const MODEL_VERSION = 1;

export function modelToJson(model: LinearModel, meta: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    kind: 'linear-softmax',
    labels: model.labels.toJSON(),
    numFeatures: model.numFeatures,
    W: Array.from(model.W),
    b: model.b ? Array.from(model.b) : null,
    meta,
  });
}

export class ModelFormatError extends Error {
  constructor(source: string, message: string) {
    super(`${source}: ${message}`);
    this.name = 'ModelFormatError';
  }
}

/** Parses and validates a model file; every error names the source and the field. */
export function modelFromJson(text: string, source = 'model'): LinearModel {
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
  if (doc.version !== MODEL_VERSION) {
    fail(`field "version" is ${JSON.stringify(doc.version)}; this argmax reads version ${MODEL_VERSION} only`);
  }
  if (doc.kind !== 'linear-softmax') fail(`field "kind" is ${JSON.stringify(doc.kind)}, expected "linear-softmax"`);
  if (!Array.isArray(doc.labels) || doc.labels.length < 2) fail('field "labels" must be an array of at least 2 labels');
  doc.labels.forEach((l: unknown, i: number) => {
    if (typeof l !== 'string' && typeof l !== 'number') fail(`labels[${i}] must be a string or a number`);
  });
  const D = doc.numFeatures;
  if (!Number.isInteger(D) || D < 1) fail(`field "numFeatures" must be a positive integer, got ${JSON.stringify(D)}`);
  const K = doc.labels.length;
  const W = numbers(doc.W, 'W', K * D, fail);
  const b = doc.b === null ? null : numbers(doc.b, 'b', K, fail);
  let labels: LabelTable;
  try {
    labels = new LabelTable(doc.labels as Label[]);
  } catch (e) {
    return fail((e as Error).message);
  }
  return new LinearModel(labels, D, W, b);
}

function numbers(v: unknown, field: string, expected: number, fail: (m: string) => never): Float64Array {
  if (!Array.isArray(v)) return fail(`field "${field}" must be an array of numbers`);
  if (v.length !== expected) fail(`field "${field}" has ${v.length} values, expected ${expected} for these labels and features`);
  const out = new Float64Array(expected);
  for (let i = 0; i < expected; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${field}[${i}] is ${JSON.stringify(x)}, expected a finite number`);
    out[i] = x;
  }
  return out;
}
