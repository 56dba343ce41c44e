import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Path of a file beside the compiled bench, resolved to the source tree's bench/ or dist/. */
export function repoPath(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}

/** Runs a program; returns stdout, stderr and the exit code (null when it could not start). */
export function runCommand(command: string, args: string[], timeoutMs = 30 * 60_000) {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/** Runs node on a script with arguments. */
export function runNode(script: string, args: string[], timeoutMs = 30 * 60_000) {
  return runCommand(process.execPath, [script, ...args], timeoutMs);
}

/** The last line of stdout parsed as JSON, or null. */
export function lastJson(stdout: string): any {
  const lines = stdout.trim().split('\n');
  try {
    return JSON.parse(lines[lines.length - 1]);
  } catch {
    return null;
  }
}

export function peakRss(stderr: string): number | null {
  const m = /peak_rss_mb=([\d.]+)/.exec(stderr);
  return m ? Number(m[1]) : null;
}
