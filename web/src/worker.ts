/**
 * The playground's training worker: argmax's worker, plus loaders that fetch
 * MNIST and featurize texts here, so neither holds up the page's main thread.
 */
import { handleMessage } from '../../src/worker/serve.js';
import { type StartMessage } from '../../src/worker/protocol.js';
import { loadMnistSource } from './mnist-data.js';
import { loadTextSource } from './text-source.js';

interface WorkerScope {
  onmessage: ((e: MessageEvent<StartMessage>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;
const load = (source: unknown) => ((source as { kind?: string } | null)?.kind === 'text' ? loadTextSource(source) : loadMnistSource(source));
scope.onmessage = (e) => void handleMessage(e.data, (message, transfer) => scope.postMessage(message, transfer ?? []), load);
