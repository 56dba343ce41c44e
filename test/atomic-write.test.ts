/** The atomic save: symlinks written through, FIFOs and devices written into, modes kept, long names, no temporary files left. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { writeFileAtomic } from '../src/io/atomic-write.js';
import { scratchDir } from './support/scratch-dir.js';

const fresh = () => scratchDir('argmax-atomic-');
const temporaries = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

test('a symlink is written through: the target gets the content, the link stays a link', () => {
  const dir = fresh();
  writeFileSync(join(dir, 'real.json'), 'old');
  symlinkSync('real.json', join(dir, 'link.json'));
  writeFileAtomic(join(dir, 'link.json'), 'new');
  assert.ok(lstatSync(join(dir, 'link.json')).isSymbolicLink());
  assert.equal(readlinkSync(join(dir, 'link.json')), 'real.json');
  assert.equal(readFileSync(join(dir, 'real.json'), 'utf8'), 'new');
  // A dangling link creates its target.
  symlinkSync('later.json', join(dir, 'dangling.json'));
  writeFileAtomic(join(dir, 'dangling.json'), 'made');
  assert.equal(readFileSync(join(dir, 'later.json'), 'utf8'), 'made');
  assert.deepEqual(temporaries(dir), []);
});

test('an existing file keeps its permission bits (600 stays 600)', () => {
  const dir = fresh();
  const path = join(dir, 'secret.json');
  writeFileSync(path, 'old');
  chmodSync(path, 0o600);
  writeFileAtomic(path, 'new');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(readFileSync(path, 'utf8'), 'new');
});

test('a FIFO is written into, not replaced by a regular file', async () => {
  const dir = fresh();
  const fifo = join(dir, 'pipe');
  if (spawnSync('mkfifo', [fifo]).status !== 0) return; // no mkfifo on this system
  const reader = spawn('cat', [fifo]);
  let got = '';
  reader.stdout.on('data', (d) => (got += d));
  const done = new Promise((r) => reader.on('close', r));
  writeFileAtomic(fifo, 'through the pipe');
  await done;
  assert.equal(got, 'through the pipe');
  assert.ok(statSync(fifo).isFIFO());
});

test('a device is written into: a full device reports ENOSPC and stays a device', () => {
  const dir = fresh();
  const full = join(dir, 'full');
  // The same device as /dev/full (char 1, 7), made here so the test never touches /dev; needs root.
  if (spawnSync('mknod', [full, 'c', '1', '7']).status !== 0) return;
  assert.throws(() => writeFileAtomic(full, 'x'.repeat(10)), /ENOSPC/);
  assert.ok(statSync(full).isCharacterDevice());
  assert.deepEqual(temporaries(dir), []);
});

test('a 255-byte file name works (the temporary name does not add to it)', () => {
  const dir = fresh();
  const path = join(dir, 'm'.repeat(250) + '.json');
  writeFileAtomic(path, 'long');
  assert.equal(readFileSync(path, 'utf8'), 'long');
});

test('a directory is refused with the reason', () => {
  assert.throws(() => writeFileAtomic(fresh(), 'x'), /is a directory; give a file name/);
});

/** A child that saves a 20 MB file in a loop, to be killed at a chosen moment. */
function writer(path: string) {
  const atomic = new URL('../src/io/atomic-write.js', import.meta.url).href;
  const script = `import { writeFileAtomic } from ${JSON.stringify(atomic)};
const body = 'x'.repeat(20 * 1024 * 1024) + 'END';
process.stdout.write('ready\\n');
// Between saves the program returns to the event loop, as every real program does (a signal deferred during a save is delivered there).
for (;;) {
  writeFileAtomic(${JSON.stringify(path)}, body);
  await new Promise((r) => setImmediate(r));
}`;
  return spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
}

async function killDuringWrites(signal: NodeJS.Signals, trial: number): Promise<{ dir: string; path: string; code: number | null; killedBy: string | null }> {
  const dir = fresh();
  const path = join(dir, 'model.json');
  const child = writer(path);
  await new Promise((r) => child.stdout.once('data', r));
  // Each write takes tens of milliseconds: kill at a spread of moments within and between writes.
  await new Promise((r) => setTimeout(r, 30 + ((trial * 37) % 200)));
  child.kill(signal);
  // A child that ignored the signal would hang the suite: end it after 10 s (the assertions then fail on its exit).
  const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const [code, killedBy] = await new Promise<[number | null, string | null]>((r) => child.on('exit', (c, s) => r([c, s])));
  clearTimeout(guard);
  return { dir, path, code, killedBy };
}

function assertCompleteOrAbsent(path: string): void {
  if (!existsSync(path)) return;
  const size = statSync(path).size;
  assert.equal(size, 20 * 1024 * 1024 + 3, `partial file of ${size} bytes`);
  assert.equal(readFileSync(path, 'utf8').slice(-3), 'END');
}

test('SIGTERM or SIGINT during writes: the file is complete or absent, no temporary file is left, exit code 128 + signal', { timeout: 60_000 }, async () => {
  for (let trial = 0; trial < 6; trial++) {
    const signal = trial % 2 ? 'SIGINT' : 'SIGTERM';
    const { dir, path, code, killedBy } = await killDuringWrites(signal, trial);
    assertCompleteOrAbsent(path);
    assert.deepEqual(temporaries(dir), [], `${signal}, trial ${trial}`);
    // During a write the signal is deferred and ends the process with 128 + its number; before the first
    // temporary file exists (the content being encoded) it may end it directly.
    assert.ok(code === (signal === 'SIGINT' ? 130 : 143) || killedBy === signal, `exit code ${code}, signal ${killedBy}`);
  }
});

test('SIGKILL during writes: the file is complete or absent, and the next write removes the dead process\'s temporary file', { timeout: 60_000 }, async () => {
  for (let trial = 0; trial < 3; trial++) {
    const { dir, path } = await killDuringWrites('SIGKILL', trial);
    assertCompleteOrAbsent(path);
    writeFileAtomic(join(dir, 'other.json'), 'next');
    assert.deepEqual(temporaries(dir), []);
  }
});


test('content in pieces is written piece by piece; a piece that throws leaves the old file and no temporary file', () => {
  const dir = fresh();
  const path = join(dir, 'model.json');
  writeFileAtomic(path, ['{"a":', new TextEncoder().encode('"é"'), '}']);
  assert.equal(readFileSync(path, 'utf8'), '{"a":"é"}');
  function* failing(): Generator<string> {
    yield '{"half":';
    throw new Error('the producer failed');
  }
  assert.throws(() => writeFileAtomic(path, failing()), /the producer failed/);
  assert.equal(readFileSync(path, 'utf8'), '{"a":"é"}');
  assert.deepEqual(temporaries(dir), []);
});
