import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RowSink } from './row-sink.js';
import { type RowBlock, type RowBlocks } from './row-blocks.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';

/**
 * A disk cache of featurized rows for out-of-core training (as Vowpal Wabbit's
 * cache file): rows are written once, in blocks, and every full-batch pass
 * reads the blocks back through one reused buffer, so memory holds one block
 * instead of the whole CSR matrix.
 *
 * On disk a block is its values (float64, exactly the in-memory values), then
 * its column indices (int32), its row pointers (int32, rows + 1) and its labels
 * (int32); the block index (offsets and sizes) stays in memory.
 *
 * The file is unlinked right after it is created (POSIX): only the open file
 * descriptor reaches it, and the operating system reclaims it when the cache
 * is closed or the process ends in any way (error, Ctrl-C, kill). Where an
 * open file cannot be unlinked (Windows) it is removed by close() and at exit.
 */
export interface RowCacheOptions {
  /** Directory of the temporary file (default the OS temp directory). */
  dir?: string;
  /** Non-zeros per block (default 4 Mi: 48 MiB of block buffer). */
  blockNonZeros?: number;
  /** Rows per block at most (default 256 Ki). */
  blockRows?: number;
}

const ROW_CACHE_OPTION_NAMES = optionNames<RowCacheOptions>()(['dir', 'blockNonZeros', 'blockRows']);

interface BlockEntry {
  offset: number;
  rows: number;
  nnz: number;
}

const blockBytes = (rows: number, nnz: number) => 12 * nnz + 4 * (rows + 1) + 4 * rows;

/** The writer: a RowSink that appends rows to the cache file, one block at a time. */
export class RowCacheWriter implements RowSink {
  private readonly file: CacheFile;
  private readonly blocks: BlockEntry[] = [];
  private readonly blockNonZeros: number;
  private readonly blockRows: number;
  private values: Float64Array;
  private indices: Int32Array;
  private indptr: Int32Array;
  private labels: Int32Array;
  private rows = 0;
  private nnz = 0;
  private totalRows = 0;
  private totalNnz = 0;
  private offset = 0;
  private maxColumn = -1;
  private readonly classCounts: number[] = [];
  private finished = false;

  constructor(options: RowCacheOptions = {}) {
    refuseUnknownOptions(options, ROW_CACHE_OPTION_NAMES, 'RowCacheWriter');
    this.blockNonZeros = positiveInteger('blockNonZeros', options.blockNonZeros ?? 4 * 2 ** 20);
    this.blockRows = positiveInteger('blockRows', options.blockRows ?? 2 ** 18);
    this.values = new Float64Array(this.blockNonZeros);
    this.indices = new Int32Array(this.blockNonZeros);
    this.indptr = new Int32Array(this.blockRows + 1);
    this.labels = new Int32Array(this.blockRows);
    this.file = new CacheFile(options.dir ?? tmpdir());
  }

  push(columns: Int32Array, values: Float64Array, length: number, label: number): void {
    if (this.finished) throw new Error('row cache: push after finish');
    if (!Number.isInteger(label) || label < -1) throw new RangeError(`row cache: label must be a class index or −1, got ${label}`);
    if (this.rows === this.blockRows || this.nnz + length > this.values.length) this.flush();
    if (length > this.values.length) {
      // A row longer than a block gets a block of its own.
      this.values = new Float64Array(length);
      this.indices = new Int32Array(length);
    }
    for (let p = 0; p < length; p++) {
      const j = columns[p];
      if (!(j >= 0) || (p > 0 && j <= columns[p - 1])) throw new RangeError(`row cache: row ${this.totalRows + 1}: column indices must be ≥ 0 and increasing (${p > 0 ? `${columns[p - 1]} then ` : ''}${j})`);
      this.indices[this.nnz + p] = j;
      this.values[this.nnz + p] = values[p];
    }
    if (length > 0) this.maxColumn = Math.max(this.maxColumn, columns[length - 1]);
    this.nnz += length;
    this.labels[this.rows] = label;
    this.rows++;
    this.indptr[this.rows] = this.nnz;
    this.totalRows++;
    this.totalNnz += length;
    if (label >= 0) {
      while (this.classCounts.length <= label) this.classCounts.push(0);
      this.classCounts[label]++;
    }
  }

  /**
   * Writes the last block and returns the cache, cols columns wide (at least
   * the largest column pushed + 1). The writer's buffers are released.
   */
  finish(cols: number): RowCache {
    if (this.finished) throw new Error('row cache: finish called twice');
    if (!(Number.isInteger(cols) && cols > this.maxColumn)) throw new RangeError(`row cache: ${cols} columns, but a row uses column ${this.maxColumn}`);
    this.flush();
    this.finished = true;
    this.values = new Float64Array(0);
    this.indices = new Int32Array(0);
    this.indptr = new Int32Array(1);
    this.labels = new Int32Array(0);
    return new RowCache(this.file, this.blocks, this.totalRows, this.totalNnz, cols, this.classCounts);
  }

  /** Closes and removes the cache file without making a cache (on an error while writing). */
  abort(): void {
    this.finished = true;
    this.file.close();
  }

  private flush(): void {
    const { rows, nnz } = this;
    if (rows === 0) return;
    const parts: ArrayBufferView[] = [this.values.subarray(0, nnz), this.indices.subarray(0, nnz), this.indptr.subarray(0, rows + 1), this.labels.subarray(0, rows)];
    let at = this.offset;
    for (const part of parts) at += this.file.write(part, at);
    this.blocks.push({ offset: this.offset, rows, nnz });
    this.offset = at;
    this.rows = 0;
    this.nnz = 0;
    this.indptr[0] = 0;
  }
}

/** The cache as written: its shape, class counts and blocks, read back in order by forEachBlock. */
export class RowCache implements RowBlocks {
  private buffer: ArrayBuffer;

  constructor(
    private readonly file: CacheFile,
    private readonly blocks: readonly BlockEntry[],
    /** Rows (examples) in the cache. */
    readonly rows: number,
    /** Non-zeros over all rows. */
    readonly nnz: number,
    /** Columns (features). */
    readonly cols: number,
    /** Rows per class index (labels ≥ 0); classes never seen at the end are absent. */
    readonly classCounts: readonly number[],
  ) {
    this.buffer = new ArrayBuffer(Math.max(8, ...blocks.map((b) => blockBytes(b.rows, b.nnz))));
  }

  /** Number of blocks. */
  get numBlocks(): number {
    return this.blocks.length;
  }

  /** Bytes of the cache file. */
  get fileBytes(): number {
    return this.blocks.reduce((s, b) => s + blockBytes(b.rows, b.nnz), 0);
  }

  /** Bytes of the reader's block buffer (the memory a pass needs for the data). */
  get bufferBytes(): number {
    return this.buffer.byteLength;
  }

  /** Reads the blocks in order, each into the same buffer, and calls body on each. */
  forEachBlock(body: (block: RowBlock) => void): void {
    if (this.file.closed) throw new Error('row cache: the cache is closed');
    let firstRow = 0;
    for (const b of this.blocks) {
      const bytes = new Uint8Array(this.buffer, 0, blockBytes(b.rows, b.nnz));
      this.file.read(bytes, b.offset);
      const values = new Float64Array(this.buffer, 0, b.nnz);
      const indices = new Int32Array(this.buffer, 8 * b.nnz, b.nnz);
      const indptr = new Int32Array(this.buffer, 12 * b.nnz, b.rows + 1);
      const y = new Int32Array(this.buffer, 12 * b.nnz + 4 * (b.rows + 1), b.rows);
      body({ X: { kind: 'csr', rows: b.rows, cols: this.cols, indptr, indices, values, scale: 1 }, y, firstRow });
      firstRow += b.rows;
    }
  }

  /** Closes (and so removes) the cache file; the cache cannot be read afterwards. */
  close(): void {
    this.file.close();
    this.buffer = new ArrayBuffer(0);
  }
}

/** The temporary file behind a cache: created in a private directory, unlinked at once where the OS allows. */
class CacheFile {
  private fd: number | null;
  private path: string | null;
  private readonly dir: string;
  private readonly onExit = () => this.removeName();

  constructor(parent: string) {
    this.dir = mkdtempSync(join(parent, 'argmax-cache-'));
    this.path = join(this.dir, 'rows.bin');
    this.fd = openSync(this.path, 'wx+', 0o600);
    try {
      this.removeName();
    } catch {
      // The name stays until close() or exit (platforms that cannot unlink an open file).
      process.on('exit', this.onExit);
    }
  }

  get closed(): boolean {
    return this.fd === null;
  }

  write(view: ArrayBufferView, position: number): number {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    let done = 0;
    while (done < bytes.length) done += writeSync(this.requireOpen(), bytes, done, bytes.length - done, position + done);
    return bytes.length;
  }

  read(into: Uint8Array, position: number): void {
    let done = 0;
    while (done < into.length) {
      const n = readSync(this.requireOpen(), into, done, into.length - done, position + done);
      if (n === 0) throw new Error('row cache: the cache file ended early (was it truncated?)');
      done += n;
    }
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.removeName();
    process.removeListener('exit', this.onExit);
  }

  private removeName(): void {
    if (this.path === null) return;
    unlinkSync(this.path);
    rmdirSync(this.dir);
    this.path = null;
  }

  private requireOpen(): number {
    if (this.fd === null) throw new Error('row cache: the cache is closed');
    return this.fd;
  }
}

function positiveInteger(name: string, v: number): number {
  if (!(Number.isInteger(v) && v >= 1)) throw new RangeError(`row cache: ${name} must be an integer ≥ 1, got ${v}`);
  return v;
}
