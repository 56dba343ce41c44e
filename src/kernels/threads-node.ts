import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { remakeKernels } from './select.js';
import { installKernelThreads, kernelThreadSupport, type KernelCall, type KernelThreadPool } from './kernel-threads.js';
import { LINEAR_SHARED_WASM_BASE64 } from './linear-shared-wasm.generated.js';
import { LINEAR_RELAXED_SHARED_WASM_BASE64 } from './linear-relaxed-shared-wasm.generated.js';

/**
 * Worker threads for the full-batch WebAssembly kernels in Node.
 *
 * Each helper is a worker_threads Worker holding a second instance of the
 * kernel module on the same shared WebAssembly.Memory. A call's chunks are
 * handed out through one Int32 word of a small SharedArrayBuffer:
 *
 *   NEXT = job << 16 | count << 8 | index     (job: 15 bits, count ≤ 255)
 *
 * A thread claims chunk `index` of job `job` by compare-and-swap of NEXT to
 * NEXT + 1 while index < count; a claim therefore never crosses from one job
 * to the next. The caller publishes a job by storing NEXT and notifying it,
 * claims chunks itself, then waits (Atomics.wait, allowed on Node's main
 * thread) until DONE reaches the count. Workers are unref()ed: they never keep
 * a process alive.
 */
const NEXT = 0;
const DONE = 1;
const ERROR = 2;
const MAX_CALLS = 255;
const SLOT = 32; // f64 per call: function index, argument count, arguments

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, jobs, names } = workerData;
const ctl = new Int32Array(control);
const job = new Float64Array(jobs);
const instance = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error('argmax wasm kernel aborted'); } } });
const fns = names.map((n) => instance.exports[n]);
let seen = Atomics.load(ctl, ${NEXT});
for (;;) {
  Atomics.wait(ctl, ${NEXT}, seen);
  for (;;) {
    const v = (seen = Atomics.load(ctl, ${NEXT}));
    if ((v & 255) >= ((v >>> 8) & 255)) break;
    if (Atomics.compareExchange(ctl, ${NEXT}, v, v + 1) !== v) continue;
    const c = v & 255;
    const base = c * ${SLOT};
    const args = [];
    for (let a = 0; a < job[base + 1]; a++) args.push(job[base + 2 + a]);
    try {
      job[${MAX_CALLS * SLOT} + c] = fns[job[base]](...args) ?? 0;
    } catch {
      Atomics.store(ctl, ${ERROR}, 1);
    }
    Atomics.add(ctl, ${DONE}, 1);
    Atomics.notify(ctl, ${DONE});
  }
}
`;

class WorkerPool implements KernelThreadPool {
  private readonly ctl: Int32Array;
  private readonly job: Float64Array;
  private readonly names: string[];
  private readonly index = new Map<string, number>();
  private id = 0;
  /** Chunks of the last call that helper threads ran (the rest ran on the calling thread). */
  helperChunks = 0;

  constructor(module: WebAssembly.Module, memory: WebAssembly.Memory, readonly threads: number) {
    const control = new SharedArrayBuffer(16);
    const jobs = new SharedArrayBuffer((MAX_CALLS * SLOT + MAX_CALLS) * 8);
    this.ctl = new Int32Array(control);
    this.job = new Float64Array(jobs);
    this.names = WebAssembly.Module.exports(module).filter((e) => e.kind === 'function').map((e) => e.name);
    this.names.forEach((n, i) => this.index.set(n, i));
    for (let t = 1; t < threads; t++) {
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, control, jobs, names: this.names } });
      w.unref();
    }
  }

  run(calls: KernelCall[], local: Record<string, (...args: number[]) => number>): number[] {
    const count = calls.length;
    if (count > MAX_CALLS) throw new RangeError(`kernel threads: ${count} chunks, at most ${MAX_CALLS}`);
    calls.forEach((c, i) => {
      const base = i * SLOT;
      this.job[base] = this.index.get(c.name)!;
      this.job[base + 1] = c.args.length;
      this.job.set(c.args, base + 2);
    });
    Atomics.store(this.ctl, DONE, 0);
    Atomics.store(this.ctl, ERROR, 0);
    this.id = (this.id + 1) & 0x7fff;
    const id = this.id;
    Atomics.store(this.ctl, NEXT, (id << 16) | (count << 8));
    Atomics.notify(this.ctl, NEXT);
    const results = this.job.subarray(MAX_CALLS * SLOT, MAX_CALLS * SLOT + count);
    let here = 0;
    for (;;) {
      const v = Atomics.load(this.ctl, NEXT);
      if (v >>> 16 !== id || (v & 255) >= count) break;
      if (Atomics.compareExchange(this.ctl, NEXT, v, v + 1) !== v) continue;
      const c = calls[v & 255];
      results[v & 255] = local[c.name](...c.args) ?? 0;
      Atomics.add(this.ctl, DONE, 1);
      here++;
    }
    this.helperChunks = count - here;
    // The helpers' last chunks: a short spin (they usually end together), then sleep until notified.
    for (let spin = 0; ; spin++) {
      const done = Atomics.load(this.ctl, DONE);
      if (done >= count) break;
      if (spin > 2000) Atomics.wait(this.ctl, DONE, done, 50);
    }
    if (Atomics.load(this.ctl, ERROR)) throw new Error('argmax wasm kernel aborted (in a worker thread)');
    return Array.from(results);
  }
}

function moduleOf(base64: string): WebAssembly.Module {
  return new WebAssembly.Module(Buffer.from(base64, 'base64'));
}

const modules = new Map<boolean, WebAssembly.Module>();

/**
 * Lets the WebAssembly kernels run full-batch calls (softmax step, Hessian-
 * vector product) on `threads` threads, the calling one included (default:
 * min(2, the available parallelism)); 1 runs them on the calling thread only.
 * Results do not depend on the thread count. Applies to kernels created
 * afterwards (the default kernels are remade). Returns the thread count set.
 */
export function setKernelThreads(threads: number = defaultKernelThreads()): number {
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new RangeError(`threads: expected an integer from 1 to 64, got ${threads}`);
  }
  installKernelThreads({
    defaultThreads: threads,
    sharedModule(relaxed) {
      let m = modules.get(relaxed);
      if (!m) {
        m = moduleOf(relaxed ? LINEAR_RELAXED_SHARED_WASM_BASE64 : LINEAR_SHARED_WASM_BASE64);
        modules.set(relaxed, m);
      }
      return m;
    },
    createPool(module, memory, n) {
      if (typeof SharedArrayBuffer === 'undefined') return 'SharedArrayBuffer is unavailable';
      return new WorkerPool(module, memory, n);
    },
  });
  remakeKernels();
  return threads;
}

/** min(2, os.availableParallelism()): full-batch sweeps are memory-bound; two threads is what pays on common hardware. */
export function defaultKernelThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** Threads of the WebAssembly kernels created from now on (1 when threads were never set up). */
export function kernelThreads(): number {
  return kernelThreadSupport()?.defaultThreads ?? 1;
}
