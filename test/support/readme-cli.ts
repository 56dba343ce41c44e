/**
 * What README.md says about the command line: which commands it runs and
 * which flags it gives each, in sh blocks, tables and prose.
 *
 * The rules, so that a reader can predict what the test checks:
 * - A command line is an sh line or a code span starting with `argmax CMD`
 *   (or `npx argmax CMD`, or just `CMD` in a span, as in `train --json`), and
 *   a message `argmax CMD: …`. Each of its flags (`--name`, and `-x`) belongs
 *   to CMD. `argmax --version` gives flags of argmax itself.
 * - Any other `--name` in a paragraph, list item or table row belongs to the
 *   commands that unit names (by a command line, or a span that is just the
 *   command's name; a table row also counts the paragraph introducing its
 *   table): one of them must accept it. A unit naming no command only needs
 *   some command to accept it. Single-dash words outside command lines
 *   (fastText's `-epoch`, LIBLINEAR's `-s 4`) are other tools' flags.
 * - `--name-*` stands for every flag starting with `--name-`: one must exist.
 * - Spans that run another program (`npm install --omit=optional`,
 *   `node scripts/… --bytes 1e9`) are that program's business.
 * - "unknown flag --x" says that the command refuses --x.
 */
import { type ProseUnit, type Readme } from './readme-text.js';

/** The pseudo-command of flags given to `argmax` itself (`argmax --version`). */
export const TOP_LEVEL = '';

export interface FlagMention {
  flag: string;
  line: number;
  /** The commands one of which must accept the flag; [] when the README names none (any command). */
  commands: string[];
  /** README shows the flag being refused ("unknown flag --epoch"). */
  refused: boolean;
  /** The command line or prose around the flag, for messages. */
  context: string;
}

export interface CommandMention {
  /** The word after `argmax`, as written (may not be a command: then the test says so). */
  command: string;
  line: number;
  context: string;
}

interface Segment {
  kind: 'argmax' | 'other program' | 'free';
  command?: string;
  args?: string;
}

const PLACEHOLDER = /^(…|\.\.\.|<.*)$/;

/** One shell command (no pipes or &&), classified. */
function classify(text: string, commands: ReadonlySet<string>, inSpan: boolean): Segment {
  const tokens = text.trim().split(/\s+/);
  while (tokens.length && /^[A-Z_][A-Z0-9_]*=/.test(tokens[0])) tokens.shift();
  if (tokens[0] === 'npx' && tokens[1] === 'argmax') tokens.shift();
  const first = tokens[0] ?? '';
  if (first === 'argmax' || first === 'argmax:') {
    const word = tokens[1] ?? '';
    if (first === 'argmax:' || word === '' || word.startsWith('-') || PLACEHOLDER.test(word)) return { kind: 'argmax', command: TOP_LEVEL, args: tokens.slice(1).join(' ') };
    return { kind: 'argmax', command: word.replace(/:$/, ''), args: tokens.slice(2).join(' ') };
  }
  if (inSpan && commands.has(first)) return { kind: 'argmax', command: first, args: tokens.slice(1).join(' ') };
  if (/^[a-z]/.test(first) && tokens.length > 1) return { kind: 'other program', command: first };
  return { kind: 'free' };
}

/**
 * Splits shell text at `&&` and at pipes into the next program; a ` | ` followed by a flag is an
 * alternative in a synopsis (`--grid … | --random N`), not a pipe.
 */
function shellSegments(text: string): string[] {
  return text.split(/\s*&&\s*|\s+\|\s+(?=[^\s\-[<])/);
}

/**
 * A flag after its first dash: `-name` or `-name-part…`, and `-name-*` for a family (`--autotune-*`);
 * a trailing dash or punctuation is not part of it.
 */
const FLAG = /-[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?:-\*)?/;

/** Flags in a command line's arguments: `--name` and `-x` after a space, bracket or bar. */
function flagsIn(args: string): { flag: string; index: number }[] {
  const out: { flag: string; index: number }[] = [];
  const re = new RegExp(`(?<=^|[\\s[(|])-?${FLAG.source}`, 'g');
  for (let m = re.exec(args); m; m = re.exec(args)) out.push({ flag: m[0], index: m.index });
  return out;
}

const refusedAt = (text: string, index: number) => /unknown flag `?$/.test(text.slice(0, index));

export function cliMentions(readme: Readme, commandNames: readonly string[]): { flags: FlagMention[]; commands: CommandMention[] } {
  const known = new Set(commandNames);
  const flags: FlagMention[] = [];
  const commands: CommandMention[] = [];
  const commandLine = (text: string, line: number, inSpan: boolean): string[] => {
    const named: string[] = [];
    for (const seg of shellSegments(text)) {
      const c = classify(seg, known, inSpan);
      if (c.kind !== 'argmax') continue;
      const command = c.command ?? TOP_LEVEL;
      if (command !== TOP_LEVEL) {
        commands.push({ command, line, context: seg.trim() });
        named.push(command);
      }
      for (const f of flagsIn(c.args ?? '')) flags.push({ flag: f.flag, line, commands: [command], refused: refusedAt(c.args ?? '', f.index), context: seg.trim() });
    }
    return named;
  };

  for (const block of readme.blocks) {
    if (block.lang !== 'sh') continue;
    block.code.split('\n').forEach((text, i) => commandLine(text.replace(/(^|\s)#.*$/, ''), block.line + i, false));
  }

  const namedBy = new Map<ProseUnit, string[]>();
  const freeText = new Map<ProseUnit, string>();
  for (const unit of readme.units) {
    const named: string[] = [];
    let text = unit.text;
    for (const span of unit.spans) {
      const kinds = shellSegments(span.text).map((s) => classify(s, known, true).kind);
      if (kinds.includes('argmax')) named.push(...commandLine(span.text, span.line, true));
      // Command lines are checked above and other programs' flags are theirs: neither is prose.
      if (kinds.includes('argmax') || kinds.includes('other program')) text = blank(text, span.start, span.end);
    }
    namedBy.set(unit, named);
    freeText.set(unit, text);
  }
  for (const unit of readme.units) {
    const text = freeText.get(unit)!;
    const named = new Set([...namedBy.get(unit)!, ...(unit.intro ? namedBy.get(unit.intro) ?? [] : [])]);
    const re = new RegExp(`(?<![\\w-])-${FLAG.source}`, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const line = unit.line + (text.slice(0, m.index).match(/\n/g)?.length ?? 0);
      flags.push({ flag: m[0], line, commands: [...named], refused: refusedAt(text, m.index), context: contextAround(text, m.index) });
    }
  }
  return { flags, commands };
}

/** The text with [start, end) blanked, line breaks kept (so line numbers still count). */
function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end);
}

function contextAround(text: string, index: number): string {
  return text.slice(Math.max(0, index - 40), index + 40).replace(/\s+/g, ' ').trim();
}
