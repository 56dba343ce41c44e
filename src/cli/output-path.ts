import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { resolveLinks } from '../io/atomic-write.js';
import { UsageError } from './args.js';

/**
 * Checks, before any data is read, that a file can be written where the user
 * asked: not a directory, in a directory that exists and is writable, and not
 * one of the input files (writing the model over the training data would lose
 * it). An existing file is replaced, as fastText does; a symlink is written
 * through; a FIFO or device (/dev/stdout) is written into.
 */
export function checkOutputPath(path: string, flag: string, inputs: Array<string | undefined>): void {
  const target = resolveLinks(path);
  const st = statOrNull(target);
  if (st?.isDirectory()) throw new UsageError(`${flag} ${path}: is a directory; give a file name, e.g. ${path.replace(/\/?$/, '/model.json')}`);
  if (st && !st.isFile()) {
    if (!canWrite(target)) throw new UsageError(`${flag} ${path}: not writable`);
    return;
  }
  const dir = dirname(target);
  // Named as the user wrote it, unless a link led elsewhere.
  const shown = target === resolve(path) ? dirname(path) : dir;
  const dirStat = statOrNull(dir);
  if (!dirStat?.isDirectory()) throw new UsageError(`${flag} ${path}: the directory ${shown} does not exist`);
  if (!canWrite(dir)) throw new UsageError(`${flag} ${path}: the directory ${shown} is not writable`);
  if (!st) return;
  for (const input of inputs) {
    if (input === undefined || input === '-') continue;
    const other = statOrNull(resolveLinks(input));
    if (other && other.dev === st.dev && other.ino === st.ino) {
      throw new UsageError(`${flag} ${path}: is the input file ${input}; writing there would overwrite the data`);
    }
  }
}

/**
 * Checks, before any work, that the folder a command writes its files into
 * can be used: an existing writable folder, or a path whose nearest existing
 * ancestor is a writable folder (the rest is created when the files are
 * written). A file of that name, or a file on the way, is refused.
 */
export function checkOutputFolder(path: string, flag: string): void {
  const st = statOrNull(path);
  if (st) {
    if (!st.isDirectory()) throw new UsageError(`${flag} ${path}: is a file, not a folder`);
    if (!canWrite(path)) throw new UsageError(`${flag} ${path}: the folder is not writable`);
    return;
  }
  let ancestor = dirname(resolve(path));
  while (!statOrNull(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  if (!statOrNull(ancestor)?.isDirectory()) throw new UsageError(`${flag} ${path}: cannot create the folder: ${ancestor} is a file`);
  if (!canWrite(ancestor)) throw new UsageError(`${flag} ${path}: cannot create the folder: ${ancestor} is not writable`);
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
