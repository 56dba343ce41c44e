/**
 * argmax inside a web developer's own app: the main entry and the
 * `argmax/worker` entry bundled by esbuild as ES modules (as Vite, webpack and
 * esbuild apps load them), the worker started as a module worker, the page in
 * Debian's Chromium through playwright-core. Skipped without Chromium, as the
 * playground's browser tests are.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const executablePath = CANDIDATES.find((p): p is string => !!p && existsSync(p));
const skip = !executablePath ? 'no Chromium installed (apt-get install chromium)'
  : process.env.ARGMAX_KERNELS ? 'the browser does not see ARGMAX_KERNELS (these tests run in the pass without it)'
  : false;

/** The app: trains on the main thread, then in a module worker, and reports the kernels each used. */
const APP = `
import { fromRows, makeDataset, trainSoftmax, trainInWorker, defaultKernels, kernelFallbackReason } from 'argmax';
const data = makeDataset(fromRows([[0, 0], [0, 1], [5, 5], [5, 6]]), ['cat', 'cat', 'dog', 'dog']);
const { model } = trainSoftmax(data, { optimizer: 'lbfgs' });
const warnings = [];
const run = trainInWorker(data, { optimizer: 'lbfgs' }, { worker: new Worker('./worker.js', { type: 'module' }) });
run.on('warning', (m) => warnings.push(m));
run.done.then((r) => {
  window.result = { kernels: defaultKernels().name, fallback: kernelFallbackReason(), predicted: Array.from(model.predict(data.X)),
    workerKernels: r.kernels, workerWarnings: warnings, workerPredicted: Array.from(r.model.predict(data.X)) };
}, (e) => { window.result = { error: String(e) }; });
`;
const ORIGIN = 'http://app.test';

let browser: Browser;
let files: Record<string, string>;

before(async () => {
  if (skip) return;
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const bundle = (stdin: string) =>
    buildSync({ stdin: { contents: stdin, resolveDir: root, loader: 'js' }, bundle: true, format: 'esm', platform: 'browser', write: false,
      alias: { 'argmax/worker': './dist/src/worker/browser-entry.js', argmax: './dist/src/index.js' } }).outputFiles[0].text;
  files = { '/main.js': bundle(APP), '/worker.js': bundle("import 'argmax/worker';") };
  browser = await chromium.launch({ executablePath: executablePath!, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
});

after(async () => {
  await browser?.close();
});

/** Serves the app from a made-up origin; `csp` is the Content-Security-Policy header of the page and the worker script. */
async function openApp(csp?: string): Promise<{ page: Page; result: Record<string, unknown> }> {
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const html = '<!doctype html><script type="module" src="./main.js"></script>';
    const body = path === '/' ? html : files[path];
    if (body === undefined) return route.fulfill({ status: 404, body: '' });
    const headers: Record<string, string> = { 'content-type': path === '/' ? 'text/html' : 'text/javascript' };
    if (csp) headers['content-security-policy'] = csp;
    return route.fulfill({ status: 200, headers, body });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => (window as unknown as { result?: unknown }).result, undefined, { timeout: 60_000 });
  const result = await page.evaluate(() => (window as unknown as { result: Record<string, unknown> }).result);
  return { page, result };
}

test('an app bundled as ES modules trains with the WebAssembly kernels on the main thread and in a module worker running argmax/worker', { skip }, async () => {
  const { page, result } = await openApp();
  assert.equal(result.error, undefined);
  assert.equal(result.kernels, 'wasm');
  assert.equal(result.fallback, null);
  assert.deepEqual(result.predicted, ['cat', 'cat', 'dog', 'dog']);
  assert.equal(result.workerKernels, 'wasm');
  assert.deepEqual(result.workerWarnings, []);
  assert.deepEqual(result.workerPredicted, ['cat', 'cat', 'dog', 'dog']);
  await page.close();
});

test("under a Content-Security-Policy without 'wasm-unsafe-eval', the page's fallback reason and the worker's warning both say to add 'wasm-unsafe-eval' to script-src", { skip }, async () => {
  const { page, result } = await openApp("script-src 'self'");
  assert.equal(result.error, undefined);
  assert.equal(result.kernels, 'reference');
  assert.equal(result.workerKernels, 'reference');
  assert.deepEqual(result.predicted, ['cat', 'cat', 'dog', 'dog']);
  const fix = /add 'wasm-unsafe-eval' to the script-src of the Content-Security-Policy/;
  assert.match(String(result.fallback), fix);
  const warnings = result.workerWarnings as string[];
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], fix);
  await page.close();
});
