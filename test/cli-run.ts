/** Running the command line as a user does, from the tests: exit code, stdout, stderr; and files in a temporary folder. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from './support/scratch-dir.js';

export const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

export interface CliRun {
  code: number | null;
  /** The signal that ended the process (killed from outside, or for output beyond the buffer), or null. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Generous: a test's output is far smaller; overflowing it kills the child, which is reported as such. */
const MAX_OUTPUT = 64 * 1024 * 1024;

export function runCli(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: MAX_OUTPUT });
  // A child that could not start (EAGAIN or ENOMEM on a loaded machine) has no output at all, and one whose
  // output overflowed was killed: say so, rather than let the test fail later on empty or missing output.
  if (r.error) throw new Error(`argmax ${args.join(' ')}: ${r.error.message}${r.stderr ? `\nstderr: ${r.stderr}` : ''}`);
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** How a run ended, for assertion messages: its exit code or signal, and what it wrote to standard error. */
export function ended(r: CliRun): string {
  return `${r.signal ? `killed by ${r.signal}` : `exit code ${r.code}`}; stderr: ${r.stderr.trim() ? r.stderr.trim() : '(empty)'}`;
}

/** Standard output of a run that must succeed (exit code 0); otherwise an error saying how it ended. */
export function runOk(...args: string[]): string {
  const r = runCli(...args);
  if (r.code !== 0) throw new Error(`argmax ${args.join(' ')}: ${ended(r)}`);
  return r.stdout;
}

/** A fresh temporary folder and a function that writes a file in it, returning its path. */
export function tempFiles(prefix: string): { dir: string; file: (name: string, content: string | Uint8Array) => string } {
  const dir = scratchDir(prefix);
  return {
    dir,
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}
