/**
 * The WebAssembly modules travel inside the package as base64 string constants
 * (src/kernels/*-wasm.generated.ts), so every bundler finds them with no asset
 * step. Two ways they can cost a web app far more than their size:
 * - a constant read in two places: Vite's minifier inlines a constant used
 *   twice, so the bundle carries the 320 kB string twice;
 * - a declaration file whose type is the string itself: `export const X = '…'`
 *   declares the literal type, 1.4 MB of .d.ts for every editor to parse.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EMBEDDED = /\b[A-Z_]+_WASM_BASE64\b/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.generated.ts') ? [join(dir, e.name)] : [],
  );
}

test('each embedded WebAssembly module constant is read in exactly one place of src/ (outside its import)', () => {
  const reads = new Map<string, string[]>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (/^\s*import\b/.test(line)) return;
      for (const name of line.match(EMBEDDED) ?? []) reads.set(name, [...(reads.get(name) ?? []), `${file.slice(ROOT.length)}:${i + 1}`]);
    });
  }
  assert.ok(reads.size >= 6, `found ${reads.size} embedded module constants; expected the linear, layer, SVM and two-loop modules`);
  const twice = [...reads].filter(([, at]) => at.length !== 1).map(([name, at]) => `${name} read at ${at.join(', ')}`);
  assert.deepEqual(twice, [], 'read each constant in one function, so a minifier cannot copy the string');
});

test('the declaration files of the embedded modules declare a string, not the base64 text (each under 1 kB)', () => {
  const dir = join(ROOT, 'dist', 'src', 'kernels');
  const declarations = readdirSync(dir).filter((f) => f.endsWith('-wasm.generated.d.ts'));
  assert.ok(declarations.length >= 6, `found ${declarations.length} declaration files in ${dir}`);
  for (const file of declarations) {
    const text = readFileSync(join(dir, file), 'utf8');
    assert.match(text, /_WASM_BASE64: string;/, `${file} declares its constant as a string`);
    assert.ok(text.length < 1024, `${file} is ${text.length} bytes`);
  }
});
