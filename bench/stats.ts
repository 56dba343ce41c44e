/** Median and range of repeated timings. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], runs: s.length };
}

export function timeRuns<T>(runs: number, f: () => T): { summary: Summary; last: T } {
  const times: number[] = [];
  let last!: T;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    last = f();
    times.push(performance.now() - t);
  }
  return { summary: summarize(times), last };
}

export function fmtSummary(s: Summary, digits = 1): string {
  return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}
