import { type Kernels } from './kernels.js';
import { referenceKernels } from './reference.js';

let active: Kernels = referenceKernels;

/** The kernels used when a caller does not pass its own. */
export function defaultKernels(): Kernels {
  return active;
}

/** Replaces the default kernels (e.g. with a faster backend). */
export function setDefaultKernels(k: Kernels): void {
  active = k;
}
