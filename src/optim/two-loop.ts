import { wasmBytes } from '../kernels/wasm-bytes.js';
import { align16 } from '../kernels/wasm-memory.js';
import { TWO_LOOP_WASM_BASE64 } from '../kernels/two-loop-wasm.generated.js';
import { axpy, dot } from './status.js';

/**
 * The two loops of the L-BFGS recursion over stored pairs (sⱼ, yⱼ), and the
 * vectors they work on. In TypeScript (`typescriptTwoLoop`) or in WebAssembly
 * SIMD (`wasmTwoLoop`: the vectors are views of the module's memory, laid out
 * once; its dot products sum in another order, so the two agree to rounding).
 */
export interface TwoLoop {
  /** A new vector of n values the loops can read and write. */
  vector(): Float64Array;
  /** For j = m−1 … 0: αⱼ = ρⱼ sⱼᵀq, then q −= αⱼ yⱼ. */
  backward(s: Float64Array[], y: Float64Array[], rho: Float64Array, alpha: Float64Array, m: number, q: Float64Array): void;
  /** For j = 0 … m−1: β = ρⱼ yⱼᵀz, then z += (αⱼ − β) sⱼ. */
  forward(s: Float64Array[], y: Float64Array[], rho: Float64Array, alpha: Float64Array, m: number, z: Float64Array): void;
}

export function typescriptTwoLoop(n: number): TwoLoop {
  return {
    vector: () => new Float64Array(n),
    backward(s, y, rho, alpha, m, q) {
      for (let j = m - 1; j >= 0; j--) {
        alpha[j] = rho[j] * dot(s[j], q);
        axpy(-alpha[j], y[j], q);
      }
    },
    forward(s, y, rho, alpha, m, z) {
      for (let j = 0; j < m; j++) {
        const beta = rho[j] * dot(y[j], z);
        axpy(alpha[j] - beta, s[j], z);
      }
    },
  };
}

type Exports = Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };

let compiled: WebAssembly.Module | null = null;

function compiledModule(): WebAssembly.Module {
  if (!compiled) {
    compiled = new WebAssembly.Module(wasmBytes(TWO_LOOP_WASM_BASE64));
  }
  return compiled;
}

/** Whether the WebAssembly SIMD loops can run here (WebAssembly present, SIMD validated, compilation allowed). */
export function wasmTwoLoopAvailable(): boolean {
  if (typeof WebAssembly === 'undefined') return false;
  try {
    compiledModule();
    return true;
  } catch {
    return false;
  }
}

/**
 * The loops in WebAssembly SIMD (assembly/two-loop.ts) on their own instance,
 * whose memory holds `vectors` vectors of n values plus the pairs' table and
 * scalars; it is laid out at once and never grows, so the views stay valid.
 * See wasmTwoLoopAvailable.
 */
export function wasmTwoLoop(n: number, vectors: number, pairs: number): TwoLoop {
  const x = new WebAssembly.Instance(compiledModule(), {
    env: { abort: () => { throw new Error('argmax two-loop kernel aborted'); } },
  }).exports as unknown as Exports;
  const vectorBytes = align16(n * 8);
  let top = x.heapBase();
  const table = top;
  top += align16(2 * pairs * 4);
  const rhoAt = top;
  const alphaAt = top + align16(pairs * 8);
  top = alphaAt + align16(pairs * 8);
  const first = top;
  top += vectors * vectorBytes;
  if (top > 2 ** 32) throw new RangeError(`the two-loop recursion needs ${top} bytes of WebAssembly memory, more than its 4 GiB`);
  const have = x.memory.buffer.byteLength;
  if (top > have) x.memory.grow(Math.ceil((top - have) / 65536));
  const buffer = x.memory.buffer;
  const words = new Uint32Array(buffer, table, 2 * pairs);
  const rhoIn = new Float64Array(buffer, rhoAt, pairs);
  const alphaIn = new Float64Array(buffer, alphaAt, pairs);
  let made = 0;
  const enter = (s: Float64Array[], y: Float64Array[], rho: Float64Array, m: number) => {
    for (let j = 0; j < m; j++) {
      if (s[j].buffer !== buffer || y[j].buffer !== buffer) throw new Error('two-loop: the pairs must be vectors of this two-loop');
      words[j] = s[j].byteOffset;
      words[m + j] = y[j].byteOffset;
    }
    rhoIn.set(rho.subarray(0, m));
  };
  const ownVector = (v: Float64Array) => {
    if (v.buffer !== buffer) throw new Error('two-loop: the vector must be one of this two-loop');
    return v.byteOffset;
  };
  return {
    vector() {
      if (made === vectors) throw new Error(`two-loop: all ${vectors} vectors are in use`);
      return new Float64Array(buffer, first + made++ * vectorBytes, n);
    },
    backward(s, y, rho, alpha, m, q) {
      enter(s, y, rho, m);
      x.two_loop_backward(m, table, rhoAt, alphaAt, ownVector(q), n);
      alpha.set(alphaIn.subarray(0, m));
    },
    forward(s, y, rho, alpha, m, z) {
      enter(s, y, rho, m);
      alphaIn.set(alpha.subarray(0, m));
      x.two_loop_forward(m, table, rhoAt, alphaAt, ownVector(z), n);
    },
  };
}
