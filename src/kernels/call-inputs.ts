import type { Matrix } from '../data/csr.js';
import { holdOf, matrixArrays } from './held-data.js';
import { align16, type WasmMemory } from './wasm-memory.js';

/** Stamps and local numbers of columns, reused from call to call (sized to the widest matrix seen). */
export class ColumnMap {
  stamp = new Int32Array(0);
  local = new Int32Array(0);
  epoch = 0;

  /** Starts a new gathering over D columns (no clearing: a new epoch number invalidates old stamps). */
  begin(D: number): void {
    if (this.stamp.length < D) {
      this.stamp = new Int32Array(D);
      this.local = new Int32Array(D);
      this.epoch = 0;
    }
    this.epoch++;
  }
}

/**
 * Where one kernel call's inputs sit in wasm memory, and how they get there:
 *
 * - data held by the caller (held-data.ts): its resident copy, made once per hold;
 * - otherwise the full batch: the arrays copied in whole (one memcpy each);
 * - otherwise a minibatch: only its rows gathered, in order, with their labels
 *   and weights; and when the rows touch few of the columns (a sparse batch
 *   over many features), the columns renumbered 0..D−1 so that weights and
 *   gradients cross only for the columns used (`cols` maps them back).
 *
 * Offsets are 0 for absent inputs. `alloc` reserves more per-call space;
 * `ready` grows memory and performs the copies.
 */
export class CallInputs {
  X = 0;
  indptr = 0;
  indices = 0;
  rows = 0;
  y = 0;
  sw = 0;
  /** Columns the kernel sees. */
  D: number;
  /** Local column → column of X, when renumbered. */
  cols: Int32Array | null = null;
  private top = 0;
  private readonly copies: Array<() => void> = [];

  constructor(
    private readonly mem: WasmMemory,
    columns: ColumnMap,
    X: Matrix,
    rows: Int32Array | null,
    y: Int32Array | null,
    sw: Float64Array | null,
  ) {
    this.D = X.cols;
    const hold = Math.min(...matrixArrays(X).map(holdOf));
    if (hold > 0 || rows === null) {
      // Resident copies first (they extend the resident region), then the per-call space above it.
      const arrays: Array<[ArrayBufferView, number, (at: number) => void]> =
        X.kind === 'csr'
          ? [[X.indptr, hold, (at) => (this.indptr = at)], [X.indices, hold, (at) => (this.indices = at)], [X.values, hold, (at) => (this.X = at)]]
          : [[X.data, hold, (at) => (this.X = at)]];
      if (y) arrays.push([y, holdOf(y), (at) => (this.y = at)]);
      if (sw) arrays.push([sw, holdOf(sw), (at) => (this.sw = at)]);
      for (const [a, h, set] of arrays) if (h > 0) set(mem.resident(a, h));
      this.top = mem.residentEnd;
      for (const [a, h, set] of arrays) if (h === 0) set(this.copy(a));
      if (rows) this.rows = this.copy(rows);
      return;
    }
    this.top = mem.residentEnd;
    // A minibatch of data not held: gather its rows (the kernel then reads rows 0..n−1 in order).
    const n = rows.length;
    if (y) {
      const at = (this.y = this.alloc(n * 4));
      this.copies.push(() => {
        const v = mem.i32(at, n);
        for (let r = 0; r < n; r++) v[r] = y[rows[r]];
      });
    }
    if (sw) {
      const at = (this.sw = this.alloc(n * 8));
      this.copies.push(() => {
        const v = mem.f64(at, n);
        for (let r = 0; r < n; r++) v[r] = sw[rows[r]];
      });
    }
    if (X.kind === 'dense') {
      const D = X.cols;
      const bytes = X.data.BYTES_PER_ELEMENT;
      const at = (this.X = this.alloc(n * D * bytes));
      this.copies.push(() => {
        const out = mem.bytes();
        const src = new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength);
        for (let r = 0; r < n; r++) out.set(src.subarray(rows[r] * D * bytes, (rows[r] + 1) * D * bytes), at + r * D * bytes);
      });
      return;
    }
    const { indptr, indices, values } = X;
    let nnz = 0;
    for (let r = 0; r < n; r++) nnz += indptr[rows[r] + 1] - indptr[rows[r]];
    // Renumber the columns when the batch cannot touch even half of them.
    const compact = 2 * nnz < X.cols;
    const localIndices = new Int32Array(compact ? nnz : 0);
    if (compact) {
      columns.begin(X.cols);
      const { stamp, local, epoch } = columns;
      const used: number[] = [];
      let q = 0;
      for (let r = 0; r < n; r++) {
        for (let p: number = indptr[rows[r]]; p < indptr[rows[r] + 1]; p++) {
          const j = indices[p];
          if (stamp[j] !== epoch) {
            stamp[j] = epoch;
            local[j] = used.length;
            used.push(j);
          }
          localIndices[q++] = local[j];
        }
      }
      this.cols = Int32Array.from(used);
      this.D = used.length;
    }
    const vbytes = values.BYTES_PER_ELEMENT;
    const ptrAt = (this.indptr = this.alloc((n + 1) * 4));
    const idxAt = (this.indices = this.alloc(nnz * 4));
    const valAt = (this.X = this.alloc(nnz * vbytes));
    this.copies.push(() => {
      const ptr = mem.i32(ptrAt, n + 1);
      const out = mem.bytes();
      const valBytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
      const idxBytes = new Uint8Array(indices.buffer, indices.byteOffset, indices.byteLength);
      let q = 0;
      ptr[0] = 0;
      for (let r = 0; r < n; r++) {
        const a = indptr[rows[r]];
        const e = indptr[rows[r] + 1];
        if (!compact) out.set(idxBytes.subarray(a * 4, e * 4), idxAt + q * 4);
        out.set(valBytes.subarray(a * vbytes, e * vbytes), valAt + q * vbytes);
        q += e - a;
        ptr[r + 1] = q;
      }
      if (compact) mem.i32(idxAt, nnz).set(localIndices);
    });
  }

  /** Reserves per-call space (16-byte aligned). */
  alloc(bytes: number): number {
    const at = this.top;
    this.top += align16(bytes);
    return at;
  }

  /** Grows memory for everything allocated and copies the inputs in. */
  ready(): void {
    this.mem.ensure(this.top);
    for (const c of this.copies) c();
  }

  private copy(array: ArrayBufferView): number {
    const at = this.alloc(array.byteLength);
    this.copies.push(() => this.mem.bytes().set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at));
    return at;
  }
}
