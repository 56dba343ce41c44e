import { UsageError } from './args.js';
import { SMALLEST_SIZE_REASON } from '../select/learning-curve.js';

/**
 * `--sizes` of a learning curve, as scikit-learn's `learning_curve` takes `train_sizes`: each size is a count of
 * training examples (an integer ≥ 2) or a fraction of the N available (0 < f ≤ 1, written with a decimal point,
 * such as 0.1 or 1.0), which stands for ⌊f·N⌋ examples. Refused before any work, naming the size: a count above
 * N, a fraction outside (0, 1], a size of fewer than 2 examples, two sizes that are the same count (that size
 * would be trained twice). Returned as counts in increasing order, the curve's x axis.
 */
export function readCurveSizes(raw: string, available: number, what: string): number[] {
  const counts = new Map<number, string>();
  for (const part of raw.split(',').map((s) => s.trim())) {
    const n = sizeOf(part, available, what);
    const earlier = counts.get(n);
    if (earlier !== undefined) {
      throw new UsageError(earlier === part ? `--sizes: ${part} is given twice` : `--sizes: ${earlier} and ${part} are both ${n} examples (of ${available} ${what})`);
    }
    counts.set(n, part);
  }
  return [...counts.keys()].sort((a, b) => a - b);
}

/**
 * Refuses, before any training, sizes below `smallest`, the least that trains on every fold (see `curveSmallest`):
 * otherwise the curve would fail at such a size after training the others.
 */
export function refuseSizesBelow(sizes: readonly number[], smallest: number): void {
  const n = sizes.find((s) => s < smallest);
  if (n !== undefined) throw new UsageError(`--sizes: ${n} examples are too few: the smallest size is ${smallest} here (${SMALLEST_SIZE_REASON}; --seed or --order change which examples come first)`);
}

/** The default sizes below N, then N itself: every curve ends with all the training examples. */
export function defaultCurveSizes(defaults: readonly number[], available: number): number[] {
  return [...defaults.filter((n) => n < available), available];
}

function sizeOf(part: string, available: number, what: string): number {
  const v = Number(part);
  if (part === '' || !Number.isFinite(v)) throw new UsageError(`--sizes: expected comma-separated counts (integers ≥ 2) or fractions in (0, 1] such as 0.1, got ${JSON.stringify(part)}`);
  const fraction = /[.eE]/.test(part);
  if (fraction) {
    if (!(v > 0 && v <= 1)) throw new UsageError(`--sizes: ${part}: a fraction of the training set must be in (0, 1] (a count is written without a decimal point)`);
    const n = Math.floor(v * available);
    if (n < 2) throw new UsageError(`--sizes: ${part} of ${available} ${what} is ${n}: a curve point needs at least 2 examples`);
    return n;
  }
  if (!Number.isInteger(v) || v < 2) throw new UsageError(`--sizes: ${part}: a count must be an integer ≥ 2`);
  if (v > available) throw new UsageError(`--sizes: ${part} is more than the ${available} ${what} (use at most ${available}, or 1.0 for all of them)`);
  return v;
}
