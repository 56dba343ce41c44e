/** Suggestions for mistyped commands and flags. */

/** Levenshtein distance (insertions, deletions, substitutions), for short words. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidate within a third of the word's length (at least 2 edits), or one it is a prefix of; null if none. */
export function closest(word: string, candidates: readonly string[]): string | null {
  const prefixed = candidates.filter((c) => c.startsWith(word) && word.length >= 2);
  if (prefixed.length === 1) return prefixed[0];
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/** The flags a help text lists ("--epochs n" → "--epochs"), so suggestions never drift from the help. */
export function flagsOfHelp(help: string): string[] {
  return [...new Set(help.match(/--[a-zA-Z][\w-]*/g) ?? [])];
}

/** The usage lines of a help text (from "Usage:" to the first blank line). */
export function usageOfHelp(help: string): string {
  const m = /Usage:[^\n]*(?:\n(?!\n)[^\n]*)*/.exec(help);
  return m ? m[0] : '';
}
