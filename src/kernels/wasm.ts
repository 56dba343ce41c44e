import { wasmBytes } from './wasm-bytes.js';
import type { Matrix } from '../data/csr.js';
import { type CholeskyFactor, type Kernels } from './kernels.js';
import { WasmCholeskyFactor, type FactorSlot } from './wasm-cholesky.js';
import { LINEAR_WASM_BASE64 } from './linear-wasm.generated.js';
import { LINEAR_RELAXED_WASM_BASE64 } from './linear-relaxed-wasm.generated.js';
import { MIN_ENTRIES_PER_BLOCK_COLUMN, columnBlocks, defaultBlockRows } from './column-blocks.js';
import { CallInputs, ColumnMap } from './call-inputs.js';
import { holdOf, matrixArrays } from './held-data.js';
import { referenceKernels } from './reference.js';
import { WasmMemory, align16 } from './wasm-memory.js';
import { kernelThreadSupport, runInOrder, type KernelCall, type KernelThreadPool } from './kernel-threads.js';

/**
 * The WebAssembly SIMD kernels (compiled from assembly/linear.ts).
 *
 * Precision: 'f32' computes scores and gradients with f32x4 lanes (fast;
 * relative error ~1e-6, ample for stochastic training); 'f64' uses f64x2
 * lanes and agrees with the float64 reference to ~1e-12, for solvers that
 * need exact objective values. The loss and the bias gradient are summed in
 * float64 either way.
 *
 * Weights are passed transposed and padded, Wᵀ as D×Kp with Kp = K rounded
 * up to the lane count: the K weights of one feature are contiguous, so a
 * sparse example touches whole vectors, one per non-zero feature.
 */
export type Precision = 'f32' | 'f64';

type Exports = Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };

/**
 * Options of the WebAssembly kernels. Defaults: the fastest the engine runs.
 *
 * fusedMultiplyAdd: use the module built with WebAssembly relaxed SIMD, whose
 *   f64x2/f32x4.relaxed_madd is one fused multiply-add on hardware with FMA
 *   (x86 with FMA3, ARM). Default: when the engine accepts it (Chromium ≥ 114,
 *   Node ≥ 22; Node 20 after `enableRelaxedSimd()` from 'argmax/node'). The
 *   result of relaxed_madd may be rounded once (fused) or twice, depending on
 *   the hardware: results agree with the plain module to rounding, not bit
 *   for bit.
 * columnBlockRows: rows per block of the column-major copy that full-batch
 *   steps and Hessian-vector products of held CSR data sweep (see
 *   column-blocks.ts); 0 turns the copy off. Default: 256 KB of scratch per block,
 *   and only for matrices with ≥ 16 entries per column and block (on wide
 *   sparse text the copy costs memory and saves no time); a size given here
 *   is used whenever the blocks can be built.
 * threads: threads that run the full-batch softmax step and Hessian-vector
 *   product (the calling one included). More than 1 needs shared memory and
 *   worker threads: Node after `setKernelThreads()` from 'argmax/node' (whose
 *   thread count is then the default). Elsewhere the kernels run on one
 *   thread and `kernelThreadsFallbackReason()` says why. Results do not depend
 *   on the thread count: a full batch is always cut into the same chunks
 *   (by its shape), whose partial sums are added in chunk order.
 * threadMinWork: a full-batch call goes to the threads only when it has at
 *   least this many multiply-adds per sweep (non-zeros × padded classes);
 *   smaller calls cost less than waking a thread. Default 2¹⁸.
 */
export interface WasmKernelOptions {
  fusedMultiplyAdd?: boolean;
  columnBlockRows?: number;
  threads?: number;
  threadMinWork?: number;
}

let threadsFallback: string | null = null;

/**
 * Why the last WebAssembly kernels created with more than one thread run on
 * one (no shared memory or worker threads here), or null when they did not.
 */
export function kernelThreadsFallbackReason(): string | null {
  return threadsFallback;
}

/** Full-batch calls are cut into at most this many chunks (so at most this many threads share one). */
const MAX_CHUNKS = 8;

const modules = new Map<boolean, WebAssembly.Module>();

/** Whether this JavaScript engine can run WebAssembly SIMD. */
export function wasmSimdSupported(): boolean {
  try {
    compiledModule(false);
    return true;
  } catch {
    return false;
  }
}

/** Whether this engine accepts WebAssembly relaxed SIMD (the fused multiply-add kernels). */
export function relaxedSimdSupported(): boolean {
  return modules.has(true) || WebAssembly.validate(linearBytes(true));
}

/**
 * The one place each embedded linear module is read: a minifier that inlines a
 * constant used twice (Vite's does) would otherwise put its 320 kB in a bundle twice.
 */
function linearBytes(relaxed: boolean): Uint8Array<ArrayBuffer> {
  return wasmBytes(relaxed ? LINEAR_RELAXED_WASM_BASE64 : LINEAR_WASM_BASE64);
}

function compiledModule(relaxed: boolean): WebAssembly.Module {
  let m = modules.get(relaxed);
  if (!m) {
    m = new WebAssembly.Module(linearBytes(relaxed));
    modules.set(relaxed, m);
  }
  return m;
}

/** Creates WebAssembly kernels (synchronous compile: fine in Node and in workers). */
export function createWasmKernels(precision: Precision = 'f64', options: WasmKernelOptions = {}): Kernels {
  let fma = options.fusedMultiplyAdd ?? relaxedSimdSupported();
  let module: WebAssembly.Module;
  try {
    module = compiledModule(fma);
  } catch (e) {
    // The relaxed build validated but did not compile: the plain one, unless it was asked for by name.
    if (!fma || options.fusedMultiplyAdd !== undefined) throw e;
    module = compiledModule(false);
    fma = false;
  }
  const env = {
    abort: () => {
      throw new Error('argmax wasm kernel aborted');
    },
  };
  const threads = options.threads ?? kernelThreadSupport()?.defaultThreads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads: expected a positive integer, got ${threads}`);
  const threaded = threads > 1 ? threadedInstance(fma, threads, env) : null;
  if (threaded) {
    const exports = { ...threaded.instance.exports, memory: threaded.memory } as unknown as Exports;
    return new WasmKernels(exports, precision, fma, options.columnBlockRows, threaded.pool, options.threadMinWork);
  }
  const instance = new WebAssembly.Instance(module, { env });
  return new WasmKernels(instance.exports as unknown as Exports, precision, fma, options.columnBlockRows, null, options.threadMinWork);
}

/**
 * The shared-memory module instantiated on a new shared memory, with a pool
 * made on the first call that goes to the threads (kernels that never see a
 * big full batch start no thread); null when shared memory is missing (the
 * reason kept).
 */
function threadedInstance(fma: boolean, threads: number, env: Record<string, unknown>) {
  const support = kernelThreadSupport();
  threadsFallback = null;
  if (!support) {
    threadsFallback = 'no worker threads in this environment (in Node, call setKernelThreads() from argmax/node)';
    return null;
  }
  try {
    const module = support.sharedModule(fma);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true } as WebAssembly.MemoryDescriptor);
    const instance = new WebAssembly.Instance(module, { env: { ...env, memory } });
    return { instance, memory, pool: new LazyPool(() => support.createPool(module, memory, threads), threads) };
  } catch (e) {
    threadsFallback = `shared WebAssembly memory unavailable (${(e as Error).message || (e as Error).name})`;
    return null;
  }
}

/** A pool made on first use; when it cannot be made, the calls run in order here (the reason kept). */
class LazyPool implements KernelThreadPool {
  private pool: KernelThreadPool | null = null;
  private failed = false;

  constructor(
    private readonly make: () => KernelThreadPool | string,
    readonly threads: number,
  ) {}

  get helperChunks(): number {
    return this.pool?.helperChunks ?? 0;
  }

  run(calls: KernelCall[], local: Record<string, (...args: number[]) => number>): number[] {
    if (!this.pool && !this.failed) {
      try {
        const p = this.make();
        if (typeof p === 'string') throw new Error(p);
        this.pool = p;
      } catch (e) {
        this.failed = true;
        threadsFallback = `worker threads unavailable (${(e as Error).message || (e as Error).name})`;
      }
    }
    return this.pool ? this.pool.run(calls, local) : runInOrder(calls, local);
  }
}

type Layout = ReturnType<WasmKernels['begin']>;

/** Non-zeros in the first n rows of X (every entry counts for dense data). */
function nonZerosOf(X: Matrix, n: number): number {
  return X.kind === 'csr' ? X.indptr[n] - X.indptr[0] : n * X.cols;
}
type KernelKind = 'forward' | 'backward' | 'backward_sq' | 'step' | 'hv' | 'stepb' | 'hvb';
type ColumnBlocksAt = NonNullable<ReturnType<typeof columnBlocks>>;

class WasmKernels implements Kernels {
  readonly name: string;
  private readonly mem: WasmMemory;
  /** Work arrays for gathering the columns a minibatch uses. */
  private readonly columns = new ColumnMap();
  private readonly bytesPerValue: number;
  private readonly lanes: number;

  constructor(
    private readonly x: Exports,
    private readonly precision: Precision,
    /** Whether the kernels were built with relaxed SIMD's multiply-add. */
    readonly fusedMultiplyAdd: boolean,
    /** Rows per column block; undefined: by the class count (defaultBlockRows); 0: no column blocks. */
    private readonly columnBlockRows?: number,
    /** Helper threads for full-batch calls, or null (the calling thread only). */
    private readonly pool: KernelThreadPool | null = null,
    private readonly threadMinWork = 1 << 18,
  ) {
    this.name = precision === 'f64' ? 'wasm' : 'wasm-f32';
    this.mem = new WasmMemory(x.memory, x.heapBase());
    this.bytesPerValue = precision === 'f32' ? 4 : 8;
    this.lanes = precision === 'f32' ? 4 : 2;
  }

  /** Threads that run full-batch calls, the calling one included. */
  get threads(): number {
    return this.pool?.threads ?? 1;
  }

  /** Chunks of the last threaded call run by helper threads (tests check that the threads ran). */
  get helperChunks(): number {
    return this.pool?.helperChunks ?? 0;
  }

  linearForward(X: Matrix, rows: Int32Array | null, W: Float64Array, b: Float64Array | null, K: number, Z: Float64Array): void {
    if (this.byReference(X, rows, K)) return referenceKernels.linearForward(X, rows, W, b, K, Z);
    const n = rows ? rows.length : X.rows;
    const c = this.begin(X, rows, null, null, K);
    const at = c.alloc(n * c.Kp * this.bytesPerValue);
    c.ready();
    this.writeWeights(c, W, b, K, X.cols);
    this.fn('forward', X)(n, c.rows, c.X, c.indptr, c.indices, c.D, X.scale, c.Wt, b ? c.b : 0, K, c.Kp, at);
    const z = this.view(at, n * c.Kp);
    for (let r = 0; r < n; r++) for (let k = 0; k < K; k++) Z[r * K + k] = z[r * c.Kp + k];
  }

  linearBackward(X: Matrix, rows: Int32Array | null, R: Float64Array, K: number, G: Float64Array, gb: Float64Array | null): void {
    this.backwardPass(false, X, rows, R, K, G, gb);
  }

  linearBackwardSquared(X: Matrix, rows: Int32Array | null, R: Float64Array, K: number, G: Float64Array, gb: Float64Array | null): void {
    this.backwardPass(true, X, rows, R, K, G, gb);
  }

  /** linearBackward, on the entries squared as the kernel reads them when `squared` (the held copy serves both). */
  private backwardPass(squared: boolean, X: Matrix, rows: Int32Array | null, R: Float64Array, K: number, G: Float64Array, gb: Float64Array | null): void {
    if (this.byReference(X, rows, K)) {
      return squared ? referenceKernels.linearBackwardSquared!(X, rows, R, K, G, gb) : referenceKernels.linearBackward(X, rows, R, K, G, gb);
    }
    const n = rows ? rows.length : X.rows;
    const c = this.begin(X, rows, null, null, K);
    const at = c.alloc(n * c.Kp * this.bytesPerValue);
    c.ready();
    const r = this.view(at, n * c.Kp);
    r.fill(0);
    // The feature scale (squared with the values) is folded into R, so the kernel multiplies stored values directly.
    const scale = squared ? X.scale * X.scale : X.scale;
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) r[i * c.Kp + k] = R[i * K + k] * scale;
    this.clearGradient(c);
    this.fn(squared ? 'backward_sq' : 'backward', X)(n, c.rows, c.X, c.indptr, c.indices, c.D, at, c.Kp, c.Gt);
    this.addGradient(c, G, K, X.cols);
    if (gb) for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) gb[k] += R[i * K + k];
  }

  linearSoftmaxStep(
    X: Matrix,
    rows: Int32Array | null,
    y: Int32Array,
    sampleWeight: Float64Array | null,
    W: Float64Array,
    b: Float64Array | null,
    K: number,
    G: Float64Array | null,
    gb: Float64Array | null,
    P: Float64Array | null = null,
  ): number {
    const n = rows ? rows.length : X.rows;
    const blocks = G ? this.blocksFor(X, rows, K) : null;
    const chunks = rows === null ? this.chunkRows(X, n, K, blocks?.blockRows ?? 0) : null;
    if (chunks) return this.softmaxStepChunks(X, y, sampleWeight, W, b, K, G, gb, P, blocks, chunks);
    const c = this.begin(X, rows, y, sampleWeight, K);
    const scratch = c.alloc(2 * c.Kp * this.bytesPerValue);
    const gbAt = c.alloc(c.Kp * 8);
    const pAt = P ? c.alloc(n * K * 8) : 0;
    const rAt = blocks ? c.alloc(blocks.blockRows * c.Kp * this.bytesPerValue) : 0;
    c.ready();
    this.writeWeights(c, W, b, K, X.cols);
    if (G) this.clearGradient(c);
    const gbView = this.mem.f64(gbAt, c.Kp);
    gbView.fill(0);
    const loss = blocks
      ? this.fn('stepb', X)(
          n, c.X, c.indptr, c.indices, c.D, X.scale, c.y, c.sw, c.Wt, b ? c.b : 0, K, c.Kp,
          c.Gt, gb ? gbAt : 0, scratch, pAt, blocks.blockRows, blocks.pointers, blocks.rows, blocks.values, rAt,
        )
      : this.fn('step', X)(
          n, c.rows, c.X, c.indptr, c.indices, c.D, X.scale, c.y, c.sw, c.Wt, b ? c.b : 0, K, c.Kp,
          G ? c.Gt : 0, G && gb ? gbAt : 0, scratch, pAt,
        );
    if (P) P.set(this.mem.f64(pAt, n * K));
    if (G) this.addGradient(c, G, K, X.cols);
    if (G && gb) {
      const g = this.mem.f64(gbAt, c.Kp);
      for (let k = 0; k < K; k++) gb[k] += g[k];
    }
    return loss;
  }

  linearSoftmaxHessianVector(
    X: Matrix,
    rows: Int32Array | null,
    sampleWeight: Float64Array | null,
    P: Float64Array,
    V: Float64Array,
    vb: Float64Array | null,
    K: number,
    out: Float64Array,
    outb: Float64Array | null,
  ): void {
    const n = rows ? rows.length : X.rows;
    const blocks = this.blocksFor(X, rows, K);
    const chunks = rows === null ? this.chunkRows(X, n, K, blocks?.blockRows ?? 0) : null;
    if (chunks) return this.hessianVectorChunks(X, sampleWeight, P, V, vb, K, out, outb, blocks, chunks);
    const c = this.begin(X, rows, null, sampleWeight, K);
    const scratch = c.alloc(2 * c.Kp * this.bytesPerValue);
    const hbAt = c.alloc(c.Kp * 8);
    // P changes between calls (same array, new values), so it is copied, not kept resident.
    const pAt = c.alloc(n * K * 8);
    const rAt = blocks ? c.alloc(blocks.blockRows * c.Kp * this.bytesPerValue) : 0;
    c.ready();
    this.mem.f64(pAt, n * K).set(P.subarray(0, n * K));
    this.writeWeights(c, V, vb, K, X.cols);
    this.clearGradient(c);
    this.mem.f64(hbAt, c.Kp).fill(0);
    if (blocks) {
      this.fn('hvb', X)(
        n, c.X, c.indptr, c.indices, c.D, X.scale, c.sw, c.Wt, vb ? c.b : 0, pAt, K, c.Kp,
        c.Gt, outb ? hbAt : 0, scratch, blocks.blockRows, blocks.pointers, blocks.rows, blocks.values, rAt,
      );
    } else {
      this.fn('hv', X)(
        n, c.rows, c.X, c.indptr, c.indices, c.D, X.scale, c.sw, c.Wt, vb ? c.b : 0, pAt, K, c.Kp,
        c.Gt, outb ? hbAt : 0, scratch,
      );
    }
    this.addGradient(c, out, K, X.cols);
    if (outb) {
      const h = this.mem.f64(hbAt, c.Kp);
      for (let k = 0; k < K; k++) outb[k] += h[k];
    }
  }

  /**
   * Only on shared memory (the threaded kernels): views of a plain
   * WebAssembly memory are detached when it grows.
   */
  moveIntoKernelMemory(X: Matrix): Matrix | null {
    if (!this.mem.viewsSurviveGrowth) return null;
    const move = <A extends Int32Array | Uint8Array | Float32Array | Float64Array>(a: A): A => {
      const at = this.mem.pin(a);
      const Ctor = a.constructor as new (buffer: ArrayBufferLike, offset: number, length: number) => A;
      const view = new Ctor(this.x.memory.buffer, at, a.length);
      this.mem.adoptView(view, at);
      return view;
    };
    try {
      if (X.kind === 'dense') return { ...X, data: move(X.data) };
      return { ...X, indptr: move(X.indptr), indices: move(X.indices), values: move(X.values) };
    } catch (e) {
      // The memory could not grow that far (it is capped at 4 GB): the data stays where it is.
      if (e instanceof RangeError) return null;
      throw e;
    }
  }

  gram(X: Matrix, c: Float64Array | null, withOne: boolean, stride: number): Float64Array {
    const F = X.cols;
    const D = F + (withOne ? 1 : 0);
    const inputs = new CallInputs(this.mem, this.columns, X, null, null, c);
    const S = inputs.alloc(D * D * 8);
    inputs.ready();
    this.x.clear_bytes(S, D * D * 8);
    const values = X.kind === 'csr' ? X.values : X.data;
    const type = values instanceof Uint8Array ? 'u8' : values instanceof Float32Array ? 'f32' : 'f64';
    // One part per thread when the work pays for waking them: part p writes the rows a ≡ p of S (the same sums on any count).
    const sampledNonZeros = nonZerosOf(X, X.rows) / stride;
    const parts = this.pool && (sampledNonZeros * sampledNonZeros) / (2 * X.rows / stride) >= this.threadMinWork ? this.pool.threads : 1;
    const calls = Array.from({ length: parts }, (_, part): KernelCall => ({
      name: `gram_${X.kind === 'csr' ? 'c' : 'd'}_${type}`,
      args: [X.rows, stride, inputs.X, inputs.indptr, inputs.indices, F, inputs.sw, S, D, withOne ? 1 : 0, part, parts],
    }));
    if (parts > 1) this.pool!.run(calls, this.x);
    else runInOrder(calls, this.x);
    // Stored values to features (the scale: s² on features × features, s on the constant column), times the stride; mirror.
    const out = this.mem.f64(S, D * D).slice();
    const s = X.scale;
    for (let a = 0; a < D; a++) {
      for (let b = a; b < D; b++) {
        const v = out[a * D + b] * stride * (b < F ? s * s : a < F ? s : 1);
        out[a * D + b] = v;
        out[b * D + a] = v;
      }
    }
    return out;
  }

  cholesky(A: Float64Array, n: number): void {
    const at = this.mem.residentEnd;
    this.mem.ensure(at + n * n * 8);
    this.mem.f64(at, n * n).set(A);
    const bad = this.x.cholesky(at, n);
    if (bad >= 0) throw new RangeError(`cholesky: the matrix is not positive definite (pivot ${bad})`);
    A.set(this.mem.f64(at, n * n));
  }

  choleskySolveRows(L: Float64Array, n: number, B: Float64Array, count: number): void {
    // L (lower triangle) packed into scratch, then the solve of a resident factor.
    const at = this.mem.residentEnd;
    const half = align16(((n * (n + 1)) / 2) * 8);
    const lAt = at + align16(n * n * 8);
    const Kp = Math.ceil(count / 2) * 2;
    const bAt = lAt + 2 * half;
    this.mem.ensure(bAt + n * Kp * 8);
    this.mem.f64(at, n * n).set(L.subarray(0, n * n));
    this.x.cholesky_pack(at, n, lAt, lAt + half);
    const bt = this.mem.f64(bAt, n * Kp);
    for (let i = 0; i < n; i++) for (let k = 0; k < Kp; k++) bt[i * Kp + k] = k < count ? B[k * n + i] : 0;
    this.x.cholesky_solve_packed(lAt, lAt + half, n, bAt, Kp, 0, Kp / 2);
    for (let i = 0; i < n; i++) for (let k = 0; k < count; k++) B[k * n + i] = bt[i * Kp + k];
  }

  // ---- the Kronecker preconditioner's resident factor (wasm-cholesky.ts) ----
  /** One resident block per factor order, shared by the factors of that order. */
  private readonly factorSlots = new Map<number, FactorSlot>();

  choleskyFactor(n: number): CholeskyFactor {
    let slot = this.factorSlots.get(n);
    if (!slot) this.factorSlots.set(n, (slot = { key: {}, owner: null }));
    return new WasmCholeskyFactor({ mem: this.mem, x: this.x, pool: this.pool, slot }, n);
  }
  // ---- end of the resident factor ----

  /**
   * The row ranges a full batch is cut into, or null (one piece): at most
   * MAX_CHUNKS, on block boundaries when the sweep uses column blocks, and
   * only as many as leave each chunk ≥ 16 non-zeros per column (each chunk
   * has its own Gᵀ, cleared and added: a wide sparse matrix stays whole).
   * A function of the data's shape only, never of the thread count.
   */
  private chunkRows(X: Matrix, n: number, K: number, blockRows: number): Array<[number, number]> | null {
    const nnz = nonZerosOf(X, n);
    const units = blockRows > 0 ? Math.ceil(n / blockRows) : n;
    const count = Math.min(MAX_CHUNKS, units, Math.floor(nnz / (16 * Math.max(1, X.cols))));
    if (count < 2) return null;
    const unit = blockRows > 0 ? blockRows : 1;
    const out: Array<[number, number]> = [];
    for (let ch = 0; ch < count; ch++) {
      const r0 = Math.floor((ch * units) / count) * unit;
      const r1 = Math.min(n, Math.floor(((ch + 1) * units) / count) * unit);
      if (r1 > r0) out.push([r0, r1]);
    }
    return out;
  }

  /** Runs a full batch's chunk calls: on the threads when the sweep is big enough, else in order here. */
  private runChunks(calls: KernelCall[], X: Matrix, n: number, Kp: number): number[] {
    const nnz = nonZerosOf(X, n);
    if (this.pool && nnz * Kp >= this.threadMinWork) return this.pool.run(calls, this.x);
    return runInOrder(calls, this.x);
  }

  /** Per-chunk buffers of a full-batch call: scratch, Gᵀ, the bias sums (f64) and the block rows R. */
  private chunkBuffers(c: Layout, count: number, withGradient: boolean, blockRows: number) {
    return Array.from({ length: count }, () => ({
      scratch: c.alloc(2 * c.Kp * this.bytesPerValue),
      Gt: withGradient ? c.alloc(c.D * c.Kp * this.bytesPerValue) : 0,
      gb: c.alloc(c.Kp * 8),
      R: blockRows > 0 ? c.alloc(blockRows * c.Kp * this.bytesPerValue) : 0,
    }));
  }

  /** Arguments shifted to rows [r0, …) of a full batch: the row-indexed pointers of X, y, sw and P. */
  private shifted(c: Layout, X: Matrix, r0: number, K: number, pAt: number) {
    const vbytes = (X.kind === 'csr' ? X.values : X.data).BYTES_PER_ELEMENT;
    return {
      X: X.kind === 'csr' ? c.X : c.X + r0 * c.D * vbytes,
      indptr: X.kind === 'csr' ? c.indptr + r0 * 4 : c.indptr,
      y: c.y ? c.y + r0 * 4 : 0,
      sw: c.sw ? c.sw + r0 * 8 : 0,
      P: pAt ? pAt + r0 * K * 8 : 0,
    };
  }

  /** Zeroes the chunks' Gᵀ (where allocated) and bias sums before a sweep adds into them. */
  private clearChunkSums(c: Layout, parts: Array<{ Gt: number; gb: number }>): void {
    for (const part of parts) {
      if (part.Gt) this.x.clear_bytes(part.Gt, c.D * c.Kp * this.bytesPerValue);
      this.mem.f64(part.gb, c.Kp).fill(0);
    }
  }

  /** G += the chunks' Gᵀ and gb += their bias sums, in chunk order. */
  private addChunkSums(c: Layout, parts: Array<{ Gt: number; gb: number }>, G: Float64Array | null, gb: Float64Array | null, K: number, D: number): void {
    for (const part of parts) {
      if (G) {
        this.x[`unpack_${this.precision}`](part.Gt, K, D, c.Kp, c.W);
        const g = this.mem.f64(c.W, K * D);
        for (let p = 0; p < g.length; p++) G[p] += g[p];
      }
      if (gb) {
        const h = this.mem.f64(part.gb, c.Kp);
        for (let k = 0; k < K; k++) gb[k] += h[k];
      }
    }
  }

  /** linearSoftmaxStep over a full batch, chunk by chunk (see chunkRows). */
  private softmaxStepChunks(
    X: Matrix, y: Int32Array, sampleWeight: Float64Array | null, W: Float64Array, b: Float64Array | null, K: number,
    G: Float64Array | null, gb: Float64Array | null, P: Float64Array | null, blocks: ColumnBlocksAt | null, chunks: Array<[number, number]>,
  ): number {
    const n = X.rows;
    const c = this.begin(X, null, y, sampleWeight, K);
    const pAt = P ? c.alloc(n * K * 8) : 0;
    const parts = this.chunkBuffers(c, chunks.length, G !== null, blocks?.blockRows ?? 0);
    c.ready();
    this.writeWeights(c, W, b, K, X.cols);
    this.clearChunkSums(c, parts);
    const calls = chunks.map(([r0, r1], ch): KernelCall => {
      const part = parts[ch];
      const s = this.shifted(c, X, r0, K, pAt);
      const gbAt = G && gb ? part.gb : 0;
      if (blocks) {
        const cp = blocks.pointers + (r0 / blocks.blockRows) * (c.D + 1) * 4;
        return {
          name: this.fnName('stepb', X),
          args: [r1 - r0, c.X, s.indptr, c.indices, c.D, X.scale, s.y, s.sw, c.Wt, b ? c.b : 0, K, c.Kp, part.Gt, gbAt, part.scratch, s.P, blocks.blockRows, cp, blocks.rows, blocks.values, part.R],
        };
      }
      return {
        name: this.fnName('step', X),
        args: [r1 - r0, 0, s.X, s.indptr, c.indices, c.D, X.scale, s.y, s.sw, c.Wt, b ? c.b : 0, K, c.Kp, part.Gt, gbAt, part.scratch, s.P],
      };
    });
    const losses = this.runChunks(calls, X, n, c.Kp);
    let loss = 0;
    for (const l of losses) loss += l;
    if (P) P.set(this.mem.f64(pAt, n * K));
    this.addChunkSums(c, parts, G, G ? gb : null, K, X.cols);
    return loss;
  }

  /** linearSoftmaxHessianVector over a full batch, chunk by chunk (see chunkRows). */
  private hessianVectorChunks(
    X: Matrix, sampleWeight: Float64Array | null, P: Float64Array, V: Float64Array, vb: Float64Array | null, K: number,
    out: Float64Array, outb: Float64Array | null, blocks: ColumnBlocksAt | null, chunks: Array<[number, number]>,
  ): void {
    const n = X.rows;
    const c = this.begin(X, null, null, sampleWeight, K);
    const pAt = c.alloc(n * K * 8);
    const parts = this.chunkBuffers(c, chunks.length, true, blocks?.blockRows ?? 0);
    c.ready();
    this.mem.f64(pAt, n * K).set(P.subarray(0, n * K));
    this.writeWeights(c, V, vb, K, X.cols);
    this.clearChunkSums(c, parts);
    const calls = chunks.map(([r0, r1], ch): KernelCall => {
      const part = parts[ch];
      const s = this.shifted(c, X, r0, K, pAt);
      const hbAt = outb ? part.gb : 0;
      if (blocks) {
        const cp = blocks.pointers + (r0 / blocks.blockRows) * (c.D + 1) * 4;
        return {
          name: this.fnName('hvb', X),
          args: [r1 - r0, c.X, s.indptr, c.indices, c.D, X.scale, s.sw, c.Wt, vb ? c.b : 0, s.P, K, c.Kp, part.Gt, hbAt, part.scratch, blocks.blockRows, cp, blocks.rows, blocks.values, part.R],
        };
      }
      return {
        name: this.fnName('hv', X),
        args: [r1 - r0, 0, s.X, s.indptr, c.indices, c.D, X.scale, s.sw, c.Wt, vb ? c.b : 0, s.P, K, c.Kp, part.Gt, hbAt, part.scratch],
      };
    });
    this.runChunks(calls, X, n, c.Kp);
    this.addChunkSums(c, parts, out, outb, K, X.cols);
  }

  /** The column blocks of X for a full-batch sweep of held CSR data, or null (row-wise sweep). */
  private blocksFor(X: Matrix, rows: Int32Array | null, K: number) {
    if (rows !== null || X.kind !== 'csr' || this.columnBlockRows === 0) return null;
    const Kp = Math.ceil(K / this.lanes) * this.lanes;
    const blockRows = this.columnBlockRows ?? defaultBlockRows(Kp, this.bytesPerValue);
    const type = X.values instanceof Uint8Array ? 'u8' : X.values instanceof Float32Array ? 'f32' : 'f64';
    // A block size named by the caller is used whenever it can be; the default only where it pays.
    const minPerColumn = this.columnBlockRows === undefined ? MIN_ENTRIES_PER_BLOCK_COLUMN : 1;
    return columnBlocks(this.mem, this.x[`column_blocks_${type}`], X, blockRows, minPerColumn);
  }

  /**
   * A single score per row (K = 1) over a minibatch of data not held: the
   * inputs would have to be gathered into wasm memory at every call, which
   * costs as much as the reference's scalar loops (one multiply-add per
   * non-zero each way), and one score fills half an f64x2 lane; so those calls
   * run the reference loops (float64, the same results to rounding).
   */
  private byReference(X: Matrix, rows: Int32Array | null, K: number): boolean {
    return K === 1 && rows !== null && !matrixArrays(X).every((a) => holdOf(a) > 0);
  }

  /**
   * Lays out one call's inputs (see CallInputs) and scratch for Wᵀ, b and Gᵀ;
   * `alloc` adds per-call buffers, `ready` grows memory and copies the inputs in.
   */
  private begin(X: Matrix, rows: Int32Array | null, y: Int32Array | null, sw: Float64Array | null, K: number) {
    const Kp = Math.ceil(K / this.lanes) * this.lanes;
    const inputs = new CallInputs(this.mem, this.columns, X, rows, y, sw);
    const D = inputs.D;
    const Wt = inputs.alloc(D * Kp * this.bytesPerValue);
    const b = inputs.alloc(Kp * this.bytesPerValue);
    const Gt = inputs.alloc(D * Kp * this.bytesPerValue);
    const W = inputs.alloc(X.cols * K * 8);
    return {
      Kp, D, X: inputs.X, indptr: inputs.indptr, indices: inputs.indices, rows: inputs.rows, y: inputs.y, sw: inputs.sw,
      cols: inputs.cols, Wt, b, Gt, W,
      alloc: (bytes: number) => inputs.alloc(bytes),
      ready: () => inputs.ready(),
    };
  }

  /**
   * Wᵀ (D×Kp, padded) and b into wasm memory: one memcpy of W and the transpose
   * in wasm, or, when the call uses only some columns, those columns gathered in JS.
   */
  private writeWeights(c: Layout, W: Float64Array, b: Float64Array | null, K: number, D: number): void {
    if (c.cols) {
      const wt = this.view(c.Wt, c.D * c.Kp);
      wt.fill(0);
      for (let local = 0; local < c.D; local++) {
        const j = c.cols[local];
        for (let k = 0; k < K; k++) wt[local * c.Kp + k] = W[k * D + j];
      }
    } else {
      this.mem.f64(c.W, K * D).set(W);
      this.x[`pack_${this.precision}`](c.W, K, D, c.Kp, c.Wt);
    }
    const bv = this.view(c.b, c.Kp);
    bv.fill(0);
    if (b) for (let k = 0; k < K; k++) bv[k] = b[k];
  }

  /** G += the gradient accumulated in Gᵀ (transposed back in wasm into the W scratch, or scattered to the columns used). */
  private addGradient(c: Layout, G: Float64Array, K: number, D: number): void {
    if (c.cols) {
      const gt = this.view(c.Gt, c.D * c.Kp);
      for (let local = 0; local < c.D; local++) {
        const j = c.cols[local];
        for (let k = 0; k < K; k++) G[k * D + j] += gt[local * c.Kp + k];
      }
      return;
    }
    this.x[`unpack_${this.precision}`](c.Gt, K, D, c.Kp, c.W);
    const g = this.mem.f64(c.W, K * D);
    for (let p = 0; p < g.length; p++) G[p] += g[p];
  }

  private clearGradient(c: Layout): void {
    this.x.clear_bytes(c.Gt, c.D * c.Kp * this.bytesPerValue);
  }

  private view(offset: number, length: number): Float32Array | Float64Array {
    return this.precision === 'f32' ? this.mem.f32(offset, length) : this.mem.f64(offset, length);
  }

  private fn(kind: KernelKind, X: Matrix): (...args: number[]) => number {
    return this.x[this.fnName(kind, X)];
  }

  private fnName(kind: KernelKind, X: Matrix): string {
    const values = X.kind === 'csr' ? X.values : X.data;
    const type = values instanceof Uint8Array ? 'u8' : values instanceof Float32Array ? 'f32' : 'f64';
    // The column-block kernels (stepb, hvb) take CSR matrices only: no storage letter.
    const storage = kind.endsWith('b') ? '' : X.kind === 'csr' ? 'c_' : 'd_';
    return `${kind}_${storage}${type}_${this.precision}`;
  }
}
