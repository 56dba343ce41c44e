/**
 * The command line's own tables: the commands of `argmax` (the COMMANDS
 * registry of src/cli/main.ts, read from its syntax tree, since importing
 * main.js runs the command line) and the flags each command's parser accepts
 * (the options object the command hands to node:util's parseArgs, captured by
 * calling the command with parseArgs stubbed).
 */
import { readFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';
import ts from 'typescript-5';

const MAIN_SOURCE = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));
const DIST_CLI = new URL('../../src/cli/', import.meta.url);

/** Flags every command accepts: main answers them before the command's parser runs. */
export const HELP_FLAGS = ['--help', '-h'];
/** Flags of `argmax` itself, with no command. */
export const TOP_LEVEL_FLAGS = ['--version', '-v', '--help', '-h'];

export interface CommandTable {
  name: string;
  /** Every spelling the parser accepts: `--name` for each option, `-x` for its short form. */
  flags: Set<string>;
  /** Each option once: its long spelling and, when it has one, its short one. */
  options: { long: string; short?: string }[];
}

interface ParseArgsConfig {
  options?: Record<string, { type: string; short?: string }>;
}

/** The commands of main.ts's COMMANDS table with the module and function that runs each. */
export function registeredCommands(): { name: string; module: string; run: string }[] {
  const source = ts.createSourceFile(MAIN_SOURCE, readFileSync(MAIN_SOURCE, 'utf8'), ts.ScriptTarget.ES2022, true);
  const imports = new Map<string, string>();
  let table: ts.ObjectLiteralExpression | undefined;
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) imports.set(e.name.text, node.moduleSpecifier.text);
    }
    if (ts.isVariableStatement(node)) {
      for (const d of node.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === 'COMMANDS' && d.initializer && ts.isObjectLiteralExpression(d.initializer)) table = d.initializer;
      }
    }
  }
  if (!table) throw new Error(`${MAIN_SOURCE} has no object literal COMMANDS: the command table moved, update test/support/cli-commands.ts`);
  return table.properties.map((p) => {
    if (!ts.isPropertyAssignment(p) || !ts.isObjectLiteralExpression(p.initializer)) throw new Error(`COMMANDS entry ${p.getText()} is not "name: { run, help }"`);
    const name = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : p.name.getText();
    const run = p.initializer.properties.find((q) => q.name?.getText() === 'run');
    if (!run || !ts.isPropertyAssignment(run) || !ts.isIdentifier(run.initializer)) throw new Error(`COMMANDS.${name} has no run function named by an identifier`);
    const module = imports.get(run.initializer.text);
    if (!module) throw new Error(`COMMANDS.${name}.run (${run.initializer.text}) is not imported in main.ts`);
    return { name, module, run: run.initializer.text };
  });
}

class ParserReached extends Error {
  constructor(readonly config: ParseArgsConfig) {
    super('parseArgs reached');
  }
}

/** Each command with the flags its parser accepts. */
export async function commandTables(): Promise<Map<string, CommandTable>> {
  const commands = registeredCommands();
  const runs = await Promise.all(commands.map(async (c) => (await import(new URL(c.module, DIST_CLI).href))[c.run] as (argv: string[]) => unknown));
  const util = createRequire(import.meta.url)('node:util');
  const original = util.parseArgs;
  const tables = new Map<string, CommandTable>();
  util.parseArgs = (config: ParseArgsConfig) => {
    throw new ParserReached(config);
  };
  syncBuiltinESMExports();
  try {
    commands.forEach((c, i) => {
      let config: ParseArgsConfig | undefined;
      try {
        runs[i]([]);
      } catch (e) {
        if (!(e instanceof ParserReached)) throw e;
        config = e.config;
      }
      if (!config) throw new Error(`argmax ${c.name}: ${c.run} returned without calling parseArgs`);
      const options = config.options ?? {};
      const spellings = Object.entries(options).map(([k, o]) => ({ long: `--${k}`, ...(o.short ? { short: `-${o.short}` } : {}) }));
      const flags = new Set([...spellings.flatMap((o) => (o.short ? [o.long, o.short] : [o.long])), ...HELP_FLAGS]);
      tables.set(c.name, { name: c.name, flags, options: spellings });
    });
  } finally {
    util.parseArgs = original;
    syncBuiltinESMExports();
  }
  return tables;
}
