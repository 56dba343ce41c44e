/**
 * Linear memory of the kernel module, as the JavaScript side manages it:
 *
 *   [start, heapBase)         pinned arrays: data moved into this memory for
 *                             good (see `pin`), never cleared
 *   [heapBase, residentTop)   matrices and label arrays kept between calls
 *                             (a minibatch epoch reuses them: nothing is copied per step)
 *   [residentTop, …)          per-call scratch: weights, scores, gradients
 *
 * Resident copies are kept only for held arrays (held-data.ts), keyed by
 * object identity and the hold's number; any other input is copied into the
 * per-call region at each call. When the resident region would pass its cap
 * it is cleared and refilled.
 */
export class WasmMemory {
  private residentTop: number;
  private readonly cache = new WeakMap<object, { generation: number; offset: number; hold: number }>();
  private generation = 0;
  private cachedBuffer: ArrayBuffer | null = null;
  private u8View = new Uint8Array(0);

  /** Offsets of the pinned arrays (views of this memory), by array. */
  private readonly pinned = new WeakMap<object, number>();

  constructor(
    private readonly memory: WebAssembly.Memory,
    private heapBase: number,
    private readonly residentCap = 1 << 30,
  ) {
    this.residentTop = heapBase;
  }

  get residentEnd(): number {
    return this.residentTop;
  }

  /** Makes memory at least `end` bytes long. */
  ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / 65536));
  }

  bytes(): Uint8Array {
    if (this.cachedBuffer !== this.memory.buffer) {
      this.cachedBuffer = this.memory.buffer as ArrayBuffer;
      this.u8View = new Uint8Array(this.cachedBuffer);
    }
    return this.u8View;
  }

  f32(offset: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, offset, length);
  }

  f64(offset: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, offset, length);
  }

  i32(offset: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, offset, length);
  }

  private readonly derivedCache = new WeakMap<object, { generation: number; offset: number; hold: number; tag: string }>();

  /**
   * Offset of a resident array derived from held data (e.g. a column-major
   * copy of a matrix), keyed by `key`, the hold and `tag`; made by
   * `build(offset)` on first use (build may use the memory past offset + bytes
   * as scratch). −1 when the resident region has no room for it: unlike
   * `resident`, it never clears the region, whose arrays it is built from.
   */
  derived(key: object, hold: number, tag: string, bytes: number, build: (offset: number) => void): number {
    const hit = this.derivedCache.get(key);
    if (hit && hit.generation === this.generation && hit.hold === hold && hit.tag === tag) return hit.offset;
    const size = align16(bytes);
    if (this.residentTop + size - this.heapBase > this.residentCap) return -1;
    const offset = this.residentTop;
    this.ensure(offset + size);
    this.residentTop = offset + size;
    build(offset);
    this.derivedCache.set(key, { generation: this.generation, offset, hold, tag });
    return offset;
  }

  /** Whether views of this memory stay valid when it grows (shared memory; a plain one detaches them). */
  get viewsSurviveGrowth(): boolean {
    return typeof SharedArrayBuffer !== 'undefined' && this.memory.buffer instanceof SharedArrayBuffer;
  }

  /**
   * Copies `array` into memory for good and returns the offset: the region
   * below the resident one grows by it (the resident arrays made so far are
   * kept too). A view of it (`f64`, `i32`, …) registered with `adoptView` is
   * then its own resident copy.
   */
  pin(array: ArrayBufferView): number {
    const size = align16(array.byteLength);
    const offset = this.residentTop;
    this.ensure(offset + size);
    this.bytes().set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    this.residentTop = offset + size;
    this.heapBase = this.residentTop;
    return offset;
  }

  /** Registers a view of pinned memory at `offset`: calls use it in place, never copy it. */
  adoptView(view: ArrayBufferView, offset: number): void {
    this.pinned.set(view, offset);
  }

  /** Offset of a resident copy of `array` made under the hold `hold` (> 0; copied on first use). */
  resident(array: ArrayBufferView, hold: number): number {
    const at = this.pinned.get(array);
    if (at !== undefined) return at;
    const hit = this.cache.get(array);
    if (hit && hit.generation === this.generation) {
      // A new hold of the same array: refresh the copy in place (the array may have changed in between).
      if (hit.hold !== hold) {
        this.bytes().set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), hit.offset);
        hit.hold = hold;
      }
      return hit.offset;
    }
    const size = align16(array.byteLength);
    if (this.residentTop + size - this.heapBase > this.residentCap) {
      this.generation++;
      this.residentTop = this.heapBase;
    }
    const offset = this.residentTop;
    this.ensure(offset + size);
    this.bytes().set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    this.residentTop = offset + size;
    this.cache.set(array, { generation: this.generation, offset, hold });
    return offset;
  }
}

export function align16(n: number): number {
  return (n + 15) & ~15;
}
