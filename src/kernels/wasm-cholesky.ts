import { type CholeskyFactor } from './kernels.js';
import { type KernelCall, type KernelThreadPool } from './kernel-threads.js';
import { WasmMemory, align16 } from './wasm-memory.js';

type Exports = Record<string, (...args: number[]) => number>;

/** Rows per block of the threaded Cholesky factorization (see factorInPlace). */
const BLOCK_ROWS = 64;

/**
 * The place of the factors of one order n in a kernel instance's memory: one
 * block of the resident region, shared by every factor of that order, and
 * the factor whose values it holds now.
 */
export interface FactorSlot {
  readonly key: object;
  owner: WasmCholeskyFactor | null;
}

/** What the factor needs of the kernel instance that made it. */
export interface FactorHost {
  mem: WasmMemory;
  x: Exports;
  /** Threads for the factorization's panels, or null. */
  pool: KernelThreadPool | null;
  slot: FactorSlot;
}

/**
 * A Cholesky factor kept in WebAssembly memory between solves (see
 * assembly/kronecker.ts): L packed by rows for the forward sweep and Lᵀ
 * packed by rows for the backward one, 2 × n(n+1)/2 values, in a resident
 * block, so a solve copies only its n×K right-hand sides (the factor of the
 * Kronecker preconditioner is 4.9 MB on MNIST, its right-hand sides 63 KB).
 * A JavaScript copy of the packed factor is kept too: when another factor of
 * the same order took the block, or the resident region was cleared, it is
 * copied back before the next solve.
 *
 * The factorization runs in blocks of rows, each block's panel (its entries
 * left of the block) split across the threads; every entry is computed by the
 * same operations as the one-thread `cholesky`, so the factor is the same bit
 * for bit on any thread count.
 */
export class WasmCholeskyFactor implements CholeskyFactor {
  private packed: Float64Array | null = null;
  /** Bytes of one packed triangle (16-aligned): Lp at the block's start, Up after it. */
  private readonly half: number;

  constructor(
    private readonly host: FactorHost,
    readonly n: number,
  ) {
    this.half = align16(((n * (n + 1)) / 2) * 8);
  }

  factor(A: Float64Array): void {
    const { mem, x, slot } = this.host;
    const n = this.n;
    const home = this.home();
    const aAt = align16(mem.residentEnd);
    const out = home >= 0 ? home : aAt + align16(n * n * 8);
    mem.ensure(Math.max(aAt + n * n * 8, out + 2 * this.half));
    mem.f64(aAt, n * n).set(A.subarray(0, n * n));
    const bad = this.factorInPlace(aAt);
    if (bad >= 0) throw new RangeError(`cholesky: the matrix is not positive definite (pivot ${bad})`);
    x.cholesky_pack(aAt, n, out, out + this.half);
    this.packed = mem.f64(out, (2 * this.half) / 8).slice();
    if (home >= 0) slot.owner = this;
  }

  solveRows(B: Float64Array, count: number): void {
    if (!this.packed) throw new Error('choleskyFactor: solveRows before factor');
    const { mem, x, slot } = this.host;
    const n = this.n;
    let at = this.home();
    if (at >= 0 && slot.owner !== this) {
      mem.f64(at, this.packed.length).set(this.packed);
      slot.owner = this;
    }
    let bAt = align16(mem.residentEnd);
    if (at < 0) {
      // No room in the resident region: the factor crosses with every solve.
      at = bAt;
      bAt += 2 * this.half;
      mem.ensure(bAt);
      mem.f64(at, this.packed.length).set(this.packed);
    }
    // B crosses transposed and padded (n×Kp), so each unknown's right-hand sides form whole vectors.
    const Kp = Math.ceil(count / 2) * 2;
    mem.ensure(bAt + n * Kp * 8);
    const bt = mem.f64(bAt, n * Kp);
    for (let k = 0; k < count; k++) for (let i = 0, o = k * n; i < n; i++) bt[i * Kp + k] = B[o + i];
    if (Kp > count) for (let i = 0; i < n; i++) bt[i * Kp + count] = 0;
    // One thread: each column's sums form one chain of ~n² dependent additions whatever the split (see NOTES).
    x.cholesky_solve_packed(at, at + this.half, n, bAt, Kp, 0, Kp / 2);
    for (let k = 0; k < count; k++) for (let i = 0, o = k * n; i < n; i++) B[o + i] = bt[i * Kp + k];
  }

  /** Offset of the resident block of this order's factors, or −1 when the resident region has no room. */
  private home(): number {
    const { mem, slot } = this.host;
    // Made (again) after the region was cleared: whatever it held is gone.
    return mem.derived(slot.key, 1, `cholesky factor of order ${this.n}`, 2 * this.half, () => {
      slot.owner = null;
    });
  }

  /**
   * Factors the n×n matrix at aAt in place: by blocks of BLOCK_ROWS rows on
   * the threads (each block's panel split into one part per thread, then the
   * block's triangle here), or by `cholesky` in one call. −1, or the pivot.
   */
  private factorInPlace(aAt: number): number {
    const { x, pool } = this.host;
    const n = this.n;
    if (!pool || pool.threads < 2 || n < 4 * BLOCK_ROWS) return x.cholesky(aAt, n);
    const parts = pool.threads;
    for (let i0 = 0; i0 < n; i0 += BLOCK_ROWS) {
      const i1 = Math.min(n, i0 + BLOCK_ROWS);
      if (i0 > 0) {
        const calls: KernelCall[] = [];
        for (let p = 0; p < parts; p++) {
          const r0 = i0 + Math.floor(((i1 - i0) * p) / parts);
          const r1 = i0 + Math.floor(((i1 - i0) * (p + 1)) / parts);
          if (r1 > r0) calls.push({ name: 'cholesky_panel', args: [aAt, n, r0, r1, i0] });
        }
        pool.run(calls, x);
      }
      const bad = x.cholesky_block(aAt, n, i0, i1);
      if (bad >= 0) return bad;
    }
    return -1;
  }
}
