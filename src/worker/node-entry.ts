/** Entry of the Node worker thread started by `trainInWorker` (argmax/node). */
import { parentPort } from 'node:worker_threads';
import { handleMessage } from './serve.js';
import { type StartMessage } from './protocol.js';

if (!parentPort) throw new Error('node-entry.js is a worker-thread entry point; use trainInWorker from argmax/node');
const port = parentPort;
port.on('message', (m: StartMessage) => void handleMessage(m, (message, transfer) => port.postMessage(message, transfer)));
