/**
 * Runs argmax commands in a worker thread for the command-line fuzz test
 * (test/fuzz-cli.test.ts): the command line's own entry, main(argv), as the
 * argmax binary calls it, with stdout and stderr captured. ARGMAX_DEBUG makes
 * the command line print the stack of an error after its message, so the test
 * can tell the project's own errors from crashes (a TypeError, an engine
 * RangeError) that the message alone would hide. A thread of its own lets the
 * test stop a command that hangs, and see an uncaught error or an
 * out-of-memory end as what they are.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { main } from '../../src/cli/main.js';
import { setInterruptFlag } from '../../src/cli/checkpoint.js';

process.env.ARGMAX_DEBUG = '1';
// The test's "Ctrl-C": set after a few seconds so a training run given a large budget stops at an epoch's end.
setInterruptFlag(new Int32Array(workerData.interrupt as SharedArrayBuffer));

let stdout = '';
let stderr: string[] = [];
const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ');
console.log = (...args: unknown[]) => void (stdout += `${text(args)}\n`);
console.info = console.log;
console.error = (...args: unknown[]) => void stderr.push(text(args));
console.warn = console.error;
process.stdout.write = ((chunk: unknown) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
process.stderr.write = ((chunk: unknown) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;

parentPort!.on('message', async ({ id, argv }: { id: number; argv: string[] }) => {
  stdout = '';
  stderr = [];
  let code: number | null = null;
  let escaped: string | null = null;
  try {
    code = await main(argv);
  } catch (e) {
    escaped = (e as Error)?.stack ?? String(e);
  }
  parentPort!.postMessage({ id, code, stdout, stderr, escaped });
});
parentPort!.postMessage({ ready: true });
