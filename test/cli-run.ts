/** Running the command line as a user does, from the tests: exit code, stdout, stderr; and files in a temporary folder. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from './support/scratch-dir.js';

export const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

export function runCli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
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
