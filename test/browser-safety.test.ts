/** The main entry point must run in a browser: no Node built-in may be reachable from it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

test('argmax (index.js) imports no node: module, directly or indirectly', () => {
  const entry = fileURLToPath(new URL('../src/index.js', import.meta.url));
  const seen = new Set<string>();
  const nodeImports: string[] = [];
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      const spec = m[1];
      if (spec.startsWith('node:')) nodeImports.push(`${file} → ${spec}`);
      else if (spec.startsWith('.')) walk(resolve(dirname(file), spec));
    }
  };
  walk(entry);
  assert.ok(seen.size > 20, `walked only ${seen.size} modules`);
  assert.deepEqual(nodeImports, []);
});
