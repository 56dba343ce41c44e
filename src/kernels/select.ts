import { type Kernels } from './kernels.js';
import { referenceKernels } from './reference.js';
import { createWasmKernels } from './wasm.js';
import { wasmFallbackHint } from './wasm-blocked.js';

/**
 * Names of the kernel backends: 'wasm' (WebAssembly SIMD in float64 lanes; the
 * default where the engine supports SIMD: results agree with the reference to
 * rounding), 'wasm-f32' (float32 lanes: about 20% faster on MNIST, relative
 * error ~1e-6) and 'reference' (plain TypeScript, float64).
 */
export type KernelName = 'wasm' | 'wasm-f32' | 'reference';
export const KERNEL_NAMES: readonly KernelName[] = ['wasm', 'wasm-f32', 'reference'];

const made = new Map<KernelName, Kernels>();
let active: Kernels | null = null;
let fallbackReason: string | null = null;

/**
 * Why the default kernels fell back to the TypeScript reference (WebAssembly
 * missing, SIMD unsupported, or compilation blocked by a Content-Security-
 * Policy), or null when they did not. Apps can show it; argmax also warns
 * once on the console, since the reference is several times slower.
 */
export function kernelFallbackReason(): string | null {
  defaultKernels();
  return fallbackReason;
}

/** The kernels of one backend (instances are shared). */
export function kernelsByName(name: KernelName): Kernels {
  if (!KERNEL_NAMES.includes(name)) {
    throw new RangeError(`kernels: unknown backend ${JSON.stringify(name)}; expected one of ${KERNEL_NAMES.join(', ')}`);
  }
  let k = made.get(name);
  if (!k) {
    k = name === 'reference' ? referenceKernels : createWasmKernels(name === 'wasm' ? 'f64' : 'f32');
    made.set(name, k);
  }
  return k;
}

/**
 * The kernels used when a caller does not pass its own: the environment
 * variable ARGMAX_KERNELS (wasm, wasm-f32 or reference) when set, else WebAssembly
 * SIMD where supported, else the reference.
 */
export function defaultKernels(): Kernels {
  if (active) return active;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.ARGMAX_KERNELS;
  if (env) active = kernelsByName(env as KernelName);
  else {
    try {
      active = kernelsByName('wasm');
    } catch (e) {
      fallbackReason = `WebAssembly SIMD kernels unavailable (${(e as Error).message || (e as Error).name}); using the TypeScript reference kernels, several times slower${wasmFallbackHint(e)}`;
      console.warn(`argmax: ${fallbackReason}`);
      active = referenceKernels;
    }
  }
  return active;
}

/**
 * Forgets the WebAssembly kernels made so far, so that the next ones pick up
 * new options (a thread count set by setKernelThreads in Node).
 */
export function remakeKernels(): void {
  const wasMade = active !== null && [...made.values()].includes(active);
  made.clear();
  if (wasMade) active = null;
}

/** Replaces the default kernels. */
export function setDefaultKernels(k: Kernels | KernelName): void {
  active = typeof k === 'string' ? kernelsByName(k) : k;
}
