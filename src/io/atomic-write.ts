import { closeSync, fchmodSync, fchownSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, type Stats, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * Writes a file so that readers see either the old content or the complete
 * new one, never half a file: write a temporary file beside the target,
 * flush it to disk, then rename it over the target.
 *
 * - A symlink is written through: its target is replaced, the link stays.
 * - A FIFO, device or socket is written into directly (there is no file to
 *   replace): `-o /dev/stdout` works, and `/dev/full` reports its error
 *   instead of being turned into a regular file.
 * - An existing file keeps its permission bits (and owner, when allowed).
 * - The temporary name is short (`.argmax-<pid>-<n>.tmp`), whatever the
 *   length of the target's name; one left by a killed process (SIGKILL
 *   cannot be caught) is removed by the next write in that directory.
 * - SIGINT, SIGTERM and SIGHUP arriving during the write take effect after
 *   the rename (exit code 128 + signal), unless the program handles them
 *   (a listener for them stays installed after the first write).
 * - The content may come in pieces (an iterable of strings or bytes, e.g. a
 *   generator): each is written as it is produced, so a large file is never
 *   held whole in memory. A piece that throws removes the temporary file.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array | Iterable<string | Uint8Array>): void {
  const target = resolveLinks(path);
  const existing = statOrNull(target);
  if (existing?.isDirectory()) throw new Error(`${path}: is a directory; give a file name`);
  const pieces = typeof content === 'string' || content instanceof Uint8Array ? [content] : content;
  if (existing && !existing.isFile()) {
    writeThrough(target, pieces);
    return;
  }
  const dir = dirname(target);
  mkdirSync(dir, { recursive: true });
  removeStaleTemporaries(dir);
  const tmp = join(dir, `.argmax-${process.pid}-${++counter}.tmp`);
  deferSignals();
  try {
    const fd = openSync(tmp, 'wx', existing ? existing.mode & 0o7777 : 0o666);
    try {
      writePieces(fd, pieces);
      if (existing) keepOwnership(fd, existing);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

let counter = 0;
const TEMPORARY = /^\.argmax-(\d+)-\d+\.tmp$/;

/** The file a path finally names, following symlinks (also dangling ones, whose target is then created). */
export function resolveLinks(path: string): string {
  let p = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let st: Stats;
    try {
      st = lstatSync(p);
    } catch {
      // Missing: resolve the directory's links, keep the name.
      try {
        return join(realpathSync(dirname(p)), basename(p));
      } catch {
        return p;
      }
    }
    if (!st.isSymbolicLink()) return realpathSync(p);
    const link = readlinkSync(p);
    p = isAbsolute(link) ? link : resolve(dirname(p), link);
  }
  throw new Error(`${path}: too many levels of symbolic links`);
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function writePieces(fd: number, pieces: Iterable<string | Uint8Array>): void {
  for (const piece of pieces) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
  }
}

/** FIFOs, devices and sockets: open and write, no temporary file and no rename. */
function writeThrough(target: string, pieces: Iterable<string | Uint8Array>): void {
  const fd = openSync(target, 'w');
  try {
    writePieces(fd, pieces);
  } finally {
    closeSync(fd);
  }
}

/** The new file gets the old one's permission bits exactly (not filtered by the umask) and, when allowed, its owner. */
function keepOwnership(fd: number, old: Stats): void {
  fchmodSync(fd, old.mode & 0o7777);
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    try {
      fchownSync(fd, old.uid, old.gid);
    } catch {
      // Not permitted on this file system: the content still matters more than the owner.
    }
  }
}

/** Temporary files of processes that no longer run (killed mid-write) are removed. */
function removeStaleTemporaries(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMPORARY.exec(name);
    if (!m || Number(m[1]) === process.pid || isRunning(Number(m[1]))) continue;
    rmSync(join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBER: Record<(typeof SIGNALS)[number], number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };
let signalsDeferred = false;

/**
 * A signal that arrives during the synchronous write is queued by Node until
 * the write returns, but only if a listener exists; without one the default
 * action kills the process mid-write. So from the first atomic write on, a
 * listener stays installed that ends the process as the signal would have
 * (exit code 128 + its number) — unless the program has its own listener,
 * which then decides. (Removing ours after each write could drop a signal
 * still queued.)
 */
function deferSignals(): void {
  if (signalsDeferred) return;
  signalsDeferred = true;
  for (const sig of SIGNALS) {
    process.on(sig, () => {
      if (process.listenerCount(sig) === 1) process.exit(128 + SIGNAL_NUMBER[sig]);
    });
  }
}
