import { type LayerInput, type LayerKernels } from './layer-kernels.js';

/**
 * Layer kernels in plain TypeScript, float64: the reference the SIMD kernels
 * are checked against, and the fallback where WebAssembly is unavailable.
 */
export class ReferenceLayerKernels implements LayerKernels {
  readonly name = 'reference';
  readonly precision = 'f64' as const;
  readonly lanes = 1;
  private ws = new Float64Array(1 << 16);
  private end = 0;

  top(): number {
    return this.end;
  }

  release(mark: number): void {
    this.end = mark;
  }

  alloc(count: number, zeroed = true): number {
    const at = this.end;
    if (at + count > this.ws.length) {
      const grown = new Float64Array(Math.max(2 * this.ws.length, at + count));
      grown.set(this.ws.subarray(0, at));
      this.ws = grown;
    }
    if (zeroed) this.ws.fill(0, at, at + count);
    this.end = at + count;
    return at;
  }

  view(at: number, count: number): Float64Array {
    return this.ws.subarray(at, at + count);
  }

  affineForward(input: LayerInput, n: number, W: number, b: number | null, Op: number, out: number, accumulate: boolean): void {
    const ws = this.ws;
    for (let r = 0; r < n; r++) {
      const o = out + r * Op;
      if (!accumulate) ws.fill(0, o, o + Op);
      if (b !== null) for (let c = 0; c < Op; c++) ws[o + c] += ws[b + c];
      eachInput(input, ws, r, (j, x) => {
        const w = W + j * Op;
        for (let c = 0; c < Op; c++) ws[o + c] += x * ws[w + c];
      });
    }
  }

  affineBackwardWeights(input: LayerInput, n: number, dOut: number, Op: number, G: number, gb: number | null): void {
    const ws = this.ws;
    for (let r = 0; r < n; r++) {
      const d = dOut + r * Op;
      if (gb !== null) for (let c = 0; c < Op; c++) ws[gb + c] += ws[d + c];
      eachInput(input, ws, r, (j, x) => {
        const g = G + j * Op;
        for (let c = 0; c < Op; c++) ws[g + c] += x * ws[d + c];
      });
    }
  }

  reluForward(a: number, count: number): void {
    const ws = this.ws;
    for (let t = a; t < a + count; t++) if (ws[t] < 0) ws[t] = 0;
  }

  reluBackward(a: number, d: number, count: number): void {
    const ws = this.ws;
    for (let t = 0; t < count; t++) if (ws[a + t] <= 0) ws[d + t] = 0;
  }

  affineBackwardInput(n: number, dOut: number, Op: number, W: number, I: number, Ip: number, dA: number): void {
    const ws = this.ws;
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < I; i++) {
        let s = 0;
        for (let c = 0; c < Op; c++) s += ws[dOut + r * Op + c] * ws[W + i * Op + c];
        ws[dA + r * Ip + i] = s;
      }
    }
  }
}

/** Calls f(j, x) for the non-zero inputs x at feature j of batch row r. */
function eachInput(input: LayerInput, ws: Float64Array, r: number, f: (j: number, x: number) => void): void {
  if (input.kind === 'hidden') {
    const base = input.at + r * input.stride;
    for (let j = 0; j < input.count; j++) if (ws[base + j] !== 0) f(j, ws[base + j]);
    return;
  }
  const { X, rows } = input;
  const i = rows ? rows[r] : r;
  if (X.kind === 'csr') {
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) f(X.indices[p], X.values[p] * X.scale);
  } else {
    const off = i * X.cols;
    for (let j = 0; j < X.cols; j++) if (X.data[off + j] !== 0) f(j, X.data[off + j] * X.scale);
  }
}
