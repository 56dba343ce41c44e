/**
 * The playground's training worker: argmax's worker, plus a loader that fetches
 * MNIST here, so 55 MB of images never pass through the page's main thread.
 */
import { handleMessage } from '../../src/worker/serve.js';
import { type StartMessage } from '../../src/worker/protocol.js';
import { loadMnistSource } from './mnist-data.js';

interface WorkerScope {
  onmessage: ((e: MessageEvent<StartMessage>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (e) => void handleMessage(e.data, (message, transfer) => scope.postMessage(message, transfer ?? []), loadMnistSource);
