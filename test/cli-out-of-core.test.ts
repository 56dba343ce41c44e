/** `argmax train --out-of-core`: the same model as in memory, the flags, and no cache file left behind. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../src/random.js';
import { CLI, runCli, tempFiles } from './cli-run.js';
import { loadModel } from '../src/io/model-file.js';
import { type LinearModel } from '../src/model/linear-model.js';
import { scratchDir } from './support/scratch-dir.js';

/** fastText lines of 3 labels over 700 words, each label preferring its own words; one line has two labels. */
function fastTextFile(n: number, seed: number): string {
  const rng = new Random(seed);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 3;
    const words: string[] = [];
    const len = 15 + rng.int(25);
    for (let t = 0; t < len; t++) words.push(`w${rng.next() < 0.3 ? k * 100 + rng.int(100) : 300 + rng.int(400)}`);
    lines.push(`__label__${'abc'[k]}${i === 5 ? ' __label__c' : ''} ${words.join(' ')}`);
  }
  return lines.join('\n') + '\n';
}

/** Runs the CLI with TMPDIR set to a fresh folder (where the row cache goes); returns the result and the folder. */
function runWithTmp(...args: string[]) {
  const tmp = scratchDir('argmax-ooc-tmp-');
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, tmp };
}

const weights = (path: string) => ({ ...(JSON.parse(readFileSync(path, 'utf8')) as { input: unknown }), W: (loadModel(path).model as LinearModel).W });

test('train --out-of-core on: the model equals in-memory training\'s (W to 1e-9 relative, same featurizer); the temp folder is left empty', () => {
  const { file, dir } = tempFiles('argmax-ooc-cli-');
  const data = file('train.txt', fastTextFile(600, 1));
  const mem = runCli('train', data, '-o', join(dir, 'mem.json'), '--tol', '1e-10');
  assert.equal(mem.code, 0, mem.stderr);
  const ooc = runWithTmp('train', data, '-o', join(dir, 'ooc.json'), '--tol', '1e-10', '--out-of-core', 'on');
  assert.equal(ooc.code, 0, ooc.stderr);
  assert.match(ooc.stdout, /out of core \(--out-of-core on\): rows cached on disk in blocks/);
  assert.deepEqual(readdirSync(ooc.tmp), []);
  const a = weights(join(dir, 'mem.json'));
  const b = weights(join(dir, 'ooc.json'));
  assert.deepEqual(b.input, a.input);
  let num = 0;
  let den = 0;
  a.W.forEach((w, i) => {
    num = Math.max(num, Math.abs(w - b.W[i]));
    den = Math.max(den, Math.abs(w));
  });
  assert.ok(num / den <= 1e-9, `W differs by ${num / den} (relative)`);
});

test('train: auto goes out of core when the estimate exceeds --memory-budget, and says why', () => {
  const { file, dir } = tempFiles('argmax-ooc-cli-');
  const data = file('train.txt', fastTextFile(90, 2));
  const r = runWithTmp('train', data, '-o', join(dir, 'm.json'), '--memory-budget', '0.01');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /out of core \(its rows would take ~0 MB in memory \(3 × 0 MB of text\), more than --memory-budget 0.01 MB\)/);
  const small = runWithTmp('train', data, '-o', join(dir, 'm2.json'));
  assert.equal(small.code, 0, small.stderr);
  assert.doesNotMatch(small.stdout, /out of core/);
});

test('train: bad --out-of-core and --memory-budget values and runs that cannot stream are usage errors naming the flag', () => {
  const { file, dir } = tempFiles('argmax-ooc-cli-');
  const data = file('train.txt', fastTextFile(30, 3));
  const out = join(dir, 'm.json');
  const cases: Array<[string[], RegExp]> = [
    [['--out-of-core', 'maybe'], /--out-of-core: expected one of auto, on, off, got "maybe"/],
    [['--memory-budget=-5'], /--memory-budget: expected a number > 0, got -5/],
    [['--memory-budget', 'lots'], /--memory-budget: expected a number > 0, got "lots"/],
    [['--out-of-core', 'on', '--model', 'svm'], /--out-of-core on: --model svm trains in memory/],
    [['--out-of-core', 'on', '--optimizer', 'sgd'], /--out-of-core on: --optimizer sgd needs random access/],
    [['--out-of-core', 'on', '--val-fraction', '0.2'], /--out-of-core on: --val-fraction is not available out of core/],
  ];
  for (const [flags, message] of cases) {
    const r = runWithTmp('train', data, '-o', out, ...flags);
    assert.equal(r.code, 2, `${flags.join(' ')}: exit ${r.code}, ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.deepEqual(readdirSync(r.tmp), []);
  }
});

test('train --out-of-core on: an error after the cache is written (a test file with an unknown label) leaves no cache file', () => {
  const { file, dir } = tempFiles('argmax-ooc-cli-');
  const data = file('train.txt', fastTextFile(60, 4));
  const bad = file('test.txt', '__label__zzz w1 w2\n');
  const r = runWithTmp('train', data, '-o', join(dir, 'm.json'), '--out-of-core', 'on', '--test', bad);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /zzz/);
  assert.match(r.stdout, /row cache: /);
  assert.deepEqual(readdirSync(r.tmp), []);
});

test('train --out-of-core on: Ctrl-C while the solver runs leaves no cache file', async () => {
  const { file, dir } = tempFiles('argmax-ooc-cli-');
  const data = file('train.txt', fastTextFile(3000, 5));
  const tmp = scratchDir('argmax-ooc-tmp-');
  const child = spawn(process.execPath, [CLI, 'train', data, '-o', join(dir, 'm.json'), '--out-of-core', 'on', '--tol', '1e-14', '--max-iter', '1000'], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmp },
  });
  let stdout = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (/row cache: /.test(stdout)) resolve();
    });
    child.on('exit', () => resolve());
  });
  assert.match(stdout, /row cache: /, 'the cache was written before the signal');
  child.kill('SIGINT');
  const code = await exit;
  assert.notEqual(code, 0);
  assert.deepEqual(readdirSync(tmp), []);
});
