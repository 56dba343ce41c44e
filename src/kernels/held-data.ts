import type { Matrix } from '../data/csr.js';

/**
 * Data a caller promises not to change while a function runs (a training
 * run's examples, labels and weights). The WebAssembly kernels copy their
 * inputs into wasm memory; held arrays are copied once and reused across
 * calls, any other array is copied afresh at every call (only the rows a
 * minibatch uses), so a buffer changed in place between calls is always seen.
 *
 * Each hold gets a new number: a copy made under an earlier hold is never
 * reused, since the array may have changed in between.
 */
const holds = new WeakMap<object, number>();
let nextHold = 1;

/** Runs body with the arrays held (nested holds keep the outer one). */
export function withHeldData<T>(arrays: ReadonlyArray<ArrayBufferView | null | undefined>, body: () => T): T {
  const added: ArrayBufferView[] = [];
  for (const a of arrays) {
    if (a && !holds.has(a)) {
      holds.set(a, nextHold++);
      added.push(a);
    }
  }
  try {
    return body();
  } finally {
    for (const a of added) holds.delete(a);
  }
}

/** The hold number of an array, 0 when it is not held. */
export function holdOf(array: ArrayBufferView): number {
  return holds.get(array) ?? 0;
}

/** The typed arrays a matrix is made of. */
export function matrixArrays(X: Matrix): ArrayBufferView[] {
  return X.kind === 'csr' ? [X.indptr, X.indices, X.values] : [X.data];
}
