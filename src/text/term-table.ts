/**
 * Interned terms, one id space for two kinds:
 * - byte terms (words, character n-grams): their bytes in a growing arena;
 * - pair terms (word n-grams): (id of the (n−1)-gram, id of the last word),
 *   so "the united states" costs two integers, not a string.
 * An open-addressing hash table (linear probing, at most half full) finds
 * either kind; every array grows by doubling.
 */
export class TermTable {
  /** Bytes of the byte terms, back to back. */
  private arena = new Uint8Array(1 << 16);
  private arenaLength = 0;
  /** Byte term: arena offset. Pair term: the prefix id. */
  private first = new Int32Array(1024);
  /** Byte term: ~length (negative). Pair term: the last word's id (≥ 0). */
  private second = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private slots = new Int32Array(2048).fill(-1);
  private mask = 2047;
  /** Number of terms. */
  size = 0;
  /** Called after the id capacity grew (owners of per-id arrays grow theirs). */
  onGrow: ((capacity: number) => void) | null = null;

  get capacity(): number {
    return this.first.length;
  }

  /** Id of the byte term bytes[start, end), or −1. */
  findBytes(bytes: Uint8Array, start: number, end: number): number {
    const h = hashBytes(bytes, start, end);
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const id = this.slots[s];
      if (id < 0) return -1;
      if (this.hashes[id] === h && this.sameBytes(id, bytes, start, end)) return id;
    }
  }

  /** Id of the byte term bytes[start, end), added if new. */
  internBytes(bytes: Uint8Array, start: number, end: number): number {
    const h = hashBytes(bytes, start, end);
    let s = h & this.mask;
    for (; ; s = (s + 1) & this.mask) {
      const id = this.slots[s];
      if (id < 0) break;
      if (this.hashes[id] === h && this.sameBytes(id, bytes, start, end)) return id;
    }
    const n = end - start;
    if (this.arenaLength + n > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLength + n));
      grown.set(this.arena.subarray(0, this.arenaLength));
      this.arena = grown;
    }
    this.arena.set(bytes.subarray(start, end), this.arenaLength);
    const id = this.add(s, h, this.arenaLength, ~n);
    this.arenaLength += n;
    return id;
  }

  /** Id of the pair (prefix, last), or −1. */
  findPair(prefix: number, last: number): number {
    const h = hashPair(prefix, last);
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const id = this.slots[s];
      if (id < 0) return -1;
      if (this.first[id] === prefix && this.second[id] === last) return id;
    }
  }

  /** Id of the pair (prefix, last), added if new. */
  internPair(prefix: number, last: number): number {
    const h = hashPair(prefix, last);
    let s = h & this.mask;
    for (; ; s = (s + 1) & this.mask) {
      const id = this.slots[s];
      if (id < 0) break;
      if (this.first[id] === prefix && this.second[id] === last) return id;
    }
    return this.add(s, h, prefix, last);
  }

  isPair(id: number): boolean {
    return this.second[id] >= 0;
  }

  /** The term's bytes (a pair: its prefix's bytes, a space, its last word's bytes) written to out[at…]; returns the end. */
  writeBytes(id: number, out: { buffer: Uint8Array }, at: number): number {
    if (this.second[id] >= 0) {
      at = this.writeBytes(this.first[id], out, at);
      ensure(out, at + 1);
      out.buffer[at++] = 0x20;
      return this.writeBytes(this.second[id], out, at);
    }
    const n = ~this.second[id];
    ensure(out, at + n);
    out.buffer.set(this.arena.subarray(this.first[id], this.first[id] + n), at);
    return at + n;
  }

  /** The parts of a pair term. */
  pairOf(id: number): { prefix: number; last: number } {
    return { prefix: this.first[id], last: this.second[id] };
  }

  /** Bytes of a byte term: arena[start, end). */
  byteRange(id: number): { arena: Uint8Array; start: number; end: number } {
    return { arena: this.arena, start: this.first[id], end: this.first[id] + ~this.second[id] };
  }

  /** Memory held, in bytes. */
  get bytes(): number {
    return this.arena.length + 12 * this.first.length + 4 * this.slots.length;
  }

  private sameBytes(id: number, bytes: Uint8Array, start: number, end: number): boolean {
    if (this.second[id] !== ~(end - start)) return false;
    const a = this.arena;
    for (let p = start, q = this.first[id]; p < end; p++, q++) if (a[q] !== bytes[p]) return false;
    return true;
  }

  private add(slot: number, h: number, first: number, second: number): number {
    const id = this.size++;
    if (id === this.first.length) {
      const cap = id * 2;
      this.first = growInt32(this.first, cap);
      this.second = growInt32(this.second, cap);
      this.hashes = growInt32(this.hashes, cap);
      this.onGrow?.(cap);
    }
    this.first[id] = first;
    this.second[id] = second;
    this.hashes[id] = h;
    this.slots[slot] = id;
    if (2 * this.size > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let s = this.hashes[id] & mask;
      while (slots[s] >= 0) s = (s + 1) & mask;
      slots[s] = id;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a over the bytes, finished with a multiply-xorshift so the low bits (the slot) mix well. */
function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let p = start; p < end; p++) h = Math.imul(h ^ b[p], 0x01000193);
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
