import { type CsrMatrix } from './csr.js';

/** One block of rows as read back: a CSR matrix over the block's rows and their labels. */
export interface RowBlock {
  /** A fresh matrix object per block; its arrays may be views of a reused buffer, valid until the next block. */
  X: CsrMatrix;
  /** Labels (class index, −1 unlabelled), one per row of the block. */
  y: Int32Array;
  /** Index of the block's first row among all rows. */
  firstRow: number;
}

/**
 * Examples that are visited block by block instead of held as one matrix
 * (out-of-core training: a disk cache read through a fixed-size buffer).
 * Every pass visits the same rows in the same order.
 */
export interface RowBlocks {
  readonly rows: number;
  readonly cols: number;
  /** Rows per class index (labels ≥ 0). */
  readonly classCounts: readonly number[];
  forEachBlock(body: (block: RowBlock) => void): void;
}
