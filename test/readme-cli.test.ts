/**
 * README.md's command line is the CLI's: the commands it runs exist, every
 * flag it gives a command is one that command's parser accepts, and every
 * flag a command accepts is documented. The CLI side is the parsers' own
 * tables (test/support/cli-commands.ts); how README.md attributes a flag to a
 * command is described in test/support/readme-cli.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandTables, TOP_LEVEL_FLAGS } from './support/cli-commands.js';
import { cliMentions, TOP_LEVEL } from './support/readme-cli.js';
import { readReadme } from './support/readme-text.js';

const readme = readReadme();
const tables = await commandTables();
const names = [...tables.keys()];
const { flags, commands } = cliMentions(readme, names);
/** Whether the command (or argmax itself) accepts the flag; `--name-*` asks for some flag starting with `--name-`. */
function accepts(command: string, flag: string): boolean {
  const known = command === TOP_LEVEL ? TOP_LEVEL_FLAGS : [...(tables.get(command)?.flags ?? [])];
  return flag.endsWith('*') ? known.some((f) => f.startsWith(flag.slice(0, -1))) : known.includes(flag);
}
const label = (command: string) => (command === TOP_LEVEL ? 'argmax' : `argmax ${command}`);

test('every command README.md runs (argmax CMD …) is a command of the CLI', () => {
  assert.ok(commands.length > 20, `${commands.length} command lines found in README.md`);
  const wrong = commands.filter((c) => !tables.has(c.command)).map((c) => `README.md:${c.line}: "${c.command}" is not an argmax command (${names.join(', ')}), in: ${c.context}`);
  assert.deepEqual(wrong, [], wrong.join('\n'));
});

test("every command of the CLI has a line in README.md's command-line synopsis", () => {
  const synopsis = readme.blocks.find((b) => b.lang === 'sh' && b.heading === 'Command line');
  assert.ok(synopsis, 'README.md has an sh block under "## Command line"');
  const last = synopsis.line + synopsis.code.split('\n').length;
  const shown = new Set(commands.filter((c) => c.line >= synopsis.line && c.line < last).map((c) => c.command));
  const missing = names.filter((n) => !shown.has(n)).map((n) => `README.md:${synopsis.line}: the synopsis has no line for "argmax ${n}"`);
  assert.deepEqual(missing, [], missing.join('\n'));
});

test('every flag README.md gives a command is accepted by that command\'s parser; flags it shows refused ("unknown flag") are refused', () => {
  assert.ok(flags.length > 100, `${flags.length} flag mentions found in README.md`);
  const wrong: string[] = [];
  for (const m of flags) {
    const scope = m.commands.length ? m.commands : names;
    if (scope.some((c) => c !== TOP_LEVEL && !tables.has(c))) continue; // an unknown command: the test above names it
    const accepted = scope.some((c) => accepts(c, m.flag));
    const who = m.commands.length ? scope.map(label).join(' or ') : 'any argmax command';
    if (m.refused && accepted) wrong.push(`README.md:${m.line}: says ${m.flag} is an unknown flag, but ${who} accepts it, in: ${m.context}`);
    if (!m.refused && !accepted) wrong.push(`README.md:${m.line}: ${m.flag} is not a flag of ${who}, in: ${m.context}`);
  }
  assert.deepEqual(wrong, [], wrong.join('\n'));
});

test('every flag each command accepts is documented in README.md (for that command, or in prose that names no command)', () => {
  const undocumented: string[] = [];
  for (const [command, table] of tables) {
    for (const option of table.options) {
      const spellings = option.short ? [option.long, option.short] : [option.long];
      const documented = flags.some((m) => spellings.includes(m.flag) && !m.refused && (m.commands.length === 0 || m.commands.includes(command)));
      if (!documented) undocumented.push(`argmax ${command} ${spellings.join('/')}`);
    }
  }
  assert.deepEqual(undocumented, [], `README.md says nothing about:\n${undocumented.join('\n')}`);
});
