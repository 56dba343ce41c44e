/**
 * README.md's runnable examples run: the "First run" block, as written, in an
 * empty folder with `argmax` on the PATH (this build's command line); the
 * worked examples' TypeScript, transpiled as it stands, in a folder where
 * `argmax` is this package, printing what its `// →` comments say.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CLI } from './cli-run.js';
import { scratchDir } from './support/scratch-dir.js';
import { readReadme } from './support/readme-text.js';
import { PACKAGE_ROOT } from './support/typecheck-snippets.js';
import ts from 'typescript-5';

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

/** Runs a README TypeScript block as a user's module: transpiled, in a folder whose node_modules/argmax is this package. */
function runTs(code: string) {
  const dir = scratchDir('argmax-readme-ts-');
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(PACKAGE_ROOT, join(dir, 'node_modules', 'argmax'), 'dir');
  // The folder is its own package, so no package.json above it (in the temporary directory) can claim the name argmax.
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(dir, 'example.mjs'), js);
  const r = spawnSync(process.execPath, [join(dir, 'example.mjs')], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

test('README.md "Worked examples by hand, in code": the ts block runs and prints, line by line, what its console.log lines\' "// →" comments say', () => {
  const block = readme.blocks.find((b) => b.lang === 'ts' && b.heading === 'Worked examples by hand, in code');
  assert.ok(block, 'README.md has a ts block under "### Worked examples by hand, in code"');
  const lines = block.code.split('\n');
  const logs = lines.map((l, i) => ({ line: block.line + i, text: l })).filter((l) => /console\.log\(/.test(l.text));
  assert.ok(logs.length >= 4, `the block prints ${logs.length} lines`);
  const expected = logs.map((l) => {
    const m = /\/\/ → (.*)$/.exec(l.text);
    assert.ok(m, `README.md:${l.line}: a console.log line without a "// → output" comment`);
    return m[1].trimEnd();
  });
  const r = runTs(block.code);
  assert.equal(r.code, 0, `README.md:${block.line}: the block failed (exit ${r.code}):\n${r.stderr}`);
  assert.deepEqual(r.stdout.trimEnd().split('\n'), expected, `README.md:${block.line}: what the block prints (actual) against its comments (expected)`);
});
