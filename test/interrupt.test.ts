/**
 * Interruptions lose nothing: checkpoints carry the early-stopping state,
 * Ctrl-C (SIGINT) during `argmax train --checkpoint` writes the checkpoint
 * and the model so far and exits 130, `--resume` gives a model byte-identical
 * to the uninterrupted run's, and SIGKILL never leaves a partial file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Checkpoint } from '../src/train/options.js';
import { trainSoftmax } from '../src/train/train.js';
import { trainValidationSplit } from '../src/data/split.js';
import { modelFromJson } from '../src/io/model-json.js';
import { readCheckpoint } from '../src/cli/checkpoint.js';
import { Random } from '../src/random.js';
import { randomDataset } from './helpers.js';
import { scratchDir } from './support/scratch-dir.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

test('a run resumed from any epoch\'s checkpoint keeps the same best epoch and weights as the uninterrupted run (early stopping included)', () => {
  const { train, validation } = trainValidationSplit(randomDataset(600, 8, 4, 11), 0.3, 1);
  // Label noise makes the validation cross-entropy turn up, so early stopping acts before the budget.
  const options = { optimizer: 'sgd' as const, learningRate: 0.5, schedule: 'constant' as const, maxEpochs: 40, patience: 3, batchSize: 16, validation, evaluateTrain: false, seed: 3 };
  const checkpoints: Checkpoint[] = [];
  const full = trainSoftmax(train, { ...options, onCheckpoint: (c) => checkpoints.push(structuredClone(c)) });
  assert.ok(full.bestEpoch < full.epochs, `early stopping kept epoch ${full.bestEpoch} of ${full.epochs}: the test needs it to act`);
  let resumedAfterBest = 0;
  for (const c of checkpoints.slice(0, -1)) {
    const resumed = trainSoftmax(train, { ...options, resumeFrom: c });
    assert.equal(resumed.bestEpoch, full.bestEpoch, `resumed after epoch ${c.epoch}`);
    assert.equal(resumed.stopReason, full.stopReason);
    assert.deepEqual(resumed.model.W, full.model.W);
    assert.deepEqual(resumed.model.b, full.model.b);
    if (c.epoch > full.bestEpoch) resumedAfterBest++;
  }
  assert.ok(resumedAfterBest > 0, 'some resumption starts after the best epoch (where the early-stopping state matters)');
});

const dir = scratchDir('argmax-interrupt-');
const data = join(dir, 'd.svm');
{
  // 20,000 examples of 5 overlapping classes: epochs of tens of milliseconds, about 30 of them before early stopping.
  const rng = new Random(3);
  const lines: string[] = [];
  for (let i = 0; i < 20000; i++) {
    const y = i % 5;
    lines.push(`${y} ` + Array.from({ length: 30 }, (_, j) => `${j + 1}:${(rng.normal() + (j % 5 === y ? 0.8 : 0)).toFixed(4)}`).join(' '));
  }
  writeFileSync(data, lines.join('\n') + '\n');
}
const TRAIN = ['train', data, '--optimizer', 'sgd', '--lr', '0.02', '--schedule', 'constant', '--epochs', '40', '--val-fraction', '0.2', '--patience', '3', '--seed', '5'];

function runSync(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts training, and when the epoch line `epoch` is printed sends the signal; resolves with the exit code. */
function trainAndSignal(args: string[], epoch: number, signal: NodeJS.Signals): Promise<{ code: number | null; killedBy: string | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let sent = false;
  child.stdout.on('data', (d) => {
    out += d;
    if (!sent && new RegExp(`^\\s+${epoch}\\s`, 'm').test(out)) {
      sent = true;
      child.kill(signal);
    }
  });
  child.stderr.on('data', (d) => (err += d));
  const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) => child.on('exit', (code, killedBy) => {
    clearTimeout(guard);
    resolve({ code, killedBy, stderr: err });
  }));
}

test('Ctrl-C during training writes the checkpoint and the model so far, exits 130; --resume gives a byte-identical model', { timeout: 180_000 }, async () => {
  const fullModel = join(dir, 'full.json');
  const full = runSync(...TRAIN, '-o', fullModel);
  assert.equal(full.code, 0, full.stderr);
  const rng = new Random(Date.now() % 1000);
  for (let trial = 0; trial < 2; trial++) {
    const at = 2 + Math.floor(rng.next() * 8);
    const checkpoint = join(dir, `ck${trial}.json`);
    const partial = join(dir, `partial${trial}.json`);
    const r = await trainAndSignal([...TRAIN, '-o', partial, '--checkpoint', checkpoint], at, 'SIGINT');
    assert.equal(r.code, 130, `interrupted at epoch line ${at}: exit ${r.code} (${r.killedBy}) ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`interrupted after epoch \\d+: checkpoint .*ck${trial}\\.json, model so far \\(best epoch \\d+\\) .*partial${trial}\\.json; continue with --resume`));
    const saved = readCheckpoint(checkpoint).checkpoint;
    assert.ok(saved.earlyStopping, 'the checkpoint holds the early-stopping state');
    assert.ok(modelFromJson(readFileSync(partial, 'utf8'), partial));
    const resumedModel = join(dir, `resumed${trial}.json`);
    const resumed = runSync(...TRAIN, '-o', resumedModel, '--resume', checkpoint);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.ok(readFileSync(resumedModel).equals(readFileSync(fullModel)), `the model resumed from epoch ${saved.epoch} differs from the uninterrupted run's`);
  }
  // A checkpoint of another run is refused, naming what differs.
  const other = runSync(...TRAIN.map((a) => (a === '0.02' ? '0.03' : a)), '-o', join(dir, 'x.json'), '--resume', join(dir, 'ck0.json'));
  assert.equal(other.code, 2);
  assert.match(other.stderr, /the checkpoint belongs to another run: learningRate 0\.02 \(now 0\.03\)/);
});

test('SIGKILL at any moment leaves the model and the checkpoint either absent or complete', { timeout: 180_000 }, async () => {
  for (let trial = 0; trial < 3; trial++) {
    const model = join(dir, `killed${trial}.json`);
    const checkpoint = join(dir, `killed-ck${trial}.json`);
    const r = await trainAndSignal([...TRAIN, '-o', model, '--checkpoint', checkpoint], 1 + trial * 4, 'SIGKILL');
    assert.equal(r.killedBy, 'SIGKILL');
    if (existsSync(model)) assert.ok(modelFromJson(readFileSync(model, 'utf8'), model));
    if (existsSync(checkpoint)) assert.ok(readCheckpoint(checkpoint).checkpoint.epoch >= 1);
  }
});

test('--checkpoint is refused before training where there are no epochs to checkpoint', () => {
  const r = runSync('train', data, '-o', join(dir, 'n.json'), '--checkpoint', join(dir, 'n-ck.json'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--checkpoint: only the minibatch optimizers \(sgd, adagrad, adam\) have epochs to checkpoint; this run uses newton/);
  assert.ok(!existsSync(join(dir, 'n.json')));
});

test('SIGTERM during network training writes the checkpoint and the model so far, exits 143; --resume gives a byte-identical model', { timeout: 180_000 }, async () => {
  const NET = ['train', data, '--model', 'mlp', '--hidden', '8', '--epochs', '30', '--val-fraction', '0.2', '--patience', '3', '--seed', '5'];
  const fullModel = join(dir, 'net-full.json');
  const full = runSync(...NET, '-o', fullModel);
  assert.equal(full.code, 0, full.stderr);
  const checkpoint = join(dir, 'net-ck.json');
  const partial = join(dir, 'net-partial.json');
  const r = await trainAndSignal([...NET, '-o', partial, '--checkpoint', checkpoint], 3, 'SIGTERM');
  assert.equal(r.code, 143, `exit ${r.code} (${r.killedBy}) ${r.stderr}`);
  assert.match(r.stderr, /interrupted after epoch \d+: checkpoint .*net-ck\.json, model so far \(best epoch \d+\) .*net-partial\.json; continue with --resume/);
  assert.ok(modelFromJson(readFileSync(partial, 'utf8'), partial));
  const resumedModel = join(dir, 'net-resumed.json');
  const resumed = runSync(...NET, '-o', resumedModel, '--resume', checkpoint);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.ok(readFileSync(resumedModel).equals(readFileSync(fullModel)), `the network resumed from epoch ${readCheckpoint(checkpoint).checkpoint.epoch} differs from the uninterrupted run's`);
});
