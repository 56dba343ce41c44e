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
