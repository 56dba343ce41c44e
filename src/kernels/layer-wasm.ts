import { wasmBytes } from './wasm-bytes.js';
import { type Matrix } from '../data/csr.js';
import { LAYERS_WASM_BASE64 } from './layers-wasm.generated.js';
import { type LayerInput, type LayerKernels } from './layer-kernels.js';

export type Exports = Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };

/** Bytes of data matrices kept resident before the region is cleared. */
const RESIDENT_CAP = 1 << 30;

let sharedModule: WebAssembly.Module | null = null;

/** A fresh instance of the layer kernels module (its own memory). */
export function instantiateLayerModule(): Exports {
  const instance = new WebAssembly.Instance(compiledModule(), {
    env: {
      abort: () => {
        throw new Error('argmax layer kernel aborted');
      },
    },
  });
  return instance.exports as unknown as Exports;
}

function compiledModule(): WebAssembly.Module {
  if (!sharedModule) {
    sharedModule = new WebAssembly.Module(wasmBytes(LAYERS_WASM_BASE64));
  }
  return sharedModule;
}

/**
 * Layer kernels in WebAssembly SIMD (compiled from assembly/layers.ts), in
 * float32 lanes (f32x4: the default for training networks) or float64 lanes
 * (f64x2: agrees with the reference to rounding).
 *
 * Memory: [heapBase, heapBase + wsCap) is the workspace (bump allocation,
 * released to a mark), above it the data matrices, copied in once and kept
 * (keyed by identity: data handed to training is immutable). A workspace that
 * must grow moves the data region up and forgets it (copied again on next
 * use), so live workspace buffers never move.
 */
export class WasmLayerKernels implements LayerKernels {
  readonly name: string;
  readonly lanes: number;
  private readonly x: Exports;
  private readonly bpv: number;
  private readonly base: number;
  private wsCap = 1 << 20;
  private wsTop = 0;
  private residentTop: number;
  private generation = 0;
  private readonly cache = new WeakMap<object, { generation: number; offset: number }>();

  constructor(readonly precision: 'f32' | 'f64') {
    this.x = instantiateLayerModule();
    this.name = precision === 'f32' ? 'wasm-f32' : 'wasm';
    this.bpv = precision === 'f32' ? 4 : 8;
    this.lanes = 16 / this.bpv;
    this.base = this.x.heapBase();
    this.residentTop = this.base + this.wsCap;
    this.ensure(this.residentTop);
  }

  top(): number {
    return this.wsTop;
  }

  release(mark: number): void {
    this.wsTop = mark;
  }

  alloc(count: number, zeroed = true): number {
    const values = Math.ceil(count / this.lanes) * this.lanes;
    const at = this.wsTop;
    const endBytes = (at + values) * this.bpv;
    if (endBytes > this.wsCap) {
      this.wsCap = Math.max(2 * this.wsCap, endBytes);
      this.residentTop = this.base + this.wsCap;
      this.generation++;
      this.ensure(this.residentTop);
    }
    this.wsTop = at + values;
    if (zeroed) this.view(at, values).fill(0);
    return at;
  }

  view(at: number, count: number): Float32Array | Float64Array {
    const byteOffset = this.base + at * this.bpv;
    return this.precision === 'f32'
      ? new Float32Array(this.x.memory.buffer, byteOffset, count)
      : new Float64Array(this.x.memory.buffer, byteOffset, count);
  }

  affineForward(input: LayerInput, n: number, W: number, b: number | null, Op: number, out: number, accumulate: boolean): void {
    this.withOperand(input, n, Op, (a, tmp) =>
      this.x[`fwd_${a.kind}_${this.precision}`](
        n, a.rows, a.values, a.indptr, a.indices, a.count, a.stride, a.scale,
        this.addr(W), b === null ? 0 : this.addr(b), Op, this.addr(out), accumulate ? 1 : 0, tmp,
      ),
    );
  }

  affineBackwardWeights(input: LayerInput, n: number, dOut: number, Op: number, G: number, gb: number | null): void {
    this.withOperand(input, n, Op, (a, tmp) =>
      this.x[`bww_${a.kind}_${this.precision}`](
        n, a.rows, a.values, a.indptr, a.indices, a.count, a.stride, a.scale,
        this.addr(dOut), Op, this.addr(G), gb === null ? 0 : this.addr(gb), tmp,
      ),
    );
  }

  reluForward(a: number, count: number): void {
    this.x[`relu_${this.precision}`](this.addr(a), count);
  }

  reluBackward(a: number, d: number, count: number): void {
    this.x[`relu_bw_${this.precision}`](this.addr(a), this.addr(d), count);
  }

  affineBackwardInput(n: number, dOut: number, Op: number, W: number, I: number, Ip: number, dA: number): void {
    this.x[`bwx_${this.precision}`](n, this.addr(dOut), Op, this.addr(W), I, Ip, this.addr(dA));
  }

  private addr(at: number): number {
    return this.base + at * this.bpv;
  }

  /**
   * Runs a kernel on an input: scratch for one output row and the batch's row
   * indices go on top of the workspace for the call; data matrices are made
   * resident after that (a workspace that grew has moved the data region).
   */
  private withOperand(input: LayerInput, n: number, Op: number, call: (a: Operand, tmp: number) => void): void {
    const mark = this.wsTop;
    const tmp = this.addr(this.alloc(Op, false));
    let a: Operand;
    if (input.kind === 'hidden') {
      a = { kind: `d_${this.precision}`, rows: 0, values: this.addr(input.at), indptr: 0, indices: 0, count: input.count, stride: input.stride, scale: 1 };
    } else {
      const X: Matrix = input.X;
      let rows = 0;
      if (input.rows) {
        rows = this.addr(this.alloc(Math.ceil((n * 4) / this.bpv), false));
        new Int32Array(this.x.memory.buffer, rows, n).set(input.rows.subarray(0, n));
      }
      const values = X.kind === 'csr' ? X.values : X.data;
      const type = values instanceof Uint8Array ? 'u8' : values instanceof Float32Array ? 'f32' : 'f64';
      a = {
        kind: `${X.kind === 'csr' ? 'c' : 'd'}_${type}`,
        rows,
        values: this.resident(values),
        indptr: X.kind === 'csr' ? this.resident(X.indptr) : 0,
        indices: X.kind === 'csr' ? this.resident(X.indices) : 0,
        count: X.cols,
        stride: X.cols,
        scale: X.scale,
      };
    }
    call(a, tmp);
    this.wsTop = mark;
  }

  private resident(array: ArrayBufferView): number {
    const hit = this.cache.get(array);
    if (hit && hit.generation === this.generation) return hit.offset;
    if (this.residentTop - (this.base + this.wsCap) > RESIDENT_CAP) {
      // Too much data kept: forget it all and start the region again.
      this.generation++;
      this.residentTop = this.base + this.wsCap;
    }
    const offset = this.residentTop;
    const size = (array.byteLength + 15) & ~15;
    this.ensure(offset + size);
    new Uint8Array(this.x.memory.buffer, offset, array.byteLength).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    this.residentTop = offset + size;
    this.cache.set(array, { generation: this.generation, offset });
    return offset;
  }

  private ensure(end: number): void {
    const have = this.x.memory.buffer.byteLength;
    if (end > have) this.x.memory.grow(Math.ceil((end - have) / 65536));
  }
}

interface Operand {
  kind: string;
  rows: number;
  values: number;
  indptr: number;
  indices: number;
  count: number;
  stride: number;
  scale: number;
}
