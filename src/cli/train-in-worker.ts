import { Worker } from 'node:worker_threads';

/**
 * `argmax train --checkpoint FILE` trains in a worker thread: training is
 * synchronous, and a thread busy with it never runs a signal handler. This
 * thread hears SIGINT (Ctrl-C) and SIGTERM (kill, a scheduler's stop) and sets
 * a shared flag that the training thread reads after each epoch (see
 * checkpoint.ts); a second signal stops at once. The exit code is 128 plus
 * the first signal's number, as a shell reports it: 130, or 143 for SIGTERM.
 */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

export function trainInWorker(argv: string[]): Promise<number> {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./train-worker.js', import.meta.url), { workerData: { argv, flag } });
  let received: keyof typeof SIGNAL_EXIT | null = null;
  const onSignal = (signal: keyof typeof SIGNAL_EXIT) => {
    if (received !== null) {
      console.error('argmax train: stopped at once; the last checkpoint written is kept');
      void worker.terminate().then(() => process.exit(SIGNAL_EXIT[received!]));
      return;
    }
    received = signal;
    Atomics.store(flag, 0, 1);
    const again = signal === 'SIGINT' ? 'Ctrl-C again' : 'a second signal';
    console.error(`argmax train: interrupted (${signal}): finishing the current epoch, then writing the checkpoint and the model (${again} to stop at once)`);
  };
  const handlers = (Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]).map((signal) => {
    const handler = () => onSignal(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return new Promise((resolve) => {
    let code = 1;
    worker.on('message', (c: number) => (code = c));
    worker.on('error', (e) => {
      console.error(`argmax train: ${e.message}`);
      code = 1;
    });
    worker.on('exit', () => {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
      // The worker reports an interrupted run as 130 (it does not know the signal).
      resolve(code === SIGNAL_EXIT.SIGINT && received ? SIGNAL_EXIT[received] : code);
    });
  });
}
