import { wasmBytes } from '../kernels/wasm-bytes.js';
import { CRAMMER_SINGER_WASM_BASE64 } from '../kernels/crammer-singer-wasm.generated.js';
import { type CsProblem, type CsState, type CsSums, type CsSweeper, initialState } from './crammer-singer-sweep.js';

type Exports = Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };

let compiled: WebAssembly.Module | null = null;

function compiledModule(): WebAssembly.Module {
  if (!compiled) {
    compiled = new WebAssembly.Module(wasmBytes(CRAMMER_SINGER_WASM_BASE64));
  }
  return compiled;
}

/**
 * The sweep in WebAssembly SIMD (assembly/crammer-singer.ts), the twin of
 * ReferenceSweeper: same iterates bit for bit. Each solve gets its own
 * instance and memory, laid out once (the problem copied in, the state
 * arrays exposed to the solver as views that stay valid: memory never grows
 * after the set-up) and released with the solver.
 */
export class WasmSweeper implements CsSweeper {
  readonly state: CsState;
  private readonly x: Exports;
  private readonly at: Record<'indptr' | 'indices' | 'values' | 'table' | 'y' | 'QD' | 'Ci' | 'costs' | 'scratch' | 'out' | keyof CsState, number>;
  /** The entry points for this problem's storage: '_u16' or '_i32' indices, '_u8' codes or '_f64' values. */
  private readonly suffix: string;
  /** The distinct values the one-byte codes index (null: values stored as f64). */
  private readonly palette: Float64Array | null;
  /** The bias feature's value at the current data scale. */
  private B: number;

  constructor(private readonly pr: CsProblem) {
    const { N, K, Kp, Dw } = pr;
    this.x = new WebAssembly.Instance(compiledModule(), {
      env: {
        abort: () => {
          throw new Error('argmax Crammer–Singer kernel aborted');
        },
      },
    }).exports as unknown as Exports;
    const nnz = pr.indices.length;
    const shortIndex = pr.D <= 65536;
    const palette = distinctValues(pr.values, 256);
    this.palette = palette;
    this.B = pr.B;
    this.suffix = `${shortIndex ? '_u16' : '_i32'}${palette ? '_u8' : '_f64'}`;
    const sizes = {
      indptr: (N + 1) * 4, indices: nnz * (shortIndex ? 2 : 4), values: nnz * (palette ? 1 : 8), table: (palette?.length ?? 0) * 8, y: N * 4, QD: N * 8, Ci: N * 8, costs: K * K * 8,
      scratch: (2 * Kp + 5 * K) * 8, out: 3 * 8,
      w: Dw * Kp * 8, alpha: N * K * 8, alphaIndex: N * K * 4, activeSizeI: N * 4, yIndex: N * 4, index: N * 4,
    };
    let top = this.x.heapBase();
    const at = {} as Record<keyof typeof sizes, number>;
    for (const [name, bytes] of Object.entries(sizes) as [keyof typeof sizes, number][]) {
      at[name] = top;
      top += Math.ceil(bytes / 16) * 16;
    }
    const have = this.x.memory.buffer.byteLength;
    if (top > 2 ** 32) throw new RangeError(`the Crammer–Singer solver needs ${top} bytes of WebAssembly memory, more than its 4 GiB`);
    if (top > have) this.x.memory.grow(Math.ceil((top - have) / 65536));
    this.at = at;
    const buf = this.x.memory.buffer;
    new Int32Array(buf, at.indptr, N + 1).set(pr.indptr);
    (shortIndex ? new Uint16Array(buf, at.indices, nnz) : new Int32Array(buf, at.indices, nnz)).set(pr.indices);
    if (palette) {
      new Float64Array(buf, at.table, palette.length).set(palette);
      const code = new Map<number, number>();
      palette.forEach((v, c) => code.set(v, c));
      const codes = new Uint8Array(buf, at.values, nnz);
      for (let p = 0; p < nnz; p++) codes[p] = code.get(pr.values[p])!;
    } else new Float64Array(buf, at.values, nnz).set(pr.values);
    new Int32Array(buf, at.y, N).set(pr.y);
    new Float64Array(buf, at.QD, N).set(pr.QD);
    new Float64Array(buf, at.Ci, N).set(pr.Ci);
    new Float64Array(buf, at.costs, K * K).set(pr.costs);
    this.state = {
      w: new Float64Array(buf, at.w, Dw * Kp), alpha: new Float64Array(buf, at.alpha, N * K), alphaIndex: new Int32Array(buf, at.alphaIndex, N * K),
      activeSizeI: new Int32Array(buf, at.activeSizeI, N), yIndex: new Int32Array(buf, at.yIndex, N), index: new Int32Array(buf, at.index, N),
    };
    initialState(pr, this.state);
  }

  setDataScale(r: number): void {
    const { N } = this.pr;
    const buf = this.x.memory.buffer;
    const a = this.at;
    if (this.palette) {
      const table = new Float64Array(buf, a.table, this.palette.length);
      for (let c = 0; c < table.length; c++) table[c] = this.palette[c] * r;
    } else {
      const values = new Float64Array(buf, a.values, this.pr.values.length);
      for (let p = 0; p < values.length; p++) values[p] = this.pr.values[p] * r;
    }
    const QD = new Float64Array(buf, a.QD, N);
    for (let i = 0; i < N; i++) QD[i] = this.pr.QD[i] * (r * r);
    this.B = this.pr.B * r;
  }

  sweep(activeSize: number, shrinking: boolean): { stopping: number; activeSize: number } {
    const { K, Kp, D } = this.pr;
    const B = this.B;
    const a = this.at;
    const stopping = this.x[`sweep${this.suffix}`](
      K, Kp, D, B, a.indptr, a.indices, a.values, a.table, a.w, a.alpha, a.alphaIndex, a.activeSizeI, a.yIndex, a.y, a.QD, a.Ci, a.costs, a.index,
      activeSize, shrinking ? 1 : 0, a.scratch,
    );
    return { stopping, activeSize: this.x.lastActiveSize() };
  }

  objectives(): CsSums {
    const { N, K, Kp, D, Dw } = this.pr;
    const B = this.B;
    const a = this.at;
    this.x[`objectives${this.suffix}`](N, K, Kp, D, B, Dw, a.indptr, a.indices, a.values, a.table, a.w, a.alpha, a.y, a.Ci, a.costs, a.scratch, a.out);
    const out = new Float64Array(this.x.memory.buffer, a.out, 3);
    return { sq: out[0], hinge: out[1], linear: out[2] };
  }
}

/**
 * The distinct values of `values` (a palette the entries can be coded into, one byte each) when there
 * are at most `max`, else null. Values are compared as numbers: −0 and 0 are one entry, which the
 * products with them cannot tell apart either.
 */
function distinctValues(values: Float64Array, max: number): Float64Array | null {
  const seen = new Set<number>();
  for (let p = 0; p < values.length; p++) {
    const v = values[p];
    if (!seen.has(v)) {
      if (seen.size === max) return null;
      seen.add(v);
    }
  }
  return Float64Array.from(seen);
}
