/**
 * Entry of the Web Worker that trains for `trainInWorker` in a browser. Bundle
 * it as a worker script (the playground's build does), or let a bundler do so:
 *   new Worker(new URL('argmax/worker', import.meta.url), { type: 'module' })
 */
import { handleMessage } from './serve.js';
import { type StartMessage } from './protocol.js';

interface WorkerScope {
  onmessage: ((e: MessageEvent<StartMessage>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (e) => void handleMessage(e.data, (message, transfer) => scope.postMessage(message, transfer ?? []));
