/**
 * README.md's TypeScript is the package's: every ```ts block compiles against
 * the built declarations as a user imports them ('argmax', 'argmax/node'),
 * and every name those entry points export is described in README.md.
 *
 * Each block is checked on its own, as a reader would paste it: a block that
 * uses a name must define or import it itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readReadme } from './support/readme-text.js';
import { type CheckedSnippets, exportedNames, typeCheckSnippets } from './support/typecheck-snippets.js';

const readme = readReadme();
const tsBlocks = readme.blocks.filter((b) => b.lang === 'ts');
const snippetName = (line: number) => `readme-snippet-line-${line}.ts`;
const API_PROBE = 'readme-public-api.ts';
const ENTRY_POINTS = { argmax: 'src/index.ts', 'argmax/node': 'src/node.ts' } as const;
// Types do not depend on the compute kernels: checked once, in the run with the default kernels.
const skip = process.env.ARGMAX_KERNELS === 'reference' ? 'checked in the run with the default kernels' : false;
// One program for every block and the probe of the public API: the compiler's set-up is the slow part.
let program: CheckedSnippets | undefined;
const checked = () =>
  (program ??= typeCheckSnippets([
    ...tsBlocks.map((b) => ({ name: snippetName(b.line), code: b.code })),
    { name: API_PROBE, code: "import * as main from 'argmax';\nimport * as node from 'argmax/node';\nexport { main, node };\n" },
  ]));

test('every ```ts block of README.md type-checks on its own against argmax and argmax/node (dist/src/*.d.ts) with the options of tsconfig.json', { skip }, () => {
  assert.ok(tsBlocks.length >= 3, `README.md has ${tsBlocks.length} ts blocks; expected the library examples`);
  const lineOf = new Map(tsBlocks.map((b) => [snippetName(b.line), b.line]));
  const problems = checked().problems.map((p) => {
    const first = lineOf.get(p.snippet);
    return first === undefined ? `${p.snippet}: ${p.message}` : `README.md:${first + p.line}: ${p.message}`;
  });
  assert.deepEqual(problems, [], `README.md's TypeScript does not compile:\n${problems.join('\n')}`);
});

test('every name exported by argmax and argmax/node appears in a code span of the prose of README.md\'s "Library" section (the API reference)', { skip }, () => {
  const headings = readme.units.filter((u) => u.kind === 'heading');
  const library = headings.findIndex((h) => h.text === 'Library');
  assert.ok(library >= 0, 'README.md has a "## Library" section');
  const start = headings[library].line;
  // The section runs to the next heading of its level (## …).
  const end = headings.slice(library + 1).find((h) => /^## /.test(readme.lines[h.line - 1]))?.line ?? Infinity;
  const described = new Set<string>();
  for (const unit of readme.units) {
    if (unit.line <= start || unit.line >= end) continue;
    for (const span of unit.spans) for (const word of span.text.match(/[A-Za-z_$][\w$]*/g) ?? []) described.add(word);
  }
  const missing: string[] = [];
  for (const [specifier, source] of Object.entries(ENTRY_POINTS)) {
    const names = exportedNames(checked(), checked().fileOf(API_PROBE), specifier);
    assert.ok(names.length > 10, `'${specifier}' exports ${names.length} names`);
    for (const name of names) if (!described.has(name)) missing.push(`${name} (exported by '${specifier}', ${source})`);
  }
  assert.deepEqual(missing, [], `README.md:${start}: the Library section does not describe these public names:\n${missing.join('\n')}`);
});
