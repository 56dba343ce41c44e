/** A plain text table with right-aligned columns. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((c, j) => c.padStart(widths[j])).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/**
 * A table printed a row at a time (while training runs): each column as wide
 * as its header or the widest cell the caller expects (`widest`), so that
 * rows printed later stay under their headers. A longer cell still prints whole.
 */
export function streamedTable(header: string[], widest: string[] = []): { head: string; row: (cells: string[]) => string } {
  const widths = header.map((h, j) => Math.max(h.length, widest[j]?.length ?? 0));
  const line = (r: string[]) => r.map((c, j) => c.padStart(widths[j])).join('  ');
  return { head: `${line(header)}\n${widths.map((w) => '─'.repeat(w)).join('  ')}`, row: line };
}

export function fmt(v: number | null, digits = 4): string {
  return v === null || Number.isNaN(v) ? '—' : v.toFixed(digits);
}
