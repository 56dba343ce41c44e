/**
 * Word segmentation of scripts written without spaces: the tokenizer option,
 * the featurizer's fitted terms and the command line's --segment-words, kept in the model.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tokenize, wordSegments } from '../src/text/tokenize.js';
import { TextFeaturizer, type FeaturizerJson } from '../src/text/featurizer.js';
import { runCli as run, tempFiles } from './cli-run.js';

const CHINESE = '我们必须降低税收并加强联邦';

test('segmentWords cuts a Chinese phrase into several dictionary words (税收 "taxes" among them) that join back into the phrase; without it the phrase is one token', () => {
  assert.deepEqual(tokenize(CHINESE), [CHINESE]);
  const words = tokenize(CHINESE, { segmentWords: true });
  assert.ok(words.length >= 4, `${words.length} words: ${words.join('|')}`);
  assert.equal(words.join(''), CHINESE);
  assert.ok(words.includes('税收') && words.includes('降低'), words.join('|'));
});

test('segmentWords leaves words of spaced scripts as they are: Latin, Greek and Cyrillic text tokenizes the same with and without it, and a Latin word beside Chinese stays whole', () => {
  for (const text of ['Too many drug trials, too few patients!', "Don't stop: l’Été à Zürich", 'Ελληνικά και русский']) {
    assert.deepEqual(tokenize(text, { segmentWords: true }), tokenize(text));
  }
  const mixed = tokenize('hello 你好世界 world', { segmentWords: true });
  assert.equal(mixed[0], 'hello');
  assert.equal(mixed.at(-1), 'world');
  assert.equal(mixed.slice(1, -1).join(''), '你好世界');
  assert.ok(mixed.length >= 4, mixed.join('|'));
});

test('featurizer with segmentWords: the fitted vocabulary holds the words of the phrases, termsOf gives the same words, and the option survives JSON', () => {
  const texts = ['我们必须降低税收', '我们必须加强联邦', '降低税收加强联邦'];
  const f = new TextFeaturizer({ segmentWords: true, wordNgrams: 1, minCount: 1, weighting: 'count', normalize: 'none' }).fit(texts);
  const vocabulary = f.toJSON().vocabulary!;
  for (const word of ['我们', '必须', '税收', '联邦']) assert.ok(vocabulary.includes(word), `${word} in ${vocabulary.join('|')}`);
  assert.ok(!vocabulary.includes(texts[0]), 'the whole phrase is not a term');
  assert.deepEqual(new Set(texts.flatMap((t) => f.termsOf(t))), new Set(vocabulary));
  const g = TextFeaturizer.fromJSON(JSON.parse(JSON.stringify(f.toJSON())));
  assert.equal(g.options.segmentWords, true);
  assert.deepEqual(g.transform(['税收联邦']), f.transform(['税收联邦']));
});

test('a saved featurizer from before the option (no segmentWords key) loads with segmentation off', () => {
  const json = new TextFeaturizer({ minCount: 1 }).fit(['一二三', '四五六']).toJSON() as FeaturizerJson;
  const { segmentWords, ...older } = json.options;
  assert.equal(segmentWords, false);
  const g = TextFeaturizer.fromJSON({ ...json, options: older as FeaturizerJson['options'] });
  assert.equal(g.options.segmentWords, false);
  assert.throws(() => TextFeaturizer.fromJSON({ ...json, options: { ...json.options, segmentWords: 'yes' as never } }), /options\.segmentWords must be true or false, got "yes"/);
});

test('train --segment-words on Chinese fastText lines: the model keeps the option, so predict labels a new sentence made of one class\'s words, which it cannot without the option', () => {
  const { dir, file } = tempFiles('argmax-segment-');
  // Two topics, each phrase a new arrangement of its topic's words: no whole phrase repeats.
  const economy = ['降低税收', '税收和预算', '预算和降低', '政府预算税收', '降低政府预算'];
  const sport = ['球队赢得比赛', '比赛和球队', '赢得冠军比赛', '球队冠军', '冠军赢得球队'];
  const train = file('train.txt', [...economy.map((t) => `__label__economy ${t}`), ...sport.map((t) => `__label__sport ${t}`)].join('\n') + '\n');
  const probe = file('probe.txt', '税收预算政府\n冠军球队比赛\n');
  const predictions = (flags: string[]) => {
    const model = join(dir, `model${flags.length}.json`);
    const t = run('train', train, '-o', model, '--min-count', '1', ...flags);
    assert.equal(t.code, 0, t.stderr);
    const p = run('predict', model, probe);
    assert.equal(p.code, 0, p.stderr);
    return p.stdout.trim().split('\n');
  };
  assert.deepEqual(predictions(['--segment-words']), ['economy', 'sport']);
  // Without segmentation each probe is one unseen term: both get the same, bias-only, label.
  const unsegmented = predictions([]);
  assert.equal(unsegmented[0], unsegmented[1]);
});

test('wordSegments: every segment of a Chinese run, punctuation included, joins back into the run; a Latin run is returned whole', () => {
  const run = '我们必须降低税收，加强联邦。';
  const all = wordSegments(run);
  assert.equal(all.join(''), run);
  assert.ok(all.includes('，') && all.includes('。'), all.join('|'));
  assert.deepEqual(wordSegments(run, true), tokenize(run, { segmentWords: true }));
  assert.deepEqual(wordSegments("l’homme,"), ["l’homme,"]);
});
