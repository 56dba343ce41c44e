import fc from 'fast-check';

/** The fuzz budget: `ARGMAX_FUZZ_RUNS` cases per property (small under `npm test`), seeded by `ARGMAX_FUZZ_SEED`. */
export const FUZZ_RUNS = Number(process.env.ARGMAX_FUZZ_RUNS ?? 120);
export const FUZZ_SEED = Number(process.env.ARGMAX_FUZZ_SEED ?? 20261126);

/**
 * fc.assert with the fuzz budget, counting failed properties for a run's closing summary. fast-check keeps
 * the property's own error as the cause: it is shown first.
 */
export function propertyChecker(): { check: <T>(property: fc.IProperty<T>) => void; failed: () => number } {
  let failed = 0;
  return {
    check(property) {
      try {
        fc.assert(property, { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true });
      } catch (e) {
        failed++;
        const cause = (e as { cause?: Error }).cause;
        throw new Error(`${cause ? `${cause.message}\n` : ''}${(e as Error).message.slice(0, 3000)}`);
      }
    },
    failed: () => failed,
  };
}

/** Per input kind: cases run, refused with the project's own error, and the slowest (for a long run's closing summary). */
export type FuzzTally = Record<string, { runs: number; refused: number; slowestMs: number }>;

/**
 * A tally and the function that counts one case in it; a case slower than `hangMs` fails as a hang,
 * described as "<name>: <activity> took … ms".
 */
export function fuzzTally(activity: string, hangMs: number): { summary: FuzzTally; count: (name: string, refused: boolean, ms: number) => void } {
  const summary: FuzzTally = {};
  return {
    summary,
    count(name, refused, ms) {
      const s = (summary[name] ??= { runs: 0, refused: 0, slowestMs: 0 });
      s.runs++;
      if (refused) s.refused++;
      s.slowestMs = Math.max(s.slowestMs, ms);
      if (ms > hangMs) throw new Error(`${name}: ${activity} took ${ms.toFixed(0)} ms (a hang)`);
    },
  };
}
