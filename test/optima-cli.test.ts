/** The exact SVM solver, L1 and --scale from the command line (fixtures of test/fixtures/optima/). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPTIMA_DIR, reference } from './optima-fixtures.js';
import { scratchDir } from './support/scratch-dir.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const dir = scratchDir('argmax-optima-');

test('--model svm on a file trains with dual-cd by default and reports primal, dual and a duality gap ≤ 1e-4·primal', () => {
  const t = run('train', join(OPTIMA_DIR, 'iris.train.svm'), '--model', 'svm', '-o', join(dir, 'svm.json'), '--json');
  assert.equal(t.code, 0, t.stderr);
  const j = JSON.parse(t.stdout);
  assert.equal(j.options.optimizer, 'dual-cd');
  assert.equal(j.stop_reason, 'duality_gap');
  assert.ok(j.duality_gap >= 0 && j.duality_gap <= 1e-4 * j.primal, `primal ${j.primal}, dual ${j.dual}, gap ${j.duality_gap}`);
  assert.ok(Math.abs(j.objective - j.primal) <= 1e-12 * j.primal);
});

test('--scale standard then predict --proba on raw test inputs gives scikit-learn\'s StandardScaler pipeline probabilities (printed to 6 digits)', () => {
  const e = reference().datasets.wine;
  const model = join(dir, 'wine.json');
  const t = run('train', join(OPTIMA_DIR, 'wine.train.svm'), '--optimizer', 'newton', '--C', '1', '--class-weight', 'none', '--scale', 'standard', '-o', model, '--json');
  assert.equal(t.code, 0, t.stderr);
  assert.equal(JSON.parse(t.stdout).options.optimizer, 'newton');
  const p = run('predict', model, join(OPTIMA_DIR, 'wine.test.svm'), '-k', '3');
  assert.equal(p.code, 0, p.stderr);
  const lines = p.stdout.trim().split('\n');
  assert.equal(lines.length, e.test);
  lines.forEach((line, i) => {
    const tokens = line.split(' ');
    for (let t = 0; t < tokens.length; t += 2) {
      const k = Number(tokens[t]);
      const expected = e.scaled.StandardScaler.test_proba[i * e.classes + k];
      // toPrecision(6): at most 5e-7 relative rounding, plus the 1e-6 agreement of the library test.
      assert.ok(Math.abs(Number(tokens[t + 1]) - expected) <= 2e-6, `line ${i}, class ${k}: ${tokens[t + 1]} vs ${expected}`);
    }
  });
});

test('--l1 with lbfgs reports the number of non-zero weights, and it is the count of non-zeros in the saved model', () => {
  const l1 = reference().l1;
  const model = join(dir, 'l1.json');
  const t = run('train', join(OPTIMA_DIR, 'l1.train.svm'), '--optimizer', 'lbfgs', '--l1', String(l1.alpha), '--class-weight', 'none', '--scale', 'none', '-o', model, '--json');
  assert.equal(t.code, 0, t.stderr);
  const j = JSON.parse(t.stdout);
  assert.equal(j.weights, l1.weights);
  assert.equal(j.nonzero_weights, l1.weights - l1.zeros);
});
