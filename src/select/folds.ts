import { type LabelTable } from '../data/labels.js';
import { Random } from '../random.js';

/**
 * Stratified k-fold assignment: fold[i] ∈ 0..k−1 for every example, each
 * class spread as evenly as possible over the folds (fold sizes of a class
 * differ by at most one), in a seeded random order.
 *
 * Each class's examples are shuffled and dealt round-robin; the dealing
 * continues where the previous class stopped, so total fold sizes differ by at
 * most one as well. Classes are taken in order of first appearance in `y`, not
 * in label-table order (which sorts the labels): the folds depend only on which
 * examples share a class, so renaming the labels one-to-one keeps them.
 */
export function stratifiedFolds(y: Int32Array, labels: LabelTable, k: number, seed: number): Int32Array {
  checkFoldCount(y, labels, k);
  const rng = new Random(seed);
  const byClass = new Map<number, number[]>();
  y.forEach((c, i) => {
    const members = byClass.get(c);
    if (members) members.push(i);
    else byClass.set(c, [i]);
  });
  const fold = new Int32Array(y.length);
  let next = 0;
  for (const members of byClass.values()) {
    rng.shuffle(members);
    for (const i of members) {
      fold[i] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}

/**
 * Refuses a fold count that leaves some fold without an example of a class:
 * k must be an integer ≥ 2 and at most the size of the smallest class.
 */
export function checkFoldCount(y: Int32Array, labels: LabelTable, k: number): void {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`folds must be an integer ≥ 2, got ${k}`);
  const counts = new Int32Array(labels.size);
  for (const c of y) counts[c]++;
  let smallest = -1;
  counts.forEach((n, c) => {
    if (n > 0 && (smallest < 0 || n < counts[smallest])) smallest = c;
  });
  if (smallest >= 0 && counts[smallest] < k) {
    throw new RangeError(
      `${k} folds need at least ${k} examples of every class, but class ${JSON.stringify(labels.labelOf(smallest))} has only ${counts[smallest]} (use at most ${counts[smallest]} folds)`,
    );
  }
  if (y.length < k) throw new RangeError(`${k} folds need at least ${k} examples, the data has ${y.length}`);
}

/** The training rows (every other fold) and the held-out rows (fold f). */
export function foldRows(fold: Int32Array, f: number): { train: Int32Array; heldOut: Int32Array } {
  const train: number[] = [];
  const heldOut: number[] = [];
  fold.forEach((g, i) => (g === f ? heldOut : train).push(i));
  return { train: Int32Array.from(train), heldOut: Int32Array.from(heldOut) };
}
