import { Worker } from 'node:worker_threads';

/**
 * `argmax train --checkpoint FILE` trains in a worker thread: training is
 * synchronous, and a thread busy with it never runs a signal handler. This
 * thread hears SIGINT and sets a shared flag that the training thread reads
 * after each epoch (see checkpoint.ts); a second Ctrl-C stops at once.
 */
export function trainInWorker(argv: string[]): Promise<number> {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./train-worker.js', import.meta.url), { workerData: { argv, flag } });
  const onSigint = () => {
    if (Atomics.load(flag, 0) === 1) {
      console.error('argmax train: stopped at once; the last checkpoint written is kept');
      void worker.terminate().then(() => process.exit(130));
      return;
    }
    Atomics.store(flag, 0, 1);
    console.error('argmax train: interrupted: finishing the current epoch, then writing the checkpoint and the model (Ctrl-C again to stop at once)');
  };
  process.on('SIGINT', onSigint);
  return new Promise((resolve) => {
    let code = 1;
    worker.on('message', (c: number) => (code = c));
    worker.on('error', (e) => {
      console.error(`argmax train: ${e.message}`);
      code = 1;
    });
    worker.on('exit', () => {
      process.removeListener('SIGINT', onSigint);
      resolve(code);
    });
  });
}
