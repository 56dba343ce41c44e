/**
 * Interned terms, one id space for two kinds:
 * - byte terms (words, character n-grams): their bytes in a growing arena;
 * - pair terms (word n-grams): (id of the (n−1)-gram, id of the last word),
 *   so "the united states" costs two integers, not a string.
 * An open-addressing hash table (linear probing, at most half full) finds
 * either kind; every array grows by doubling.
 *
 * Each id has a record of `stride` int32 values: its two keys first (see
 * first/second); a table made for fitting (stride TALLY_INTS) also keeps the
 * fitter's per-term tally in the record, so a lookup and the counting after
 * it touch the same cache line.
 */
export class TermTable {
  /** Bytes of the byte terms, back to back. */
  private arena = new Uint8Array(1 << 16);
  private arenaLength = 0;
  /**
   * Per id, `stride` int32 values; the first two: a byte term's arena offset
   * and ~length (negative); a pair term's prefix id and last word id (≥ 0).
   */
  records: Int32Array;
  /** With stride TALLY_INTS: the records as float64 (record id at TALLY_INTS / 2 · id; see TALLY_INTS). */
  tallies: Float64Array;
  private hashes = new Int32Array(1024);
  /** Per slot, the term's hash and id (−1: empty): probes compare hashes without touching the terms. */
  private slots = new Int32Array(2 * 2048).fill(-1);
  private mask = 2047;
  /** Number of terms. */
  size = 0;
  /** Called after the id capacity grew (owners of per-id arrays grow theirs). */
  onGrow: ((capacity: number) => void) | null = null;

  /** stride: int32 values per id (2: the keys only; TALLY_INTS: with a fitter's tally). */
  constructor(readonly stride: number = 2) {
    this.records = new Int32Array(stride * 1024);
    this.tallies = stride === TALLY_INTS ? new Float64Array(this.records.buffer) : new Float64Array(0);
  }

  get capacity(): number {
    return this.hashes.length;
  }

  /** Id of the byte term bytes[start, end), or −1. */
  findBytes(bytes: Uint8Array, start: number, end: number, h = hashBytes(bytes, start, end)): number {
    const slots = this.slots;
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const id = slots[2 * s + 1];
      if (id < 0) return -1;
      if (slots[2 * s] === h && this.sameBytes(id, bytes, start, end)) return id;
    }
  }

  /** Id of the byte term bytes[start, end), added if new (h: its hashBytes, when already known). */
  internBytes(bytes: Uint8Array, start: number, end: number, h = hashBytes(bytes, start, end)): number {
    const slots = this.slots;
    let s = h & this.mask;
    for (; ; s = (s + 1) & this.mask) {
      const id = slots[2 * s + 1];
      if (id < 0) break;
      if (slots[2 * s] === h && this.sameBytes(id, bytes, start, end)) return id;
    }
    const n = end - start;
    if (this.arenaLength + n > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLength + n));
      grown.set(this.arena.subarray(0, this.arenaLength));
      this.arena = grown;
    }
    // A loop, not set(subarray): no view object per new term.
    const arena = this.arena;
    for (let p = start, q = this.arenaLength; p < end; p++, q++) arena[q] = bytes[p];
    const id = this.add(s, h, this.arenaLength, ~n);
    this.arenaLength += n;
    return id;
  }

  /** Id of the pair (prefix, last), or −1. */
  findPair(prefix: number, last: number): number {
    const h = hashPair(prefix, last);
    const { slots, records, stride } = this;
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const id = slots[2 * s + 1];
      if (id < 0) return -1;
      if (slots[2 * s] === h && records[stride * id] === prefix && records[stride * id + 1] === last) return id;
    }
  }

  /** Id of the pair (prefix, last), added if new. */
  internPair(prefix: number, last: number): number {
    const h = hashPair(prefix, last);
    const { slots, records, stride } = this;
    let s = h & this.mask;
    for (; ; s = (s + 1) & this.mask) {
      const id = slots[2 * s + 1];
      if (id < 0) break;
      if (slots[2 * s] === h && records[stride * id] === prefix && records[stride * id + 1] === last) return id;
    }
    return this.add(s, h, prefix, last);
  }

  isPair(id: number): boolean {
    return this.records[this.stride * id + 1] >= 0;
  }

  /** The term's bytes (a pair: its prefix's bytes, a space, its last word's bytes) written to out[at…]; returns the end. */
  writeBytes(id: number, out: { buffer: Uint8Array }, at: number): number {
    const a = this.records[this.stride * id];
    const b = this.records[this.stride * id + 1];
    if (b >= 0) {
      at = this.writeBytes(a, out, at);
      ensure(out, at + 1);
      out.buffer[at++] = 0x20;
      return this.writeBytes(b, out, at);
    }
    ensure(out, at + ~b);
    out.buffer.set(this.arena.subarray(a, a + ~b), at);
    return at + ~b;
  }

  /**
   * A term's two keys, as numbers (no object per call): a pair's prefix id
   * and last word id (second ≥ 0); a byte term's arena offset and ~length
   * (second < 0), its bytes in `bytes`.
   */
  first(id: number): number {
    return this.records[this.stride * id];
  }

  second(id: number): number {
    return this.records[this.stride * id + 1];
  }

  /** The byte terms' bytes (replaced when the arena grows). */
  get bytes(): Uint8Array {
    return this.arena;
  }

  /** Drops every term (the table is empty and unusable afterwards; its memory can be collected). */
  release(): void {
    this.arena = new Uint8Array(0);
    this.records = new Int32Array(0);
    this.tallies = new Float64Array(0);
    this.hashes = new Int32Array(0);
    this.slots = new Int32Array(0);
    this.size = 0;
  }

  private sameBytes(id: number, bytes: Uint8Array, start: number, end: number): boolean {
    const r = this.stride * id;
    if (this.records[r + 1] !== ~(end - start)) return false;
    const a = this.arena;
    for (let p = start, q = this.records[r]; p < end; p++, q++) if (a[q] !== bytes[p]) return false;
    return true;
  }

  private add(slot: number, h: number, first: number, second: number): number {
    const id = this.size++;
    if (id === this.hashes.length) {
      const cap = id * 2;
      this.records = growInt32(this.records, this.stride * cap);
      if (this.stride === TALLY_INTS) this.tallies = new Float64Array(this.records.buffer);
      this.hashes = growInt32(this.hashes, cap);
      this.onGrow?.(cap);
    }
    this.records[this.stride * id] = first;
    this.records[this.stride * id + 1] = second;
    this.hashes[id] = h;
    this.slots[2 * slot] = h;
    this.slots[2 * slot + 1] = id;
    if (4 * this.size > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length / 2 - 1;
    for (let id = 0; id < this.size; id++) {
      const h = this.hashes[id];
      let s = h & mask;
      while (slots[2 * s + 1] >= 0) s = (s + 1) & mask;
      slots[2 * s] = h;
      slots[2 * s + 1] = id;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/**
 * Int32 values per id in a table made for fitting: the two keys, then the
 * fitter's mark (the last document the term was seen in, plus one: 0 means
 * none) and the term's place in that document's list, then two float64
 * (int32 slots 4–5 and 6–7; tallies[4·id + 2] and tallies[4·id + 3]): the
 * term's total count and its document frequency. 32 bytes: half a cache line.
 */
export const TALLY_INTS = 8;
export const TALLY_MARK = 2;
export const TALLY_PLACE = 3;
/** Offsets in tallies of a record (tallies index = TALLY_INTS / 2 · id + offset). */
export const TALLY_COUNT = 2;
export const TALLY_DF = 3;

/** FNV-1a over the bytes (start from FNV_START, step with FNV_PRIME), finished by finishHash. */
export function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = FNV_START;
  for (let p = start; p < end; p++) h = Math.imul(h ^ b[p], FNV_PRIME);
  return finishHash(h);
}
export const FNV_START = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** A multiply-xorshift so the low bits (the slot) mix well; non-negative. */
export function finishHash(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) & 0x7fffffff;
}

function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return (h ^ (h >>> 15)) & 0x7fffffff;
}

export function growInt32(a: Int32Array, capacity: number, fill?: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(capacity);
  out.set(a);
  if (fill !== undefined) out.fill(fill, a.length);
  return out;
}

export function growFloat64(a: Float64Array, capacity: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(capacity);
  out.set(a);
  return out;
}

/** A growable byte buffer. */
export function ensure(out: { buffer: Uint8Array }, size: number): void {
  if (size <= out.buffer.length) return;
  const grown = new Uint8Array(Math.max(size, out.buffer.length * 2));
  grown.set(out.buffer);
  out.buffer = grown;
}
