import { type LayerKernels } from './layer-kernels.js';
import { ReferenceLayerKernels } from './layer-reference.js';
import { WasmLayerKernels } from './layer-wasm.js';
import { defaultKernels } from './select.js';

/** 'wasm-f32' (f32x4 lanes, the default for networks), 'wasm' (f64x2 lanes) or 'reference' (TypeScript, float64). */
export type LayerKernelName = 'wasm' | 'wasm-f32' | 'reference';
export const LAYER_KERNEL_NAMES: readonly LayerKernelName[] = ['wasm-f32', 'wasm', 'reference'];

/**
 * Fresh layer kernels (each network gets its own workspace, which holds its
 * forward pass). Without a name: the reference when the default kernels are
 * the reference (ARGMAX_KERNELS=reference, or no WebAssembly), else
 * WebAssembly SIMD in float32 lanes.
 */
export function createLayerKernels(name?: LayerKernelName): LayerKernels {
  const chosen = name ?? (defaultKernels().name === 'reference' ? 'reference' : 'wasm-f32');
  if (!LAYER_KERNEL_NAMES.includes(chosen)) {
    throw new RangeError(`layer kernels: unknown backend ${JSON.stringify(chosen)}; expected one of ${LAYER_KERNEL_NAMES.join(', ')}`);
  }
  if (chosen === 'reference') return new ReferenceLayerKernels();
  return new WasmLayerKernels(chosen === 'wasm' ? 'f64' : 'f32');
}
