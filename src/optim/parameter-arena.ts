import { type Exports, instantiateLayerModule } from '../kernels/layer-wasm.js';

const arenas = new WeakMap<ArrayBufferLike, ParameterArena>();

/**
 * The parameters θ, their gradient and an optimizer's per-parameter slots in
 * one block of WebAssembly memory, sized once and never grown (so the
 * Float64Array views stay valid). The stochastic optimizers see ordinary
 * Float64Arrays; when all of their arrays live here, their update runs in
 * WebAssembly SIMD — the same float64 arithmetic in the same order as the
 * TypeScript loop, so the bits are the same. For networks the update over
 * every parameter at every step is a large part of an epoch.
 */
export class ParameterArena {
  readonly theta: Float64Array;
  readonly grad: Float64Array;
  private readonly free: Float64Array[] = [];
  private readonly base: number;

  private constructor(
    private readonly x: Exports,
    readonly numParams: number,
    slots: number,
  ) {
    this.base = x.heapBase();
    const bytes = (2 + slots) * numParams * 8;
    const have = x.memory.buffer.byteLength;
    const end = this.base + bytes;
    if (end > have) x.memory.grow(Math.ceil((end - have) / 65536));
    const views = Array.from({ length: 2 + slots }, (_, i) => new Float64Array(x.memory.buffer, this.base + i * numParams * 8, numParams));
    [this.theta, this.grad] = views;
    this.free = views.slice(2);
    arenas.set(x.memory.buffer, this);
  }

  /** An arena for θ, its gradient and `slots` optimizer arrays, or null where WebAssembly is unavailable. */
  static create(numParams: number, slots: number): ParameterArena | null {
    try {
      return new ParameterArena(instantiateLayerModule(), numParams, slots);
    } catch {
      return null;
    }
  }

  /** Moves an optimizer's slots into the arena (values copied), so its updates run here. */
  adopt(slots: Record<string, Float64Array>): Record<string, Float64Array> {
    const out: Record<string, Float64Array> = {};
    for (const [name, values] of Object.entries(slots)) {
      const view = this.free.shift();
      if (!view) throw new Error('parameter arena: more optimizer slots than reserved');
      view.set(values);
      out[name] = view;
    }
    return out;
  }

  private addr(a: Float64Array): number {
    return a.byteOffset;
  }

  adam(theta: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, step: number, unbias2: number, b1: number, b2: number, a1: number, a2: number, eps: number): void {
    this.x.adam_f64(theta.length, this.addr(theta), this.addr(g), this.addr(m), this.addr(v), step, unbias2, b1, b2, a1, a2, eps);
  }

  adagrad(theta: Float64Array, g: Float64Array, G: Float64Array, lr: number, eps: number): void {
    this.x.adagrad_f64(theta.length, this.addr(theta), this.addr(g), this.addr(G), lr, eps);
  }

  sgd(theta: Float64Array, g: Float64Array, velocity: Float64Array | null, lr: number, mu: number, nesterov: boolean): void {
    this.x.sgd_f64(theta.length, this.addr(theta), this.addr(g), velocity ? this.addr(velocity) : 0, lr, mu, nesterov ? 1 : 0);
  }
}

/** The arena holding all of these arrays (whole), if there is one. */
export function arenaOf(...arrays: (Float64Array | undefined)[]): ParameterArena | null {
  const first = arrays[0];
  if (!first) return null;
  const arena = arenas.get(first.buffer);
  if (!arena) return null;
  for (const a of arrays) if (!a || a.buffer !== first.buffer || a.length !== arena.numParams) return null;
  return arena;
}
