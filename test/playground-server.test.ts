/** `argmax playground`: serves the built page and the data it trains on, cross-origin isolated. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { get } from 'node:http';

const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

test('argmax playground --port 0 prints its URL and serves the page, the worker and the MNIST files', async () => {
  const child = spawn(process.execPath, [cli, 'playground', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    child.stdout.setEncoding('utf8');
    while (!/http:\/\/\S+\//.test(out)) {
      const [chunk] = (await once(child.stdout, 'data')) as [string];
      out += chunk;
    }
    const url = /http:\/\/\S+\//.exec(out)![0];
    assert.match(out, /^argmax playground: http:\/\/127\.0\.0\.1:\d+\/ /);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.equal(page.headers.get('cross-origin-embedder-policy'), 'require-corp');
    assert.match(await page.text(), /data-testid="train"/);
    const worker = await fetch(new URL('worker.js', url));
    assert.equal(worker.status, 200);
    assert.match(worker.headers.get('content-type')!, /javascript/);
    // t10k labels: 8-byte header + 10,000 labels.
    const labels = await fetch(new URL('data/mnist/t10k-labels-idx1-ubyte', url));
    assert.equal((await labels.arrayBuffer()).byteLength, 10008);
    assert.equal((await fetch(new URL('data/mnist/passwd', url))).status, 404);
    // An encoded slash survives URL parsing and decodes to a path out of the site: refused.
    assert.equal(await rawStatus(url, '/..%2f..%2f..%2fpackage.json'), 403);
  } finally {
    child.kill();
  }
});

test('argmax playground refuses a bad port before starting', async () => {
  const child = spawn(process.execPath, [cli, 'playground', '--port', '70000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const [code] = await once(child, 'exit');
  assert.equal(code, 2);
  assert.match(err, /--port: expected an integer ≥ 0 and ≤ 65535, got 70000/);
});

/** Status of a GET with the path sent exactly as written (fetch would normalize it). */
async function rawStatus(base: string, path: string): Promise<number> {
  const { hostname, port } = new URL(base);
  const req = get({ hostname, port, path });
  const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  res.resume();
  return res.statusCode!;
}
