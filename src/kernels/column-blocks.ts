import type { CsrMatrix } from '../data/csr.js';
import { holdOf, matrixArrays } from './held-data.js';
import { align16, type WasmMemory } from './wasm-memory.js';

/**
 * Where the column blocks of a held CSR matrix sit in wasm memory (see
 * assembly/column-blocks.ts): the full-batch softmax step and Hessian-vector
 * product sweep each block of `blockRows` rows forward by rows, then gather
 * the gradient by columns, with no load and store of Gᵀ per non-zero.
 */
export interface ColumnBlocks {
  blockRows: number;
  pointers: number;
  rows: number;
  values: number;
}

/** Per-row scratch R of a block kept to this many bytes, so it stays in the L2 cache. */
const BLOCK_SCRATCH_BYTES = 256 * 1024;

/**
 * Rows per block: a power of two with blockRows·Kp·bytesPerLane ≤ 256 KB,
 * between 256 and 65,536 (block-local rows are stored as uint16).
 */
export function defaultBlockRows(Kp: number, bytesPerLane: number): number {
  const fit = Math.floor(BLOCK_SCRATCH_BYTES / (Kp * bytesPerLane));
  return Math.max(256, Math.min(65536, 2 ** Math.floor(Math.log2(fit))));
}

/**
 * Entries per column and block below which the default blocks are not built.
 * The copy costs a second copy of the values (plus 2 bytes of row and the
 * column pointers per entry) and pays only when each column pointer serves
 * many entries: on wide sparse text (7–11 entries per column and block) it
 * saved no measurable time (bench/NOTES.md, text notes v11) and added a
 * third of the training's peak memory; MNIST has hundreds.
 */
export const MIN_ENTRIES_PER_BLOCK_COLUMN = 16;

/**
 * The column blocks of X, built on first use under the current hold of its
 * arrays (a training run's data: built once, ~1 pass over the data), or null
 * when they do not pay: X not held, or fewer than `minPerColumn` entries per
 * column and block (at least 1: the per-block column pointers would
 * otherwise outnumber the entries), as in a wide sparse text matrix.
 */
export function columnBlocks(
  mem: WasmMemory,
  build: (...args: number[]) => number,
  X: CsrMatrix,
  blockRows: number,
  minPerColumn = 1,
): ColumnBlocks | null {
  const hold = Math.min(...matrixArrays(X).map(holdOf));
  if (hold === 0 || blockRows < 1 || blockRows > 65536) return null;
  const N = X.rows;
  const D = X.cols;
  const nnz = X.indptr[N];
  const blocks = Math.ceil(N / blockRows);
  // Each block visits all D columns: worth it only with enough entries per column and block.
  if (blocks * (D + 1) * Math.max(1, minPerColumn) > nnz) return null;
  const pointerBytes = align16(blocks * (D + 1) * 4);
  const rowBytes = align16(nnz * 2);
  const valueBytes = align16(nnz * X.values.BYTES_PER_ELEMENT);
  const ip = mem.resident(X.indptr, hold);
  const ix = mem.resident(X.indices, hold);
  const xv = mem.resident(X.values, hold);
  const at = mem.derived(X.values, hold, `column blocks of ${blockRows} rows`, pointerBytes + rowBytes + valueBytes, (off) => {
    const cursor = off + pointerBytes + rowBytes + valueBytes;
    mem.ensure(cursor + D * 4);
    build(N, blockRows, xv, ip, ix, D, off, off + pointerBytes, off + pointerBytes + rowBytes, cursor);
  });
  if (at < 0) return null;
  return { blockRows, pointers: at, rows: at + pointerBytes, values: at + pointerBytes + rowBytes };
}
