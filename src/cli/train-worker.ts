/** The training thread of `argmax train --checkpoint` (started by train-in-worker.ts): runs the command with the shared stop flag. */
import { writeSync } from 'node:fs';
import { format } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { setInterruptFlag } from './checkpoint.js';
import { runCommand } from './main.js';

// A worker's console is relayed by the main thread, in bursts while this thread is busy training;
// writing to the file descriptors directly keeps the epoch lines as live as in a single thread.
function writeTo(fd: number, chunk: string | Uint8Array): void {
  try {
    if (typeof chunk === 'string') writeSync(fd, chunk);
    else writeSync(fd, chunk);
  } catch (e) {
    // A reader that went away (| head) is not the training's failure.
    if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
  }
}
const direct = (fd: number) => (chunk: string | Uint8Array): boolean => {
  writeTo(fd, chunk);
  return true;
};
process.stdout.write = direct(1) as typeof process.stdout.write;
process.stderr.write = direct(2) as typeof process.stderr.write;
console.log = (...args: unknown[]) => writeTo(1, format(...args) + '\n');
console.error = (...args: unknown[]) => writeTo(2, format(...args) + '\n');

setInterruptFlag(workerData.flag as Int32Array);
parentPort!.postMessage(runCommand('train', workerData.argv as string[]));
