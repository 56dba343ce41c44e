// After tsc: the generated kernel modules (one base64 string each, written by
// build-wasm.mjs) get no source map. Their source is a build product that the
// package does not ship, and a map of one string literal helps no debugger;
// a map comment left pointing at a missing file makes bundlers warn.
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src', 'kernels');
for (const name of readdirSync(dir).filter((f) => f.endsWith('.generated.js'))) {
  const file = join(dir, name);
  const text = readFileSync(file, 'utf8');
  const stripped = text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  if (stripped !== text) {
    writeFileSync(`${file}.tmp`, stripped);
    renameSync(`${file}.tmp`, file);
  }
  rmSync(`${file}.map`, { force: true });
}
