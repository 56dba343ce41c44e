/** predict --proba and -k with a joint model: probabilities over each example's own candidates, in the linear models' output format. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ended, runCli as run, runOk, tempFiles } from './cli-run.js';
import { loadModel } from '../src/io/model-file.js';
import { JointModel } from '../src/joint/joint-model.js';
import { loadJointData } from '../src/cli/data-source.js';

const { dir, file } = tempFiles('argmax-predict-joint-');

/** An example whose gold candidate is the one whose feature mentions the context word; some examples lack "neil". */
function example(ctx: 'doping' | 'county' | 'moon', withNeil: boolean, names = { doping: 'lance', county: 'county', moon: 'neil' }, gold = true): string {
  const candidates = [
    { label: names.doping, features: [`${ctx}&cyclist`] },
    { label: names.county, features: { [`${ctx}&place`]: 1 } },
    ...(withNeil ? [{ label: names.moon, features: [`${ctx}&astronaut`] }] : []),
  ];
  return JSON.stringify(gold ? { candidates, gold: names[ctx] } : { candidates });
}
const contexts = ['doping', 'county', 'moon'] as const;
const training = Array.from({ length: 60 }, (_, i) => example(contexts[i % 3], i % 3 === 2 || i % 2 === 0)).join('\n') + '\n';
const model = join(dir, 'joint.json');
runOk('train', file('links.jsonl', training), '--model', 'joint', '-o', model);
// Unlabelled: three candidates, then two (no "neil"), then three again.
const probe = file('probe.jsonl', [example('doping', true, undefined, false), example('county', false, undefined, false), example('moon', true, undefined, false)].join('\n') + '\n');
const candidateCounts = [3, 2, 3];

test('predict --proba with a joint model prints "label p" per example, the label plain predict prints', () => {
  const plain = runOk('predict', model, probe).trim().split('\n');
  assert.deepEqual(plain, ['lance', 'county', 'neil']);
  const proba = run('predict', model, probe, '--proba');
  assert.equal(proba.code, 0, ended(proba));
  const lines = proba.stdout.trim().split('\n').map((l) => l.split(' '));
  assert.deepEqual(lines.map((l) => l.length), [2, 2, 2]);
  assert.deepEqual(lines.map((l) => l[0]), plain);
  for (const [, p] of lines) assert.ok(Number(p) > 0.5 && Number(p) <= 1, `the best candidate is clearly the most probable: ${p}`);
});

test('predict -k with a joint model ranks each example\'s own candidates, at most as many as it has, with the library\'s probabilities summing to 1', () => {
  const text = runOk('predict', model, probe, '-k', '5').trim().split('\n').map((l) => l.split(' '));
  const json = runOk('predict', model, probe, '-k', '5', '--jsonl').trim().split('\n').map((l) => JSON.parse(l) as { labels: string[]; probabilities: number[] });
  const loaded = loadModel(model).model as JointModel;
  const data = loadJointData(probe, loaded.w.length, false);
  const expected = loaded.predictProba(data);
  json.forEach((o, i) => {
    assert.equal(o.labels.length, candidateCounts[i], `example ${i + 1}: all of its candidates, none of another's`);
    assert.deepEqual([...o.labels].sort(), data.candidateLabels.slice(data.offsets[i], data.offsets[i + 1]).sort());
    o.labels.forEach((label, j) => {
      const at = data.candidateLabels.indexOf(label, data.offsets[i]) - data.offsets[i];
      assert.equal(o.probabilities[j], expected[i][at], `example ${i + 1}, ${label}: the library's P(y | x)`);
      assert.equal(text[i][2 * j], label);
      assert.equal(text[i][2 * j + 1], o.probabilities[j].toPrecision(6));
      if (j > 0) assert.ok(o.probabilities[j] <= o.probabilities[j - 1], 'most probable first');
    });
    assert.ok(Math.abs(o.probabilities.reduce((s, p) => s + p, 0) - 1) < 1e-12, 'an example\'s candidates\' probabilities sum to 1 (1e-12)');
  });
  const one = runOk('predict', model, probe, '--proba', '--jsonl').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(one, json.map((o) => ({ label: o.labels[0], probability: o.probabilities[0] })));
  const two = runOk('predict', model, probe, '-k', '2').trim().split('\n').map((l) => l.split(' ').length);
  assert.deepEqual(two, [4, 4, 4]);
});

test('predict --proba with a joint model trained with --joint-loss svm is refused: its scores are not probabilities', () => {
  const svm = join(dir, 'joint-svm.json');
  runOk('train', join(dir, 'links.jsonl'), '--model', 'joint', '--joint-loss', 'svm', '-o', svm);
  const r = run('predict', svm, probe, '--proba');
  assert.equal(r.code, 2, ended(r));
  assert.match(r.stderr, /--proba and -k need probabilities; this joint model was trained with --joint-loss svm/);
  assert.equal(r.stdout, '');
  assert.deepEqual(runOk('predict', svm, probe).trim().split('\n'), ['lance', 'county', 'neil']);
});

test('joint candidates with spaces: predict -k 2 is refused with the way out (--jsonl), which separates them', () => {
  const names = { doping: 'Lance Armstrong', county: 'Armstrong County', moon: 'Neil Armstrong' };
  const spaced = join(dir, 'spaced.json');
  runOk('train', file('spaced.jsonl', Array.from({ length: 30 }, (_, i) => example(contexts[i % 3], true, names)).join('\n') + '\n'), '--model', 'joint', '-o', spaced);
  const input = file('spaced-probe.jsonl', example('moon', true, names, false) + '\n');
  const refused = run('predict', spaced, input, '-k', '2');
  assert.equal(refused.code, 2, ended(refused));
  assert.match(refused.stderr, /-k 2: the label "(Lance Armstrong|Armstrong County|Neil Armstrong)" contains a space, so "label p label p" lines could not be split; add --jsonl/);
  assert.equal(JSON.parse(runOk('predict', spaced, input, '-k', '2', '--jsonl')).labels[0], 'Neil Armstrong');
  assert.match(runOk('predict', spaced, input, '--proba'), /^Neil Armstrong 0\.\d+\n$/);
});
