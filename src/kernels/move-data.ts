import type { Dataset } from '../data/dataset.js';
import { defaultKernels } from './select.js';

/**
 * The dataset with its feature matrix moved into the default kernels' memory
 * (Kernels.moveIntoKernelMemory), or unchanged when they cannot take it. The
 * caller must drop every reference to the old dataset's matrix: its arrays
 * are then garbage, and the data exists once instead of twice (in JavaScript
 * and in the kernels' resident copy).
 */
export function movedIntoKernelMemory<D extends Dataset>(data: D): D {
  const X = defaultKernels().moveIntoKernelMemory?.(data.X);
  return X ? { ...data, X } : data;
}
