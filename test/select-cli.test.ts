/** argmax cv and argmax search from the command line: output, saved model, and bad input refused before work. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from './support/scratch-dir.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** A small fastText file: 30 "sport" and 30 "money" lines (+ 2 "weather" lines, the smallest class). */
function textFile(): string {
  const dir = scratchDir('argmax-select-');
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) lines.push(`__label__sport the team won the match goal ${i}`, `__label__money the bank raised the rate loan ${i}`);
  lines.push('__label__weather rain and wind today', '__label__weather sunny and warm');
  const file = join(dir, 'train.txt');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

test('argmax cv prints one row per fold and mean ± sd; --json gives the same numbers', () => {
  const file = textFile();
  const r = run('cv', file, '--folds', '2', '--json');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.per_fold.length, 2);
  const mean = (j.per_fold[0].accuracy + j.per_fold[1].accuracy) / 2;
  assert.ok(Math.abs(j.accuracy.mean - mean) < 1e-12);
  const t = run('cv', file, '--folds', '2');
  assert.match(t.stdout, /mean ± sd over 2 folds: accuracy \d\.\d{4} ± \d\.\d{4}/);
  assert.equal(t.stdout.split('\n').filter((l) => /^\s+1\s+[12]\s/.test(l)).length, 2);
});

test('argmax search: table sorted by score, a ready-to-paste train command, -o saves the best setting with how it was chosen', () => {
  const file = textFile();
  const dir = scratchDir('argmax-search-');
  const model = join(dir, 'best.json');
  const r = run('search', file, '--folds', '2', '--grid', 'C=0.001,10 ngrams=1,2', '--min-count', '1', '-o', model, '--json');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.results.length, 4);
  for (let i = 1; i < 4; i++) assert.ok(j.results[i - 1].score >= j.results[i].score);
  assert.deepEqual(j.best.setting, j.results[0].setting);
  assert.equal(j.train_command, `argmax train ${file} --min-count 1 --C ${j.best.setting.C} --ngrams ${j.best.setting.ngrams} -o ${model}`);
  const saved = JSON.parse(readFileSync(model, 'utf8'));
  assert.deepEqual(saved.meta.setting, j.best.setting);
  assert.equal(saved.meta.selection.method, 'grid search');
  assert.equal(saved.meta.options.C, Number(j.best.setting.C));
  assert.equal(saved.input.featurizer.options.wordNgrams, Number(j.best.setting.ngrams));
  // The saved model is usable by argmax test.
  assert.equal(run('test', model, file).code, 0);
});

test('bad input to cv and search is refused before any work, saying what was expected', () => {
  const file = textFile();
  const folds = run('cv', file, '--folds', '3');
  assert.equal(folds.code, 1);
  assert.match(folds.stderr, /3 folds need at least 3 examples of every class, but class "weather" has only 2 \(use at most 2 folds\)/);
  const key = run('search', file, '--grid', 'C=1,10 gamma=0.1');
  assert.equal(key.code, 2);
  assert.match(key.stderr, /--grid: unknown key "gamma"; valid keys: model, optimizer, C, l2, l1, lr, epochs, batch-size, schedule, momentum, class-weight, max-iter, tol, scale, hidden, activation, dropout, ngrams, min-count, max-features, weighting, hash-buckets\n/);
  assert.match(run('search', file, '--grid', '').stderr, /--grid: the grid is empty/);
  assert.match(run('search', file).stderr, /give --grid 'key=v1,v2 …' or --random N/);
  assert.match(run('search', file, '--grid', 'C=1', '--C', '2').stderr, /--C is given as a flag and in --grid: keep one/);
  // A bad value in the grid is named as the grid spells it (the user typed no --C); a bad flag as the flag.
  assert.match(run('search', file, '--grid', 'C=1,abc').stderr, /^argmax search: --grid C=abc: C: expected a number > 0, got "abc"$/m);
  assert.match(run('search', file, '--grid', 'ngrams=1,2', '--C', 'abc').stderr, /^argmax search: --C: expected a number > 0, got "abc"$/m);
  assert.match(run('search', file, '--grid', 'model=softmax,svm', '--optimizer', 'newton').stderr, /optimizer=newton model=svm: optimizer: newton needs a differentiable loss.*Use dual-cd/);
  assert.match(run('search', file, '--grid', 'C=1', '--metric', 'f1:rain').stderr, /--metric f1:rain: no class "rain" in the data \(classes: money, sport, weather\)/);
  assert.match(run('search', file, '--grid', 'C=1', '--random', '0').stderr, /--random: expected an integer ≥ 1 and ≤ 100000, got 0/);
});

test('train --autotune-val: reports each trial, saves the best model with its setting and how it was chosen; a budget ≤ 0 and out-of-core flags are refused', () => {
  const file = textFile();
  const dir = scratchDir('argmax-autotune-');
  const model = join(dir, 'tuned.json');
  const r = run('train', file, '--autotune-val', file, '--autotune-trials', '4', '--autotune-metric', 'macro-f1', '--min-count', '1', '-o', model, '--json');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.trials.length, 4);
  assert.deepEqual(j.trials[0].setting, { 'min-count': '1' });
  assert.ok(j.best.value >= j.untuned.value);
  const saved = JSON.parse(readFileSync(model, 'utf8'));
  assert.deepEqual(saved.meta.setting, j.best.setting);
  assert.equal(saved.meta.autotune.metric, 'macro-f1');
  assert.equal(saved.meta.autotune.trials, 4);
  assert.equal(run('test', model, file).code, 0);
  assert.match(run('train', file, '-o', model, '--autotune-val', file, '--autotune-seconds', '0').stderr, /--autotune-seconds: expected a number > 0, got 0/);
  assert.match(run('train', file, '-o', model, '--autotune-val', file, '--autotune-seconds=-5').stderr, /--autotune-seconds: expected a number > 0, got -5/);
  assert.match(run('train', file, '-o', model, '--autotune-val', file, '--autotune-trials', '0').stderr, /--autotune-trials: expected an integer ≥ 1, got 0/);
  assert.match(run('train', file, '-o', model, '--autotune-seconds', '10').stderr, /--autotune-val FILE: autotune needs validation data/);
  assert.match(run('train', file, '-o', model, '--autotune-val', file, '--val-fraction', '0.2').stderr, /--val-fraction: not used with autotune/);
  assert.match(run('train', file, '-o', model, '--autotune-val', file, '--out-of-core', 'on').stderr, /--out-of-core: not used with autotune \(its trials train in memory/);
  assert.match(run('train', file, '-o', model, '--autotune-val', file, '--memory-budget', '100').stderr, /--memory-budget: not used with autotune/);
});

test('argmax cv --workers 2 gives the same folds and scores as one thread', () => {
  const file = textFile();
  const one = JSON.parse(run('cv', file, '--folds', '2', '--repeats', '2', '--json').stdout);
  const two = run('cv', file, '--folds', '2', '--repeats', '2', '--workers', '2', '--json');
  assert.equal(two.code, 0, two.stderr);
  const j = JSON.parse(two.stdout);
  const strip = (x: any) => x.per_fold.map(({ seconds: _s, ...rest }: any) => rest);
  assert.deepEqual(strip(j), strip(one));
  assert.equal(j.per_fold.length, 4);
});

/** Three classes over three features of very different scales (x2 in the thousands), with an id column and the label in "species". */
function scaledCsv(): string {
  const dir = scratchDir('argmax-select-scaled-');
  const lines = ['id,x1,x2,x3,species'];
  for (let i = 0; i < 60; i++) {
    const k = i % 3;
    const x = [0.1 * ((i * 7) % 5), 0.1 * ((i * 3) % 4), 0.1 * ((i * 5) % 3)];
    x[k] += 0.6;
    lines.push(`${9000 + i},${x[0]},${x[1] * 1000},${x[2]},${'abc'[k]}`);
  }
  const path = join(dir, 'scaled.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

test('search -o on a numeric file saves the model its printed train command makes: the same scaling (maxabs by default), the reading flags in the command, the same weights', () => {
  const data = scaledCsv();
  const best = join(data, '..', 'best.json');
  const s = run('search', data, '--label-column', 'species', '--ignore-columns', 'id', '--grid', 'C=1,100', '--folds', '2', '-o', best, '--json');
  assert.equal(s.code, 0, s.stderr);
  const command: string[] = JSON.parse(s.stdout).train_command.split(' ');
  assert.deepEqual(command.slice(0, 7), ['argmax', 'train', data, '--label-column', 'species', '--ignore-columns', 'id']);
  const again = join(data, '..', 'again.json');
  const t = run(...command.slice(1, -1), again);
  assert.equal(t.code, 0, t.stderr);
  const [a, b] = [best, again].map((p) => JSON.parse(readFileSync(p, 'utf8')));
  assert.equal(a.meta.scaler.kind, 'maxabs');
  assert.deepEqual(a.meta.scaler, b.meta.scaler);
  assert.deepEqual([a.W, a.b], [b.W, b.b]);
});

test('cv and search scale numeric files as train does (maxabs), and --scale (also a grid key) changes the scores', () => {
  const data = scaledCsv();
  const cv = (...flags: string[]) => {
    const r = run('cv', data, '--label-column', 'species', '--ignore-columns', 'id', '--folds', '3', '--C', '0.1', '--json', ...flags);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout).log_loss.mean;
  };
  // maxabs is the default: the flag spelled out gives the same folds and the same numbers.
  assert.equal(cv(), cv('--scale', 'maxabs'));
  assert.notEqual(cv(), cv('--scale', 'none'));
  const s = run('search', data, '--label-column', 'species', '--ignore-columns', 'id', '--grid', 'scale=none,maxabs,standard', '--folds', '3', '--json');
  assert.equal(s.code, 0, s.stderr);
  assert.deepEqual(JSON.parse(s.stdout).results.map((r: { setting: { scale: string } }) => r.setting.scale).sort(), ['maxabs', 'none', 'standard']);
});

test('search -o with --model mlp on a numeric file saves the network its printed train command makes: scaled by maxabs (the scaler in the meta and folded into the first layer), the same weights', () => {
  const data = scaledCsv();
  const searched = join(data, '..', 'mlp-searched.json');
  const trained = join(data, '..', 'mlp-trained.json');
  const s = run('search', data, '--label-column', 'species', '--ignore-columns', 'id', '--model', 'mlp', '--hidden', '8', '--epochs', '5', '--grid', 'lr=0.01', '--folds', '3', '-o', searched);
  assert.equal(s.code, 0, s.stderr);
  const t = run('train', data, '--label-column', 'species', '--ignore-columns', 'id', '--model', 'mlp', '--hidden', '8', '--epochs', '5', '--lr', '0.01', '-o', trained);
  assert.equal(t.code, 0, t.stderr);
  const a = JSON.parse(readFileSync(searched, 'utf8'));
  const b = JSON.parse(readFileSync(trained, 'utf8'));
  assert.equal(a.meta.scaler.kind, 'maxabs');
  assert.deepEqual(a.meta.scaler, b.meta.scaler);
  assert.equal(a.kind, 'network');
  assert.deepEqual([a.scores, a.params], [b.scores, b.params]);
});

test('autotune on a numeric file: its first (untuned) trial is the model plain train makes, scaling included, its meta records the scaler folded into the weights, and its printed command carries the reading flags', () => {
  const data = scaledCsv();
  const tuned = join(data, '..', 'tuned.json');
  const plain = join(data, '..', 'plain.json');
  const a = run('train', data, '--label-column', 'species', '--ignore-columns', 'id', '--autotune-val', data, '--autotune-trials', '1', '-o', tuned);
  assert.equal(a.code, 0, a.stderr);
  assert.match(a.stdout, new RegExp(`the same model without autotune: argmax train ${data.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --label-column species --ignore-columns id -o `));
  const t = run('train', data, '--label-column', 'species', '--ignore-columns', 'id', '-o', plain);
  assert.equal(t.code, 0, t.stderr);
  const [x, y] = [tuned, plain].map((p) => JSON.parse(readFileSync(p, 'utf8')));
  assert.deepEqual([x.W, x.b], [y.W, y.b]);
  assert.equal(x.meta.scaler?.kind, 'maxabs');
  assert.deepEqual(x.meta.scaler, y.meta.scaler);
});

test('cv and search folds do not depend on how labels are spelled: species renamed to numbers (another sort order) give the same exported folds and the same cv scores', () => {
  const data = scaledCsv();
  const renamed = join(data, '..', 'renamed.csv');
  const number: Record<string, string> = { a: '3', b: '1', c: '2' };
  writeFileSync(renamed, readFileSync(data, 'utf8').replace(/,([abc])$/gm, (_, l: string) => `,${number[l]}`));
  const flags = ['--label-column', 'species', '--ignore-columns', 'id', '--folds', '4', '--seed', '5'];
  const folds = (file: string) => {
    const out = join(data, '..', `folds-${file === data ? 'names' : 'numbers'}.json`);
    const r = run('search', file, ...flags, '--grid', 'C=1', '--export-folds', out, '--json');
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(readFileSync(out, 'utf8')).fold;
  };
  assert.deepEqual(folds(renamed), folds(data));
  const cv = (file: string) => {
    const r = run('cv', file, ...flags, '--json');
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout).per_fold as { train: number; held_out: number; accuracy: number; macro_f1: number; log_loss: number }[];
  };
  const [byName, byNumber] = [cv(data), cv(renamed)];
  assert.deepEqual(byNumber.map((f) => [f.train, f.held_out, f.accuracy, f.macro_f1]), byName.map((f) => [f.train, f.held_out, f.accuracy, f.macro_f1]));
  // The classes are numbered in another order, so sums run in another order: log loss agrees to rounding (1e-9 relative).
  byName.forEach((f, i) => assert.ok(Math.abs(byNumber[i].log_loss - f.log_loss) <= 1e-9 * f.log_loss, `fold ${i}: ${byNumber[i].log_loss} vs ${f.log_loss}`));
});

test('search refuses a grid with a repeated value before reading the data (a missing file is not even opened)', () => {
  const missing = join(scratchDir('argmax-select-missing-'), 'absent.txt');
  for (const grid of ['C=1,1', 'C=1,1.0 ngrams=1,2']) {
    const r = run('search', missing, '--grid', grid);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^argmax search: --grid: C=1,1(\.0)? lists the value 1 twice.*: every setting with it would be scored twice$/m);
    assert.doesNotMatch(r.stderr, /absent\.txt/);
  }
});

test('text options on numeric data are refused naming the flag or grid key: before reading when the name says numeric (a missing file is not opened), after reading a CSV without a text column', () => {
  const missing = join(scratchDir('argmax-select-missing-'), 'absent.svm');
  const grid = run('search', missing, '--grid', 'C=1 ngrams=1,2');
  assert.equal(grid.code, 2, grid.stderr);
  assert.match(grid.stderr, /^argmax search: --grid ngrams=1,2: ngrams is a text featurizer option, but .*absent\.svm holds numeric vectors$/m);
  const flag = run('search', missing, '--grid', 'C=1,10', '--min-count', '2');
  assert.match(flag.stderr, /^argmax search: --min-count: a text featurizer option, but .*absent\.svm holds numeric vectors$/m);
  assert.match(run('cv', missing, '--ngrams', '2').stderr, /^argmax cv: --ngrams: a text featurizer option, but .*absent\.svm holds numeric vectors$/m);
  assert.match(run('train', missing, '--autotune-val', missing, '--ngrams', '2', '-o', join(missing, '..', 'm.json')).stderr, /--ngrams: a text featurizer option, but .*absent\.svm holds numeric vectors$/m);
  assert.match(run('search', 'mnist:train', '--grid', 'weighting=tf,tfidf').stderr, /^argmax search: --grid weighting=tf,tfidf: weighting is a text featurizer option, but mnist:train holds numeric vectors$/m);
  // A CSV is text only if its header has a text column: known after reading, and still named as the grid spells it.
  const data = scaledCsv();
  const csv = run('search', data, '--label-column', 'species', '--ignore-columns', 'id', '--grid', 'C=1 min-count=1,2');
  assert.equal(csv.code, 2, csv.stderr);
  assert.match(csv.stderr, /^argmax search: --grid min-count=1,2: min-count is a text featurizer option, but .*scaled\.csv holds numeric vectors$/m);
});

test('search --random without --grid on a numeric CSV draws from the numeric space (C only), as on LibSVM files', () => {
  const data = scaledCsv();
  const r = run('search', data, '--label-column', 'species', '--ignore-columns', 'id', '--random', '3', '--folds', '2', '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).results.map((x: { setting: Record<string, string> }) => Object.keys(x.setting)), [['C'], ['C'], ['C']]);
});
