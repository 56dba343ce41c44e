/**
 * What `npm install argmax` puts on a user's disk: `npm pack --dry-run --json`
 * lists the files, and every file the package points at (exports, bin, worker
 * scripts, source maps) must be among them, while nothing of the repository's
 * own tooling (tests, benchmark, build scripts, scratch files) may be.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from './support/scratch-dir.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
// The packaging does not depend on the compute kernels: checked once, in the run with the default kernels.
const skip = process.env.ARGMAX_KERNELS === 'reference' ? 'checked in the run with the default kernels' : false;

interface PackedFile { path: string; size: number }
interface Packed { files: PackedFile[]; size: number; unpackedSize: number }

function packDryRun(): Packed {
  const cwd = scratchDir('argmax-pack-list-');
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', ROOT], {
    cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  assert.equal(r.status, 0, `npm pack --dry-run failed: ${r.error ?? ''}\n${r.stderr}`);
  return JSON.parse(r.stdout)[0];
}

/** Every file path an `exports` value names (conditions nest; strings are targets). */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

const norm = (p: string) => posix.normalize(p.replace(/^\.\//, ''));

/** Relative `new URL('./x.js', import.meta.url)` references of a compiled or bundled file: worker scripts, data folders. */
function urlReferences(text: string): string[] {
  return [...text.matchAll(/new URL\(\s*['"](\.\.?\/[^'"]*)['"]\s*,\s*import\.meta\.url\s*\)/g)].map((m) => m[1]);
}

/** Relative static imports of a minified bundle (`from"./shared.js"`, `import"./x.js"`): the chunks it needs. */
function bundleImports(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\.?\/[^"']+)["']/g)].map((m) => m[1]);
}

// What may ship: compiled code with its types and maps, the TypeScript sources the maps point at,
// the built playground (page, style, two bundles and the chunk they share), and the package's own documents.
const ALLOWED = [
  /^dist\/src\/.+\.(js|d\.ts|js\.map)$/,
  /^src\/.+\.ts$/,
  /^dist\/playground\/(index\.html|style\.css|app\.js|worker\.js|shared\.js)$/,
  /^(package\.json|README\.md|LICENSE)$/,
];
const FORBIDDEN = [/^(dist\/)?(test|bench|scripts|assembly|docs|web)\//, /^\.ci\//, /\.test\.[cm]?[jt]s/, /(^|\/)node_modules\//, /\.tmp$/];

test('npm pack ships every exports target and its types, the bin, the worker scripts, the playground, README and the MIT LICENSE, and nothing else (no tests, bench, build scripts, playground source maps)', { skip }, () => {
  const packed = packDryRun();
  const files = packed.files.map((f) => f.path);
  const shipped = new Set(files);
  const missing = (p: string) => !shipped.has(norm(p));

  // Entry points a user imports or runs.
  for (const [subpath, value] of Object.entries(pkg.exports as Record<string, unknown>)) {
    assert.ok(value && typeof value === 'object' && 'types' in value, `exports["${subpath}"] has a types entry`);
    for (const target of exportTargets(value)) assert.ok(!missing(target), `exports["${subpath}"] → ${target} is in the package`);
  }
  for (const target of [pkg.main, pkg.types, ...Object.values(pkg.bin as Record<string, string>)]) {
    assert.ok(!missing(target), `${target} (main, types or bin) is in the package`);
  }
  for (const targets of Object.values(pkg.typesVersions['*'] as Record<string, string[]>)) {
    for (const target of targets) assert.ok(!missing(target), `typesVersions → ${target} is in the package`);
  }
  for (const f of ['package.json', 'README.md', 'LICENSE']) assert.ok(shipped.has(f), `${f} is in the package`);
  assert.equal(pkg.license, 'MIT');
  assert.match(readFileSync(join(ROOT, 'LICENSE'), 'utf8'), /^MIT License\n/, 'LICENSE is the MIT license package.json names');

  // Files the code loads by URL at run time: the Node worker scripts, the playground's site and its worker bundle.
  let references = 0;
  for (const f of files.filter((p) => p.endsWith('.js'))) {
    for (const ref of urlReferences(readFileSync(join(ROOT, f), 'utf8'))) {
      const target = posix.join(posix.dirname(f), ref);
      if (target === 'package.json' || target.startsWith('..')) continue;   // the package root's package.json, checked above
      const file = ref.endsWith('/') ? posix.join(target, 'index.html') : target;
      assert.ok(shipped.has(file), `${f} loads ${ref}, and ${file} is not in the package`);
      references++;
    }
  }
  assert.ok(references >= 4, `${references} files loaded by URL (the Node worker entries, the playground and its worker)`);
  for (const f of ['dist/playground/index.html', 'dist/playground/app.js', 'dist/playground/worker.js']) assert.ok(shipped.has(f), `${f} is in the package`);
  // The playground's bundles import the chunk they share: it ships too.
  for (const f of ['dist/playground/app.js', 'dist/playground/worker.js']) {
    const imports = bundleImports(readFileSync(join(ROOT, f), 'utf8'));
    assert.ok(imports.length > 0, `${f} imports the playground's shared chunk`);
    for (const ref of imports) assert.ok(shipped.has(posix.join('dist/playground', ref)), `${f} imports ${ref}, and it is not in the package`);
  }

  // Nothing else.
  for (const f of files) {
    assert.ok(!FORBIDDEN.some((re) => re.test(f)), `${f} is repository tooling, not part of the package`);
    assert.ok(ALLOWED.some((re) => re.test(f)), `${f} is none of: compiled code, its types and maps, its sources, the built playground, package documents`);
  }
});

test('npm pack: every source map comment points to a shipped map, and every shipped map to shipped sources', { skip }, () => {
  const files = packDryRun().files.map((f) => f.path);
  const shipped = new Set(files);
  let maps = 0;
  for (const f of files.filter((p) => p.endsWith('.js'))) {
    const comment = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(ROOT, f), 'utf8'));
    if (!comment) continue;
    const map = posix.join(posix.dirname(f), comment[1]);
    // A comment whose map is missing makes bundlers (webpack's source-map-loader) and devtools warn on every build.
    assert.ok(shipped.has(map), `${f} names the source map ${comment[1]}, which is not in the package` +
      ' (after tsc alone: `npm run build` also takes the map comments off the generated kernel modules)');
    const { sources, sourcesContent } = JSON.parse(readFileSync(join(ROOT, map), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
    sources.forEach((source, i) => {
      if (typeof sourcesContent?.[i] === 'string') return;   // embedded in the map
      const target = posix.join(dirname(map), source);
      assert.ok(shipped.has(target), `${map} points to ${target}, which is not in the package`);
    });
    maps++;
  }
  assert.ok(maps > 20, `${maps} source maps checked`);
  for (const m of files.filter((p) => p.endsWith('.map'))) {
    assert.ok(shipped.has(m.replace(/\.map$/, '')), `${m} is shipped without the file it maps`);
  }
});
