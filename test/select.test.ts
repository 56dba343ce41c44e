/** Model selection: stratified folds, cross-validation without leakage, search spaces, search. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LabelTable } from '../src/data/labels.js';
import { stratifiedFolds, foldRows } from '../src/select/folds.js';
import { crossValidate, planFolds } from '../src/select/cross-validate.js';
import { type Examples, featurizePair, subsetExamples } from '../src/select/examples.js';
import { search } from '../src/select/search.js';
import { gridSettings, parseSpace, randomSettings } from '../src/select/space.js';
import { candidateFromSetting } from '../src/select/settings.js';
import { randomDataset } from './helpers.js';

test('stratified folds: every example in one fold, each class split into near-equal parts, reproducible by seed', () => {
  // Classes of 23, 7 and 50 examples, interleaved.
  const counts = [23, 7, 50];
  const y = Int32Array.from(counts.flatMap((n, c) => Array(n).fill(c)));
  const labels = new LabelTable(['a', 'b', 'c']);
  const k = 5;
  const fold = stratifiedFolds(y, labels, k, 3);
  for (let c = 0; c < 3; c++) {
    const perFold = Array(k).fill(0);
    y.forEach((yc, i) => yc === c && perFold[fold[i]]++);
    assert.ok(Math.max(...perFold) - Math.min(...perFold) <= 1, `class ${c}: ${perFold}`);
  }
  const sizes = Array(k).fill(0);
  fold.forEach((f) => sizes[f]++);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `fold sizes ${sizes}`);
  assert.deepEqual(stratifiedFolds(y, labels, k, 3), fold);
  assert.notDeepEqual(stratifiedFolds(y, labels, k, 4), fold);
  const { train, heldOut } = foldRows(fold, 2);
  assert.equal(train.length + heldOut.length, y.length);
  assert.ok(Array.from(heldOut).every((i) => fold[i] === 2) && Array.from(train).every((i) => fold[i] !== 2));
});

test('stratified folds depend only on which examples share a class: labels renamed one-to-one (names to numbers, another sort order) give the same folds', () => {
  // 30 examples of three interleaved classes in the order b, c, a, …; the renaming reverses the sorted order of the classes.
  const names = Array.from({ length: 30 }, (_, i) => ['b', 'c', 'a'][(i * 7) % 3] as string);
  const renamed = names.map((l) => ({ a: 30, b: 20, c: 10 })[l]!);
  const byName = LabelTable.fromValues(names);
  const byNumber = LabelTable.fromValues(renamed);
  assert.notDeepEqual(byName.encode(names, 'names'), byNumber.encode(renamed, 'numbers'), 'the renaming must change the class indices for this test to bite');
  for (const seed of [0, 1, 2]) {
    assert.deepEqual(stratifiedFolds(byNumber.encode(renamed, 'numbers'), byNumber, 4, seed), stratifiedFolds(byName.encode(names, 'names'), byName, 4, seed), `seed ${seed}`);
  }
});

test('more folds than the smallest class has examples is refused, naming the class and its count', () => {
  const y = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1]);
  assert.throws(() => stratifiedFolds(y, new LabelTable(['ham', 'spam']), 4, 0), /4 folds need at least 4 examples of every class, but class "spam" has only 3 \(use at most 3 folds\)/);
  assert.throws(() => stratifiedFolds(y, new LabelTable(['ham', 'spam']), 1, 0), /folds must be an integer ≥ 2, got 1/);
});

/** 40 texts: shared words per class, plus one word that occurs in that text only. */
function textsWithUniqueWords(): Examples {
  const texts: string[] = [];
  const y: number[] = [];
  for (let i = 0; i < 40; i++) {
    const c = i % 2;
    texts.push(`${c ? 'tax budget deficit' : 'war army navy'} common words here only${i}x`);
    y.push(c);
  }
  return { kind: 'text', texts, y: Int32Array.from(y), labels: new LabelTable(['dem', 'rep']) };
}

test('no leakage: a term that occurs only in the held-out fold has no column, and idf counts training documents only', () => {
  const ex = textsWithUniqueWords();
  const [plan] = planFolds(ex, { folds: 5, seed: 1 });
  const pair = featurizePair(subsetExamples(ex, plan.train), subsetExamples(ex, plan.heldOut), { wordNgrams: 1, minCount: 1 });
  const vocabulary = pair.featurizer!.toJSON().vocabulary!;
  for (const i of plan.heldOut) assert.ok(!vocabulary.includes(`only${i}x`), `held-out term only${i}x has a column`);
  for (const i of plan.train) assert.ok(vocabulary.includes(`only${i}x`), `training term only${i}x has no column`);
  // 9 shared words (3 + 3 per class, 3 common) + one unique word per training text.
  assert.equal(pair.train.X.cols, 9 + plan.train.length);
  // A word in one training text: idf = ln((1 + N_train) / (1 + 1)) + 1 with N_train = 32, not N = 40.
  const idf = pair.featurizer!.idfValues!;
  const col = vocabulary.indexOf(`only${plan.train[0]}x`);
  assert.ok(Math.abs(idf[col] - (Math.log(33 / 2) + 1)) < 1e-12, `idf ${idf[col]}`);
  // crossValidate fits each fold's featurizer on that fold's training part: its width says so.
  const cv = crossValidate(ex, { train: { optimizer: 'newton', C: 10 }, featurizer: { wordNgrams: 1, minCount: 1 } }, { folds: 5, seed: 1 });
  for (const f of cv.folds) assert.equal(f.features, 9 + f.trainExamples);
});

test('crossValidate: one score per fold, the summary is their mean and sample sd, the same seed repeats the same numbers', () => {
  const data = randomDataset(300, 5, 3, 11);
  const ex: Examples = { kind: 'vectors', data };
  const candidate = { train: { optimizer: 'lbfgs' as const, C: 1 } };
  const a = crossValidate(ex, candidate, { folds: 4, repeats: 2, seed: 7 });
  assert.equal(a.folds.length, 8);
  assert.deepEqual(a.folds.map((f) => f.heldOutExamples).reduce((s, n) => s + n, 0), 600);
  const accs = a.folds.map((f) => f.scores.accuracy);
  const mean = accs.reduce((s, v) => s + v, 0) / 8;
  const sd = Math.sqrt(accs.reduce((s, v) => s + (v - mean) ** 2, 0) / 7);
  assert.ok(Math.abs(a.summary.accuracy.mean - mean) < 1e-12 && Math.abs(a.summary.accuracy.sd - sd) < 1e-12);
  assert.ok(mean > 0.8, `accuracy ${mean} on a learnable linear problem`);
  assert.ok(a.summary.logLoss !== null && a.summary.logLoss.mean > 0);
  const b = crossValidate(ex, candidate, { folds: 4, repeats: 2, seed: 7 });
  assert.deepEqual(b.folds.map((f) => f.scores), a.folds.map((f) => f.scores));
  // The SVM has no probabilities: no log loss.
  assert.equal(crossValidate(ex, { train: { loss: 'svm', optimizer: 'dual-cd', C: 1 } }, { folds: 3 }).summary.logLoss, null);
});

test('search space: grids are products in order; bad grids are refused naming the key and listing the valid ones', () => {
  const grid = gridSettings(parseSpace('C=0.1,1 ngrams=1,2,3', '--grid'), '--grid');
  assert.equal(grid.length, 6);
  assert.deepEqual(grid[0], { C: '0.1', ngrams: '1' });
  assert.deepEqual(grid[5], { C: '1', ngrams: '3' });
  assert.throws(() => parseSpace('C=1 gamma=2', '--grid'), /--grid: unknown key "gamma"; valid keys: model, optimizer, C, l2, l1, lr/);
  assert.throws(() => parseSpace('   ', '--grid'), /--grid: the grid is empty/);
  assert.throws(() => parseSpace('C=', '--grid'), /--grid: C has no value/);
  assert.throws(() => parseSpace('C=1 C=2', '--grid'), /the key C appears twice/);
  assert.throws(() => gridSettings(parseSpace('C=0.01..100', '--grid'), '--grid'), /is a range; a grid needs lists/);
  assert.throws(() => parseSpace('C=0..100', '--grid'), /log scale, so the range must be positive/);
});

test('a grid with a repeated value is refused naming the key and the value, numbers compared by value', () => {
  assert.throws(() => parseSpace('C=1,1', '--grid'), /^UsageError: --grid: C=1,1 lists the value 1 twice: every setting with it would be scored twice$/);
  assert.throws(() => parseSpace('ngrams=1,2 C=1,10,1.0', '--grid'), /^UsageError: --grid: C=1,10,1.0 lists the value 1 twice \(as 1 and 1.0\): every setting with it would be scored twice$/);
  assert.throws(() => parseSpace('C=0.1,1e-1', '--grid'), /C=0.1,1e-1 lists the value 0.1 twice \(as 0.1 and 1e-1\)/);
  assert.throws(() => parseSpace('model=svm,softmax,svm', '--grid'), /--grid: model=svm,softmax,svm lists the value svm twice:/);
  // Distinct values pass, names compared as spelled.
  assert.equal(gridSettings(parseSpace('C=1,10,0.1 model=svm,softmax', '--grid'), '--grid').length, 6);
});

test('random search samples C log-uniformly: half the draws from 0.01..100 fall below 1', () => {
  const space = parseSpace('C=0.01..100 ngrams=1..3 model=softmax,svm', '--grid');
  const draws = randomSettings(space, 4000, 5);
  assert.deepEqual(randomSettings(space, 4000, 5), draws);
  const c = draws.map((d) => Number(d.C));
  assert.ok(c.every((v) => v >= 0.01 && v <= 100));
  // Log-uniform: P(C < 1) = ln(100)/ln(10⁴) = 0.5; a uniform draw would give 0.0099. Tolerance 0.03 (≈ 4 binomial sd).
  const below = c.filter((v) => v < 1).length / c.length;
  assert.ok(Math.abs(below - 0.5) < 0.03, `fraction below 1: ${below}`);
  assert.deepEqual([...new Set(draws.map((d) => d.ngrams))].sort(), ['1', '2', '3']);
  assert.deepEqual([...new Set(draws.map((d) => d.model))].sort(), ['softmax', 'svm']);
});

test('random search never draws a setting twice: lists are sampled without replacement, and more draws than distinct settings are refused', () => {
  const key = (s: Record<string, string>) => JSON.stringify(s);
  // Lists only: 2 × 2 = 4 settings; 4 draws are the whole grid in a seeded order.
  const lists = parseSpace('C=1,10 model=softmax,svm', '--grid');
  const all = randomSettings(lists, 4, 3);
  assert.deepEqual(all.map(key).sort(), gridSettings(lists, '--grid').map(key).sort());
  assert.throws(() => randomSettings(lists, 5, 3), /^UsageError: --random 5: the space has only 4 distinct settings \(use --grid to score each once, or widen the space\)$/);
  assert.throws(() => randomSettings(parseSpace('ngrams=1..3', '--grid'), 4, 0), /--random 4: the space has only 3 distinct settings/);
  // A range of C printed to 3 significant digits has about 3,600 values over 4 decades: 300 independent draws
  // would repeat about 300²/(2·3600) ≈ 12 of them.
  const draws = randomSettings(parseSpace('C=0.01..100', '--grid'), 300, 1);
  assert.equal(new Set(draws.map(key)).size, 300);
});

test('search scores each setting as crossValidate does and sorts best first', () => {
  const data = randomDataset(240, 6, 3, 2);
  const ex: Examples = { kind: 'vectors', data };
  const settings = gridSettings(parseSpace('C=0.0001,0.01,1 model=softmax,svm', '--grid'), '--grid').map((s) => ({ ...s, optimizer: s.model === 'svm' ? 'dual-cd' : 'lbfgs' }));
  const entries = settings.map((setting) => ({ setting, candidate: candidateFromSetting(setting, { text: false, fromFile: true }) }));
  const rows = search(ex, entries, { scoring: { kind: 'cv', folds: 3, seed: 4 }, metric: { kind: 'accuracy' } });
  assert.equal(rows.length, 6);
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].value >= rows[i].value);
  for (const r of rows) {
    const cv = crossValidate(ex, r.candidate, { folds: 3, seed: 4 });
    assert.equal(r.value, cv.summary.accuracy.mean, `${JSON.stringify(r.setting)}`);
  }
  // A strongly over-regularized model (C = 1e-4) does worse than C = 1 here.
  const acc = (c: string, m: string) => rows.find((r) => r.setting.C === c && r.setting.model === m)!.value;
  assert.ok(acc('1', 'softmax') > acc('0.0001', 'softmax'));
});

test('settings are validated before any work: option clashes name the setting', () => {
  assert.throws(() => candidateFromSetting({ model: 'svm', optimizer: 'newton' }, { text: true, fromFile: true }), /model=svm optimizer=newton: optimizer: newton needs a differentiable loss.*Use dual-cd/);
  assert.throws(() => candidateFromSetting({ ngrams: '2' }, { text: false, fromFile: false }), /--ngrams: a text featurizer option, but the data are numeric vectors/);
  assert.throws(() => candidateFromSetting({ C: '-1' }, { text: true, fromFile: true }), /--C: expected a number > 0, got -1/);
  // File defaults as argmax train: Newton, C = 10, balanced classes.
  const t = candidateFromSetting({}, { text: true, fromFile: true }).train;
  assert.deepEqual([t.loss, t.optimizer, t.C, t.classWeight], ['softmax', 'newton', 10, 'balanced']);
  const svm = candidateFromSetting({ model: 'svm' }, { text: true, fromFile: true }).train;
  assert.deepEqual([svm.loss, svm.optimizer, svm.C], ['svm', 'dual-cd', 10]);
});

test('autotune: trial 1 is the untuned setting, fixed flags stay fixed, the best is at least as good, and the same seed and trials repeat it exactly', async () => {
  const { autotune } = await import('../src/select/autotune.js');
  const { defaultSpace } = await import('../src/select/autotune-space.js');
  const data = randomDataset(400, 8, 3, 9);
  const train: Examples = { kind: 'vectors', data: { ...data, X: { ...data.X, rows: 300, data: data.X.data.subarray(0, 300 * 8) }, y: data.y.subarray(0, 300) } };
  const val: Examples = { kind: 'vectors', data: { ...data, X: { ...data.X, rows: 100, data: data.X.data.subarray(300 * 8) }, y: data.y.subarray(300) } };
  const base = { epochs: '5' };
  const options = {
    metric: { kind: 'macro-f1' as const }, trials: 10, seed: 3, space: defaultSpace(false, ['softmax', 'svm', 'mlp']), base,
    candidateOf: (s: Record<string, string>) => candidateFromSetting(s, { text: false, fromFile: true }),
  };
  const a = autotune(train, val, options);
  assert.equal(a.trials.length, 10);
  assert.deepEqual(a.trials[0].setting, base);
  for (const t of a.trials) assert.equal(t.setting.epochs, '5', `trial ${t.index} keeps --epochs 5`);
  assert.ok(new Set(a.trials.map((t) => t.setting.model ?? 'softmax')).size >= 2, 'more than one model kind is tried');
  assert.ok(a.best.value! >= a.trials[0].value!);
  assert.equal(a.best.value, Math.max(...a.trials.map((t) => t.value ?? -Infinity)));
  const b = autotune(train, val, options);
  assert.deepEqual(b.trials.map((t) => [t.setting, t.value]), a.trials.map((t) => [t.setting, t.value]));
  // A budget that has run out before trial 2: only the untuned trial, which always completes.
  const c = autotune(train, val, { ...options, trials: undefined, seconds: 1e-9 });
  assert.equal(c.trials.length, 1);
  assert.throws(() => autotune(train, val, { ...options, trials: undefined, seconds: 0 }), /the budget must be > 0 seconds, got 0/);
});

test('autotune proposals: every model kind, C inside its range, hidden sizes for networks only, user flags kept', async () => {
  const { defaultSpace, Proposer } = await import('../src/select/autotune-space.js');
  const space = defaultSpace(true, ['softmax', 'svm', 'mlp']);
  const p = new Proposer(space, { epochs: '7' }, 1);
  let best: Record<string, string> | null = null;
  const seen = new Set<string>();
  for (let i = 0; i < 300; i++) {
    const s = p.next(best, i / 300);
    seen.add(s.model);
    assert.equal(s.epochs, '7');
    assert.ok(Number(s.C) >= space.C[0] && Number(s.C) <= space.C[1], `C ${s.C}`);
    assert.ok(space.optimizers[s.model].includes(s.optimizer), `${s.model} with ${s.optimizer}`);
    assert.ok(Number(s.ngrams) >= 1 && Number(s.ngrams) <= 3 && Number(s['min-count']) >= 1 && Number(s['min-count']) <= 5);
    if (s.model === 'mlp') assert.ok(space.hidden.includes(Number(s.hidden)), `hidden ${s.hidden}`);
    else assert.equal(s.hidden, undefined);
    if (i === 10) best = s;
  }
  assert.deepEqual([...seen].sort(), ['mlp', 'softmax', 'svm']);
  // A model fixed by a flag is never changed.
  const fixed = new Proposer(space, { model: 'mlp', hidden: '16' }, 2);
  for (let i = 0; i < 50; i++) assert.deepEqual([fixed.next(null, 0).model, fixed.next(null, 0).hidden], ['mlp', '16']);
});
