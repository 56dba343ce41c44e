/** `argmax learning-curve` as a student runs it: the table it prints while it trains, and its report. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './cli-run.js';
import { scratchDir } from './support/scratch-dir.js';
import { streamedTable } from '../src/cli/table.js';
import { defaultSizes } from '../src/cli/learning-curve.js';

/** The column extents [start, end) of a table, read from its rule line of ─ runs. */
function columnsOf(rule: string): [number, number][] {
  return [...rule.matchAll(/─+/g)].map((m) => [m.index, m.index + m[0].length]);
}

test('learning-curve prints every size\'s row under the header: the N column is as wide as the largest size (20 and 1000 here)', () => {
  const out = join(scratchDir('argmax-lc-'), 'lc');
  const r = runCli('learning-curve', '--sizes', '20,1000', '--epochs', '1', '--val-size', '1000', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  const h = lines.findIndex((l) => /^\s*N  train acc/.test(l));
  assert.ok(h >= 0, `no table header in:\n${r.stdout}`);
  const rule = lines[h + 1];
  const rows = lines.slice(h + 2, h + 4);
  const columns = columnsOf(rule);
  assert.equal(columns.length, 7, `the rule line ${JSON.stringify(rule)} has 7 columns`);
  for (const line of [lines[h], ...rows]) {
    assert.equal(line.length, rule.length, `${JSON.stringify(line)} is as long as the rule ${JSON.stringify(rule)}`);
    for (const [start, end] of columns) {
      // Right-aligned: the cell's last character sits at the column's end, and a gap precedes the column.
      assert.notEqual(line[end - 1], ' ', `${JSON.stringify(line)}: column ${start}–${end} ends in a space`);
      if (start > 0) assert.equal(line.slice(start - 2, start), '  ', `${JSON.stringify(line)}: no gap before column ${start}`);
    }
  }
  assert.deepEqual(rows.map((l) => l.slice(...columns[0]).trim()), ['20', '1000']);
  assert.ok(existsSync(join(out, 'report.html')), 'the report was written');
});

test('streamedTable: columns as wide as the header or the widest expected cell; rows padded to them', () => {
  const t = streamedTable(['N', 'acc'], ['50000']);
  assert.equal(t.head, '    N  acc\n─────  ───');
  assert.equal(t.row(['7', '0.9']), '    7  0.9');
  assert.equal(t.row(['50000', '0.95']), '50000  0.95'); // a cell wider than expected prints whole
});

test('learning-curve without --sizes after a larger --val-size: the default sizes the split holds, then the whole split (58,800 held out → 500, 1000, 1200)', () => {
  const out = join(scratchDir('argmax-lc-'), 'lc');
  const r = runCli('learning-curve', '--val-size', '58800', '--epochs', '1', '--out', out, '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual((JSON.parse(r.stdout) as { sizes: number[] }).sizes, [500, 1000, 1200]);
});

test('defaultSizes(n): 500 … 50,000 when the split holds them all, else those ≤ n and then n itself', () => {
  assert.deepEqual(defaultSizes(50000), [500, 1000, 2000, 5000, 10000, 20000, 50000]);
  assert.deepEqual(defaultSizes(55000), [500, 1000, 2000, 5000, 10000, 20000, 50000]);
  assert.deepEqual(defaultSizes(40000), [500, 1000, 2000, 5000, 10000, 20000, 40000]);
  assert.deepEqual(defaultSizes(1000), [500, 1000]);
  assert.deepEqual(defaultSizes(300), [300]);
});
