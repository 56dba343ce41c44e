/** argmax learning-curve: --sizes as counts or fractions (as scikit-learn's learning_curve takes them), checked before any work; --seed reproduces a curve. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { defaultCurveSizes, readCurveSizes } from '../src/cli/learning-curve-sizes.js';
import { scratchDir } from './support/scratch-dir.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('learning-curve sizes: counts and fractions of N (⌊f·N⌋, as scikit-learn), in increasing order', () => {
  // N = 1000: 0.1 → 100, 0.25 → 250, 1.0 → 1000; ⌊0.333·1000⌋ = 333.
  assert.deepEqual(readCurveSizes('500,0.1,1.0,0.25,2', 1000, 'training examples'), [2, 100, 250, 500, 1000]);
  assert.deepEqual(readCurveSizes('0.333', 1000, 'training examples'), [333]);
  assert.deepEqual(readCurveSizes('1e-1', 1000, 'training examples'), [100]);
});

test('learning-curve sizes: a count above N, a bad fraction, fewer than 2 examples and a size given twice are refused naming the size', () => {
  const sizes = (raw: string) => readCurveSizes(raw, 1000, 'training images');
  assert.throws(() => sizes('500,1001'), /^UsageError: --sizes: 1001 is more than the 1000 training images \(use at most 1000, or 1.0 for all of them\)$/);
  assert.throws(() => sizes('1.5'), /--sizes: 1.5: a fraction of the training set must be in \(0, 1\]/);
  assert.throws(() => sizes('0.0'), /--sizes: 0.0: a fraction of the training set must be in \(0, 1\]/);
  assert.throws(() => sizes('1'), /--sizes: 1: a count must be an integer ≥ 2/);
  assert.throws(() => sizes('-5'), /--sizes: -5: a count must be an integer ≥ 2/);
  assert.throws(() => sizes('0.001'), /--sizes: 0.001 of 1000 training images is 1: a curve point needs at least 2 examples/);
  assert.throws(() => sizes('500,abc'), /--sizes: expected comma-separated counts \(integers ≥ 2\) or fractions in \(0, 1\] such as 0.1, got "abc"/);
  assert.throws(() => sizes('100,'), /got ""/);
  assert.throws(() => sizes('200,200'), /^UsageError: --sizes: 200 is given twice$/);
  assert.throws(() => sizes('0.5,500'), /^UsageError: --sizes: 0.5 and 500 are both 500 examples \(of 1000 training images\)$/);
});

test('learning-curve default sizes stop at the training set and end with all of it', () => {
  assert.deepEqual(defaultCurveSizes([500, 1000, 2000, 5000, 10000, 20000, 50000], 50000), [500, 1000, 2000, 5000, 10000, 20000, 50000]);
  assert.deepEqual(defaultCurveSizes([500, 1000, 2000, 5000, 10000, 20000, 50000], 40000), [500, 1000, 2000, 5000, 10000, 20000, 40000]);
});

test('argmax learning-curve: a size above the training split is refused naming it, and --val-size shrinks the default sizes instead of failing', () => {
  const out = join(scratchDir('argmax-lc-'), 'lc');
  const big = run('learning-curve', '--sizes', '500,50001', '--out', out);
  assert.equal(big.code, 2, big.stderr);
  assert.match(big.stderr, /--sizes: 50001 is more than the 50000 training images/);
  const shrunk = run('learning-curve', '--val-size', '59990', '--epochs', '1', '--json', '--out', out);
  assert.equal(shrunk.code, 0, shrunk.stderr);
  assert.deepEqual(JSON.parse(shrunk.stdout).sizes, [10]);
});

test('argmax learning-curve --seed: the same seed gives the same curve, another seed another one', () => {
  const out = join(scratchDir('argmax-lc-'), 'lc');
  const curve = (seed: string) => {
    const r = run('learning-curve', '--sizes', '20,0.5', '--val-size', '59900', '--epochs', '3', '--seed', seed, '--json', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.sizes, [20, 50]);
    return j.points.map(({ seconds: _s, ...rest }: { seconds: number }) => rest);
  };
  const a = curve('3');
  assert.deepEqual(curve('3'), a);
  assert.notDeepEqual(curve('4'), a);
});
