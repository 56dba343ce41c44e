/**
 * Who runs the chunks of a full-batch kernel call: the calling thread alone,
 * or it and helper threads holding instances of the same module on the same
 * shared memory (threads-node.ts). Each call is one kernel function with its
 * arguments (byte offsets and sizes); the chunks write disjoint outputs, so
 * the caller adds their partial sums in chunk order and results do not depend
 * on which thread ran which chunk.
 */
export interface KernelCall {
  name: string;
  args: number[];
}

type Exports = Record<string, (...args: number[]) => number>;

export interface KernelThreadPool {
  /** Threads that run chunks, the caller's included. */
  readonly threads: number;
  /** Chunks of the last call run by helper threads (0 when the calling thread ran them all). */
  readonly helperChunks: number;
  /** Runs every call once (in any order, on any thread); returns their results in call order. */
  run(calls: KernelCall[], local: Exports): number[];
}

/** Runs the calls one after another on the calling thread. */
export function runInOrder(calls: KernelCall[], local: Exports): number[] {
  return calls.map((c) => local[c.name](...c.args) ?? 0);
}

/**
 * What the WebAssembly kernels need to run on several threads: the shared-
 * memory build of the kernel module and a pool factory. Installed by
 * threads-node.ts in Node (worker_threads); absent in browsers, where the
 * kernels run on one thread.
 */
export interface KernelThreadSupport {
  /** Threads used when the caller does not say. */
  defaultThreads: number;
  /** The kernel module built for shared memory (relaxed: with fused multiply-add). */
  sharedModule(relaxed: boolean): WebAssembly.Module;
  /** A pool of `threads` threads (the caller's included) on `memory`, or a reason why not. */
  createPool(module: WebAssembly.Module, memory: WebAssembly.Memory, threads: number): KernelThreadPool | string;
}

let support: KernelThreadSupport | null = null;

export function installKernelThreads(s: KernelThreadSupport | null): void {
  support = s;
}

export function kernelThreadSupport(): KernelThreadSupport | null {
  return support;
}
