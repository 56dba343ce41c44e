/**
 * The built playground's scripts (dist/playground): the page and the training
 * worker both run the WebAssembly kernels, and the browser must download each
 * kernel module once, from the chunk the two bundles share.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CRAMMER_SINGER_WASM_BASE64 } from '../src/kernels/crammer-singer-wasm.generated.js';
import { LAYERS_WASM_BASE64 } from '../src/kernels/layers-wasm.generated.js';
import { LINEAR_RELAXED_WASM_BASE64 } from '../src/kernels/linear-relaxed-wasm.generated.js';
import { LINEAR_WASM_BASE64 } from '../src/kernels/linear-wasm.generated.js';
import { TWO_LOOP_WASM_BASE64 } from '../src/kernels/two-loop-wasm.generated.js';

const SITE = fileURLToPath(new URL('../../dist/playground/', import.meta.url));
// The kernels a browser can run (the shared-memory builds are for Node's threads).
const MODULES = { LINEAR_WASM_BASE64, LINEAR_RELAXED_WASM_BASE64, LAYERS_WASM_BASE64, CRAMMER_SINGER_WASM_BASE64, TWO_LOOP_WASM_BASE64 };

function count(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

test('the built playground holds each WebAssembly kernel module exactly once, in shared.js, imported by both app.js and worker.js', () => {
  const scripts = readdirSync(SITE).filter((f) => f.endsWith('.js'));
  assert.deepEqual(scripts.sort(), ['app.js', 'shared.js', 'worker.js'], `the scripts in ${SITE} (run node scripts/build-playground.mjs)`);
  const text = Object.fromEntries(scripts.map((f) => [f, readFileSync(join(SITE, f), 'utf8')]));
  for (const [name, base64] of Object.entries(MODULES)) {
    // The whole module's text: every copy of it, not a prefix the modules might share.
    const copies = Object.fromEntries(scripts.map((f) => [f, count(text[f], base64)]));
    assert.deepEqual(copies, { 'app.js': 0, 'shared.js': 1, 'worker.js': 0 }, `copies of ${name} per script`);
  }
  for (const f of ['app.js', 'worker.js']) assert.match(text[f], /\bfrom\s*"\.\/shared\.js"/, `${f} imports shared.js`);
});
