// Builds the browser playground into dist/playground: the page, its style, the
// app bundle, the training worker bundle and the code both use (esbuild), after
// type-checking web/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'playground');
const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'web', 'tsconfig.json')], { stdio: 'inherit' });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { app: join(root, 'web', 'src', 'app.ts'), worker: join(root, 'web', 'src', 'worker.ts') },
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  // The page (predicting a drawn digit) and the worker (training) both run the
  // WebAssembly kernels, embedded as base64 (0.7 MB): one shared chunk holds
  // them, and the rest of the library the two use, so the browser downloads
  // them once. A fixed name, listed in package.json; a second shared chunk
  // would take the same name, and esbuild stops on the clash.
  splitting: true,
  chunkNames: 'shared',
  // Maps beside the bundles, not linked from them: the package leaves them out
  // (the site works without them), and a link to a missing map makes devtools
  // warn. To debug the page, add app.js.map or worker.js.map in devtools.
  sourcemap: 'external',
  logLevel: 'warning',
});
for (const f of ['index.html', 'style.css']) copyFileSync(join(root, 'web', f), join(out, f));
console.log(`playground → ${out}`);
