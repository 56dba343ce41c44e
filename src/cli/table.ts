/** A plain text table with right-aligned columns. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((c, j) => c.padStart(widths[j])).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function fmt(v: number | null, digits = 4): string {
  return v === null || Number.isNaN(v) ? '—' : v.toFixed(digits);
}
