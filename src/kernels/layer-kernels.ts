import type { Matrix } from '../data/csr.js';

/**
 * The hot loops of neural-network layers, behind one interface with two
 * implementations: plain TypeScript in float64 (the readable reference) and
 * WebAssembly SIMD (float32 lanes by default, float64 lanes for checks).
 *
 * Buffers live in the backend's workspace (WebAssembly memory for the SIMD
 * backend), addressed by handles: the offset of the first value. A layer's
 * weights are I×Op row-major (row i: the outgoing weights of input i), its
 * outputs n×Op, with Op the output width rounded up to `lanes` (padding zero).
 * Views are valid until the next `alloc`.
 */
export interface LayerKernels {
  readonly name: string;
  readonly precision: 'f32' | 'f64';
  /** Output widths are padded to a multiple of this. */
  readonly lanes: number;
  /** The current end of the workspace, to release back to. */
  top(): number;
  /** Frees everything allocated after `mark`. */
  release(mark: number): void;
  /** `count` values in the workspace, zeroed unless `zeroed` is false (for buffers a kernel overwrites whole). */
  alloc(count: number, zeroed?: boolean): number;
  /** A view of `count` values at handle `at`. */
  view(at: number, count: number): Float32Array | Float64Array;
  /** out = (accumulate ? out : 0) + input·W + b (b null: no bias); n rows. */
  affineForward(input: LayerInput, n: number, W: number, b: number | null, Op: number, out: number, accumulate: boolean): void;
  /** G += inputᵀ·dOut, gb += Σ_r dOut[r] (gb null: no bias). */
  affineBackwardWeights(input: LayerInput, n: number, dOut: number, Op: number, G: number, gb: number | null): void;
  /** a ← max(a, 0) over `count` values (NaN and −0 kept). */
  reluForward(a: number, count: number): void;
  /** d ← 0 where a ≤ 0, over `count` values. */
  reluBackward(a: number, d: number, count: number): void;
  /** dA[r, i] = Σ_o dOut[r, o]·W[i, o] for i < I; dA rows have Ip values. */
  affineBackwardInput(n: number, dOut: number, Op: number, W: number, I: number, Ip: number, dA: number): void;
}

/** What a layer reads: rows of the data matrix, or hidden activations in the workspace (rows of `stride` values, the first `count` used). */
export type LayerInput =
  | { kind: 'data'; X: Matrix; rows: Int32Array | null }
  | { kind: 'hidden'; at: number; count: number; stride: number };

/** n rounded up to a multiple of lanes. */
export function padTo(n: number, lanes: number): number {
  return Math.ceil(n / lanes) * lanes;
}
