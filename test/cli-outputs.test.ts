/** Errors before work and nothing half-done: bad output paths refused before reading data, failed runs write no model. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli as run, tempFiles } from './cli-run.js';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../src/random.js';

const { dir, file } = tempFiles('argmax-outputs-');

// Three overlapping Gaussian classes (not separable, so a huge learning rate cannot land on a perfect fit).
const rng = new Random(7);
const data = file('d.svm', Array.from({ length: 200 }, (_, i) => `${i % 3} ` + [1, 2, 3, 4, 5].map((j) => `${j}:${(rng.normal() + (j === (i % 3) + 1 ? 1 : 0)).toFixed(3)}`).join(' ')).join('\n') + '\n');

test('-o is checked before any data is read: a directory, a missing directory, the input file itself', () => {
  // The data file does not exist: an error about -o proves the output was checked first.
  const missing = join(dir, 'no-such-data.svm');
  mkdirSync(join(dir, 'out'));
  const a = run('train', missing, '-o', join(dir, 'out'));
  assert.equal(a.code, 2);
  assert.match(a.stderr, /-o .*out: is a directory; give a file name/);
  const b = run('train', missing, '-o', join(dir, 'nowhere', 'm.json'));
  assert.equal(b.code, 2);
  assert.match(b.stderr, /the directory .*nowhere does not exist/);
  const before = readFileSync(data, 'utf8');
  const c = run('train', data, '-o', data);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /is the input file .*d\.svm; writing there would overwrite the data/);
  assert.equal(readFileSync(data, 'utf8'), before);
});

test('a diverged run exits 1 with the reason, also under --json, and writes no model', () => {
  const model = join(dir, 'diverged.json');
  const r = run('train', data, '-o', model, '--optimizer', 'sgd', '--lr', '1e6', '--epochs', '3');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /training failed, no model written: the training objective ended at .* above 1\.09861, its value with all-zero weights/);
  assert.ok(!existsSync(model));
  const j = run('train', data, '-o', model, '--optimizer', 'sgd', '--lr', '1e6', '--epochs', '3', '--json');
  assert.equal(j.code, 1);
  assert.match(JSON.parse(j.stdout).error, /training failed, no model written/);
  assert.ok(!existsSync(model));
});

test('features near 1e300, unscaled (--scale none): an infinite gradient is a failed run, not "converged"', () => {
  const model = join(dir, 'overflow.json');
  const big = file('big.csv', 'label,x1,x2\n' + Array.from({ length: 20 }, (_, i) => `${i % 2},${(1 + (i % 7)) * 1e300 * (i % 2 ? 1 : -1)},${i}`).join('\n') + '\n');
  const r = run('train', big, '-o', model, '--scale', 'none');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /training failed, no model written: the gradient norm is Infinity/);
  assert.ok(!existsSync(model));
});

test('useless models are refused with the reason and the fix: one class, an empty vocabulary', () => {
  const one = run('train', file('one.txt', '__label__a x y\n__label__a z w\n'), '-o', join(dir, 'one.json'));
  assert.equal(one.code, 1);
  assert.match(one.stderr, /every example has the label "a"; a classifier needs examples of at least 2 classes/);
  const rare = run('train', file('rare.txt', '__label__a one two\n__label__b three four\n'), '-o', join(dir, 'rare.json'));
  assert.equal(rare.code, 1);
  assert.match(rare.stderr, /all 6 terms occur fewer than --min-count 2 times \(the most frequent 1\); lower --min-count \(e\.g\. --min-count 1\)/);
  assert.ok(!existsSync(join(dir, 'one.json')) && !existsSync(join(dir, 'rare.json')));
});

test('features of 1e30 unscaled (--scale none): a scale warning, Newton still trains a usable model, SGD fails with the reason', () => {
  const rng2 = new Random(2);
  const big = file('e30.svm', Array.from({ length: 100 }, (_, i) => `${i % 2} 1:${((rng2.next() + (i % 2)) * 1e30).toExponential(6)} 2:${rng2.next().toFixed(3)}`).join('\n') + '\n');
  const model = join(dir, 'e30.json');
  const r = run('train', big, '-o', model, '--scale', 'none');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: .*e30\.svm: features reach 1\.\d\de\+30; scale them/);
  const t = JSON.parse(run('test', model, big, '--json').stdout);
  assert.ok(Number.isFinite(t.log_loss) && t.accuracy > 0.9, JSON.stringify(t));
  const s = run('train', big, '-o', join(dir, 'e30-sgd.json'), '--optimizer', 'sgd', '--scale', 'none');
  assert.equal(s.code, 1);
  assert.match(s.stderr, /training failed, no model written/);
});

test('--out of datasets, demo and learning-curve is checked before any data is loaded: a file, or a file on the way, is refused and left as it was', () => {
  const blocker = file('blocker.txt', 'not a folder\n');
  for (const out of [blocker, join(blocker, 'inside')]) {
    for (const args of [['datasets', 'sotu', '--out', out], ['demo', '--out', out], ['learning-curve', '--out', out]]) {
      const r = run(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}, stderr ${r.stderr}`);
      assert.match(r.stderr, /--out .*blocker\.txt.*: (is a file, not a folder|cannot create the folder: .*blocker\.txt is a file)/);
      // Nothing was loaded or trained: the commands print their first line only after loading their data.
      assert.equal(r.stdout, '', `${args.join(' ')} printed ${JSON.stringify(r.stdout.slice(0, 200))}`);
      assert.equal(readFileSync(blocker, 'utf8'), 'not a folder\n');
    }
  }
});
