/** Loading a model file is safe: the featurizer is validated, huge claimed lengths are refused, prototypes stay clean. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LabelTable } from '../src/data/labels.js';
import { LinearModel } from '../src/model/linear-model.js';
import { ModelFormatError, modelFromJson, modelToJson } from '../src/io/model-json.js';
import { TextFeaturizer } from '../src/text/featurizer.js';
import { float64ToBase64 } from '../src/io/float64-base64.js';

const featurizer = new TextFeaturizer({ minCount: 1, wordNgrams: 1 });
featurizer.fit(['apple pie', 'bread loaf']);
const D = featurizer.numFeatures;
const textModel = new LinearModel(new LabelTable(['a', 'b']), D, new Float64Array(2 * D).fill(0.5), null);
const doc = JSON.parse(modelToJson(textModel, { featurizer }));
const withFeaturizer = (patch: object) => JSON.stringify({ ...doc, input: { kind: 'text', featurizer: { ...doc.input.featurizer, ...patch } } });

test('text featurizer in a model file: idf values, vocabulary entries and options are validated with the field named', () => {
  // Decimal idf arrays (files written before the base64 encoding) are validated entry by entry.
  const idf = Array.from(featurizer.idfValues!);
  assert.throws(() => modelFromJson(withFeaturizer({ idf: ['abc', ...idf.slice(1)] }), 'm.json'), /m\.json: input\.featurizer: idf\[0\] is "abc", expected a finite number/);
  // 1e400 parses as Infinity.
  assert.throws(() => modelFromJson(withFeaturizer({ idf: undefined }).replace('"input":{"kind":"text","featurizer":{', `"input":{"kind":"text","featurizer":{"idf":[1e400${',1'.repeat(idf.length - 1)}],`), 'm.json'), /idf\[0\] is null|idf\[0\] is Infinity/);
  const vocabulary = doc.input.featurizer.vocabulary as string[];
  assert.throws(() => modelFromJson(withFeaturizer({ vocabulary: [7, ...vocabulary.slice(1)] }), 'm.json'), /input\.featurizer: vocabulary\[0\] is 7, expected a string/);
  assert.throws(() => modelFromJson(withFeaturizer({ vocabulary: [vocabulary[1], ...vocabulary.slice(1)] }), 'm.json'), /input\.featurizer: vocabulary\[1\] "[a-z]+" appears twice/);
  assert.throws(() => modelFromJson(withFeaturizer({ options: { ...doc.input.featurizer.options, lowercase: 'yes' } }), 'm.json'), /input\.featurizer: options\.lowercase must be true or false/);
  assert.throws(() => modelFromJson(withFeaturizer({ options: { ...doc.input.featurizer.options, colour: 1 } }), 'm.json'), /input\.featurizer: unknown option "colour"/);
  // The base64 form: its length, its characters and every decoded value.
  const nan = Float64Array.from(idf);
  nan[1] = NaN;
  assert.throws(() => modelFromJson(withFeaturizer({ idf: { encoding: 'float64-base64', data: float64ToBase64(nan) } }), 'm.json'), /input\.featurizer: idf\[1\] is NaN, expected a finite number/);
  assert.throws(() => modelFromJson(withFeaturizer({ idf: { encoding: 'float64-base64', data: float64ToBase64(nan.subarray(1)) } }), 'm.json'), /input\.featurizer: field "idf\.data" has \d+ characters, expected \d+ for 4 values/);
  assert.throws(() => modelFromJson(withFeaturizer({ idf: { encoding: 'float32-hex', data: '' } }), 'm.json'), /input\.featurizer: field "idf" must be an array of numbers or \{"encoding": "float64-base64"/);
});

test('a text input without a featurizer, or with a featurizer that is not an object, is a ModelFormatError, not a TypeError', () => {
  for (const input of [{ kind: 'text' }, { kind: 'text', featurizer: 3 }, { kind: 'text', featurizer: { options: null, vocabulary: [], idf: null } }]) {
    assert.throws(() => modelFromJson(JSON.stringify({ ...doc, input }), 'm.json'), (e: Error) => e instanceof ModelFormatError && /m\.json: input\.featurizer/.test(e.message));
  }
});

test('a claimed length of 1e9 is refused before anything of that size is allocated', () => {
  const before = process.memoryUsage().arrayBuffers;
  const huge = JSON.stringify({ format: 'argmax-model', version: 2, kind: 'linear', scores: 'softmax', labels: ['a', 'b'], numFeatures: 1e9, W: [1, 2], b: null, input: { kind: 'vectors' }, meta: {} });
  assert.throws(() => modelFromJson(huge, 'm.json'), /field "W" has 2 values, expected 2000000000/);
  // 2e9 float64 would be 16 GB; allow 64 MB of unrelated growth.
  assert.ok(process.memoryUsage().arrayBuffers - before < 64e6);
  const vocab = JSON.stringify({ ...doc, numFeatures: 1e9, input: { kind: 'text', featurizer: { ...doc.input.featurizer, options: { ...doc.input.featurizer.options, hashBuckets: 1e9 } } } });
  assert.throws(() => modelFromJson(vocab, 'm.json'), ModelFormatError);
});

test('keys named __proto__, constructor and prototype in a model file do not pollute prototypes', () => {
  const evil = `{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}},
    "format": "argmax-model", "version": 2, "kind": "linear", "scores": "softmax", "labels": ["a", "b"], "numFeatures": 1,
    "W": [1, 2], "b": null, "input": {"kind": "vectors", "__proto__": {"polluted": "yes"}},
    "meta": {"__proto__": {"polluted": "yes"}, "options": {"__proto__": {"polluted": "yes"}}}}`;
  const loaded = modelFromJson(evil, 'm.json');
  assert.equal((loaded.model as LinearModel).numFeatures, 1);
  assert.equal(({} as any).polluted, undefined);
  assert.equal((Object.prototype as any).polluted, undefined);
  const evilFeaturizer = withFeaturizer({ options: JSON.parse(`{"__proto__": {"polluted": "yes"}}`) });
  assert.throws(() => modelFromJson(evilFeaturizer, 'm.json'), /unknown option "__proto__"/);
  assert.equal(({} as any).polluted, undefined);
});
