/** The network model from the command line: train, test and predict on files, bad flags. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Random } from '../src/random.js';
import { scratchDir } from './support/scratch-dir.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Three classes (labels 1, 2, 3) on rings of radius 1, 2 and 3 (times `unit`) in LibSVM format (features 1 and 2): not linearly separable. */
function ringsFile(dir: string, name: string, n: number, seed: number, unit = 1): string {
  const rng = new Random(seed);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    const r = c + 1 + 0.12 * rng.normal();
    const a = 2 * Math.PI * rng.next();
    lines.push(`${c + 1} 1:${(unit * r * Math.cos(a)).toFixed(5)} 2:${(unit * r * Math.sin(a)).toFixed(5)}`);
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

test('argmax train --model mlp learns rings from a LibSVM file; test reports its accuracy and predict gives probabilities that sum to 1', () => {
  const dir = scratchDir('argmax-mlp-');
  const train = ringsFile(dir, 'train.svm', 600, 1);
  const testFile = ringsFile(dir, 'test.svm', 300, 2);
  const model = join(dir, 'mlp.json');
  const t = run('train', train, '--model', 'mlp', '--hidden', '16,8', '--activation', 'tanh', '--lr', '0.02', '--epochs', '40', '--batch-size', '32', '--test', testFile, '-o', model, '--json');
  assert.equal(t.code, 0, t.stderr);
  const out = JSON.parse(t.stdout);
  assert.equal(out.model_kind, 'mlp');
  assert.equal(out.history.length, 40);
  assert.ok(out.seconds_per_epoch > 0);
  assert.ok(out.test_acc >= 0.95, `test_acc ${out.test_acc}`);
  assert.equal(JSON.parse(readFileSync(model, 'utf8')).version, 3);
  const e = JSON.parse(run('test', model, testFile, '--json').stdout);
  assert.equal(e.accuracy, out.test_acc);
  assert.ok(e.log_loss > 0 && e.log_loss < 0.3, `log loss ${e.log_loss}`);
  const p = run('predict', model, testFile, '-k', '3');
  assert.equal(p.code, 0, p.stderr);
  for (const line of p.stdout.trim().split('\n')) {
    const parts = line.split(' ');
    const total = Number(parts[1]) + Number(parts[3]) + Number(parts[5]);
    assert.ok(Math.abs(total - 1) < 1e-5, `probabilities of "${line}" sum to ${total}`);
  }
});

test('network flags are checked before any work: sizes, dropout, activation, and flags without --model mlp', () => {
  const dir = scratchDir('argmax-mlp-bad-');
  const data = ringsFile(dir, 'd.svm', 30, 3);
  const out = join(dir, 'never.json');
  const cases: [string[], RegExp][] = [
    [['--model', 'mlp', '--hidden', '0'], /--hidden: "0" must be a comma-separated list of layer sizes, integers from 1 to 65536/],
    [['--model', 'mlp', '--hidden', '64,abc'], /--hidden: "64,abc" must be a comma-separated list/],
    [['--model', 'mlp', '--dropout', '1'], /--dropout: expected a number/],
    [['--model', 'mlp', '--activation', 'sigmoid'], /--activation: expected one of relu, tanh, identity, got "sigmoid"/],
    [['--hidden', '64'], /--hidden: only --model mlp takes network options/],
    [['--model', 'mlp', '--dropout', '0.5', '--optimizer', 'lbfgs'], /dropout: needs a minibatch optimizer/],
  ];
  for (const [flags, message] of cases) {
    const r = run('train', data, ...flags, '-o', out);
    assert.notEqual(r.code, 0, `${flags.join(' ')} was accepted`);
    assert.match(r.stderr, message);
    assert.ok(!existsSync(out), `${flags.join(' ')} wrote a model`);
  }
});

test('argmax train --model mlp scales a numeric file (maxabs by default, --scale standard on request) and folds the scaler into the first layer: rings in thousands are learned as rings in units, and test on the raw file reports train\'s test accuracy', () => {
  const dir = scratchDir('argmax-mlp-scale-');
  // Coordinates in thousands: unscaled, tanh units saturate from the first step and the network stays near chance (1/3).
  const train = ringsFile(dir, 'train.svm', 600, 1, 1000);
  const testFile = ringsFile(dir, 'test.svm', 300, 2, 1000);
  for (const scale of [[], ['--scale', 'standard']]) {
    const model = join(dir, `mlp${scale.length}.json`);
    const t = run('train', train, '--model', 'mlp', '--hidden', '16,8', '--activation', 'tanh', '--lr', '0.02', '--epochs', '40', '--batch-size', '32', ...scale, '--test', testFile, '-o', model, '--json');
    assert.equal(t.code, 0, t.stderr);
    const out = JSON.parse(t.stdout);
    assert.ok(out.test_acc >= 0.95, `${scale.join(' ') || 'default'}: test_acc ${out.test_acc}`);
    assert.equal(JSON.parse(readFileSync(model, 'utf8')).meta.scaler.kind, scale.length ? 'standard' : 'maxabs');
    const e = JSON.parse(run('test', model, testFile, '--json').stdout);
    assert.equal(e.accuracy, out.test_acc);
  }
});
