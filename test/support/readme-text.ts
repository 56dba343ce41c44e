/**
 * README.md cut into the pieces the documentation tests check, each with its
 * line number so a failure can say where: fenced code blocks, and prose units
 * (a paragraph, a list item, a table row) with their inline code spans.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const README_PATH = fileURLToPath(new URL('../../../README.md', import.meta.url));

export interface FencedBlock {
  /** The info string after the opening fence: ts, sh, json. */
  lang: string;
  /** README line (1-based) of the block's first code line. */
  line: number;
  code: string;
  /** The nearest heading above the block. */
  heading: string;
}

export interface CodeSpan {
  /** The span's text, with `\|` (a pipe escaped inside a table) read as `|`. */
  text: string;
  line: number;
  /** Where the span (backticks included) starts and ends in its unit's text. */
  start: number;
  end: number;
}

export interface ProseUnit {
  kind: 'paragraph' | 'list item' | 'table row' | 'heading';
  line: number;
  text: string;
  spans: CodeSpan[];
  /** For a table row: the paragraph just above the table (it often says what the table is about). */
  intro?: ProseUnit;
}

export interface Readme {
  lines: string[];
  blocks: FencedBlock[];
  units: ProseUnit[];
}

export function readReadme(path = README_PATH): Readme {
  return parseReadme(readFileSync(path, 'utf8'));
}

export function parseReadme(markdown: string): Readme {
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];
  const units: ProseUnit[] = [];
  let heading = '';
  let current: { kind: ProseUnit['kind']; line: number; text: string[] } | null = null;
  let lastParagraph: ProseUnit | undefined;
  let tableIntro: ProseUnit | undefined;
  const flush = () => {
    if (!current) return;
    const unit = toUnit(current.kind, current.line, current.text.join('\n'));
    if (unit.kind === 'table row') unit.intro = tableIntro;
    else if (unit.kind === 'paragraph') lastParagraph = unit;
    units.push(unit);
    current = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^```(\w*)\s*$/.exec(line);
    if (fence) {
      flush();
      lastParagraph = undefined;
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
      blocks.push({ lang: fence[1], line: start + 1, code: lines.slice(start, end).join('\n'), heading });
      i = end;
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (/^#+ /.test(line)) {
      flush();
      lastParagraph = undefined;
      heading = line.replace(/^#+ /, '');
      units.push(toUnit('heading', i + 1, heading));
      continue;
    }
    if (line.startsWith('|')) {
      // A table: one unit per row (the header and the |---| line included; the latter has no spans).
      const continuing = i > 0 && lines[i - 1].startsWith('|');
      flush();
      if (!continuing) tableIntro = lastParagraph;
      current = { kind: 'table row', line: i + 1, text: [line] };
      continue;
    }
    if (/^\s*- /.test(line)) {
      flush();
      current = { kind: 'list item', line: i + 1, text: [line] };
      continue;
    }
    if (current?.kind === 'table row') flush();
    if (!current) current = { kind: 'paragraph', line: i + 1, text: [] };
    current.text.push(line);
  }
  flush();
  return { lines, blocks, units };
}

function toUnit(kind: ProseUnit['kind'], line: number, text: string): ProseUnit {
  const spans: CodeSpan[] = [];
  // Markdown code spans: a run of backticks up to the next run of the same length, across line breaks.
  const re = /(`+)([\s\S]*?[^`])\1(?!`)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(0, m.index);
    const body = m[2].replace(/\n/g, ' ').replace(/\\\|/g, '|');
    spans.push({ text: m[1].length > 1 ? body.trim() : body, line: line + (before.match(/\n/g)?.length ?? 0), start: m.index, end: m.index + m[0].length });
  }
  return { kind, line, text, spans };
}

/** The README line of character `index` of a unit's text. */
export function lineOf(unit: ProseUnit, index: number): number {
  return unit.line + (unit.text.slice(0, index).match(/\n/g)?.length ?? 0);
}
