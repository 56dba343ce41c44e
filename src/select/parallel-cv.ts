/** Cross-validation folds on worker threads, waited for synchronously (the command line is synchronous). Node-only. */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { type FoldResult } from './cross-validate.js';
import { type Setting } from './settings.js';

export interface ParallelFoldsJob {
  spec: string;
  /** The command's flag values (format flags, --first), so workers read the same data. */
  values: Record<string, unknown>;
  setting: Setting;
  folds: number;
  repeats: number;
  seed: number;
  /** Number of fold plans (folds × repeats). */
  total: number;
}

/**
 * Runs the folds on `workers` threads (fold i on worker i mod workers) and
 * returns the results in fold order; onFold sees each as it arrives. The
 * results are those of the single-threaded run: same data, seeds and folds.
 */
export function crossValidateOnWorkers(job: ParallelFoldsJob, workers: number, onFold?: (f: FoldResult) => void): FoldResult[] {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const results: (FoldResult | undefined)[] = new Array(job.total);
  const channels: MessageChannel[] = [];
  const threads: Worker[] = [];
  const n = Math.min(workers, job.total);
  for (let w = 0; w < n; w++) {
    const channel = new MessageChannel();
    channels.push(channel);
    const assigned = Array.from({ length: job.total }, (_, i) => i).filter((i) => i % n === w);
    threads.push(new Worker(new URL('./cv-worker.js', import.meta.url), {
      workerData: { ...job, assigned, port: channel.port2, signal },
      transferList: [channel.port2],
    }));
  }
  let received = 0;
  let error: string | null = null;
  try {
    while (received < job.total && error === null) {
      const seen = Atomics.load(signal, 0);
      for (const channel of channels) {
        for (let m = receiveMessageOnPort(channel.port1); m; m = receiveMessageOnPort(channel.port1)) {
          const msg = m.message as { index?: number; result?: FoldResult; error?: string };
          if (msg.error) error = msg.error;
          else {
            results[msg.index!] = msg.result!;
            received++;
            onFold?.(msg.result!);
          }
        }
      }
      if (received < job.total && error === null) Atomics.wait(signal, 0, seen, 1000);
    }
  } finally {
    for (const t of threads) void t.terminate();
    for (const c of channels) c.port1.close();
  }
  if (error !== null) throw new Error(error);
  return results as FoldResult[];
}
