import { setFlagsFromString } from 'node:v8';
import { relaxedSimdSupported } from './wasm.js';

/**
 * Node 20's V8 keeps WebAssembly relaxed SIMD behind a flag (it is on in
 * Node ≥ 22 and Chromium ≥ 114). This turns the flag on for the process, so
 * the WebAssembly kernels built with the fused multiply-add load, and returns
 * whether the engine now accepts them. Call it before the first kernel call:
 * the kernels pick their module once. The argmax CLI calls it at start.
 */
export function enableRelaxedSimd(): boolean {
  if (relaxedSimdSupported()) return true;
  try {
    setFlagsFromString('--experimental-wasm-relaxed-simd');
  } catch {
    return false;
  }
  return relaxedSimdSupported();
}
