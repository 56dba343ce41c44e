/**
 * README.md's runnable shell examples run: the "First run" block, as written,
 * in an empty folder with `argmax` on the PATH (this build's command line).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CLI } from './cli-run.js';
import { scratchDir } from './support/scratch-dir.js';
import { readReadme } from './support/readme-text.js';

const readme = readReadme();
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

/** A folder holding an `argmax` command that runs this build, to put first on the PATH. */
function argmaxOnPath(): string {
  const bin = scratchDir('argmax-bin-');
  const shim = join(bin, 'argmax');
  writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`);
  chmodSync(shim, 0o755);
  return bin;
}

function runSh(script: string, cwd: string) {
  const path = `${argmaxOnPath()}${delimiter}${process.env.PATH ?? ''}`;
  const r = spawnSync('sh', ['-e', '-c', script], { cwd, encoding: 'utf8', env: { ...process.env, PATH: path } });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

test('README.md "First run": the sh block runs in an empty folder, exits 0, writes the model and predicts "cat" for "the cat purrs"', () => {
  const block = readme.blocks.find((b) => b.lang === 'sh' && b.heading === 'First run');
  assert.ok(block, 'README.md has an sh block under "## First run"');
  const dir = scratchDir('argmax-first-run-');
  const r = runSh(block.code, dir);
  assert.equal(r.code, 0, `README.md:${block.line}: the First run block failed (exit ${r.code}):\n${r.stderr}`);
  assert.ok(existsSync(join(dir, 'pets.json')), 'the model file pets.json was written');
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  // predict --proba prints "label probability" for the one input line.
  assert.match(last, /^cat 0\.\d+$/, `README.md:${block.line}: the prediction line is ${JSON.stringify(last)}`);
  assert.ok(Number(last.split(' ')[1]) > 0.5, `cat is the more probable label: ${last}`);
});

test('README.md synopsis: argmax --version prints the version of package.json', () => {
  const line = readme.blocks.find((b) => b.lang === 'sh' && b.heading === 'Command line')?.code.split('\n').find((l) => l.trim() === 'argmax --version');
  assert.ok(line, 'the synopsis has the line "argmax --version"');
  const r = runSh(line, scratchDir('argmax-version-'));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), pkg.version);
});
