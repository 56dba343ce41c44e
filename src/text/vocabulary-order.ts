import { type TermTable } from './term-table.js';

/**
 * The vocabulary order without making a string per comparison: terms by
 * count descending, then in JavaScript string order (UTF-16 code units).
 * The kept terms are written once as UTF-16 units into one array; a numeric
 * sort groups them by count, and a multikey quicksort (Bentley & Sedgewick
 * 1997: three-way partitions on the unit at depth d) orders each group.
 */
export class TermUnits {
  units = new Uint16Array(1 << 16);
  /** Term k is units[starts[k], starts[k + 1]). */
  starts: Int32Array;
  private length = 0;

  constructor(
    private readonly table: TermTable,
    ids: ArrayLike<number>,
  ) {
    this.starts = new Int32Array(ids.length + 1);
    for (let k = 0; k < ids.length; k++) {
      this.write(ids[k]);
      this.starts[k + 1] = this.length;
    }
  }

  /** The terms as strings, in the given order. */
  strings(order: ArrayLike<number>): string[] {
    const out: string[] = new Array(order.length);
    let all: string | null = null;
    try {
      // One decode of every unit, then slices. Strict: a lone surrogate (possible in API strings) would be replaced, so it takes the slow path.
      all = new TextDecoder('utf-16le', { fatal: true }).decode(this.units.subarray(0, this.length));
    } catch {
      all = null;
    }
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      out[k] = all !== null ? all.slice(this.starts[i], this.starts[i + 1]) : fromUnits(this.units.subarray(this.starts[i], this.starts[i + 1]));
    }
    return out;
  }

  private write(id: number): void {
    const table = this.table;
    const second = table.second(id);
    if (second >= 0) {
      // A pair: its prefix's units (the prefix may itself be a pair), a space, its last word's units.
      this.write(table.first(id));
      this.push(0x20);
      this.write(second);
      return;
    }
    const arena = table.bytes;
    const start = table.first(id);
    const end = start + ~second;
    if (this.length + (end - start) > this.units.length) this.grow(this.length + (end - start));
    // UTF-8 to UTF-16 units: never more units than bytes, so the room made above is enough.
    const units = this.units;
    let at = this.length;
    for (let p = start; p < end; ) {
      const c = arena[p];
      if (c < 0x80) {
        units[at++] = c;
        p++;
      } else if (c < 0xe0) {
        units[at++] = ((c & 0x1f) << 6) | (arena[p + 1] & 0x3f);
        p += 2;
      } else if (c < 0xf0) {
        units[at++] = ((c & 0x0f) << 12) | ((arena[p + 1] & 0x3f) << 6) | (arena[p + 2] & 0x3f);
        p += 3;
      } else {
        const cp = ((c & 0x07) << 18) | ((arena[p + 1] & 0x3f) << 12) | ((arena[p + 2] & 0x3f) << 6) | (arena[p + 3] & 0x3f);
        units[at++] = 0xd800 + ((cp - 0x10000) >> 10);
        units[at++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
        p += 4;
      }
    }
    this.length = at;
  }

  private grow(size: number): void {
    const grown = new Uint16Array(Math.max(size, this.units.length * 2));
    grown.set(this.units);
    this.units = grown;
  }

  private push(unit: number): void {
    if (this.length === this.units.length) this.grow(this.length + 1);
    this.units[this.length++] = unit;
  }
}

/** Indices 0..n−1 of the terms by count descending, then by UTF-16 units. */
export function vocabularyOrder(counts: Float64Array, terms: TermUnits): Int32Array {
  const n = counts.length;
  const order = new Int32Array(n);
  let most = 0;
  for (let k = 0; k < n; k++) most = Math.max(most, counts[k]);
  if (most * n + n < 2 ** 53) {
    // One numeric sort: key = (most − count)·n + k, so equal counts keep index order.
    const keys = new Float64Array(n);
    for (let k = 0; k < n; k++) keys[k] = (most - counts[k]) * n + k;
    keys.sort();
    for (let k = 0; k < n; k++) order[k] = keys[k] % n;
  } else {
    for (let k = 0; k < n; k++) order[k] = k;
    order.sort((a, b) => counts[b] - counts[a] || a - b);
  }
  for (let lo = 0; lo < n; ) {
    let hi = lo + 1;
    while (hi < n && counts[order[hi]] === counts[order[lo]]) hi++;
    if (hi - lo > 1) sortByUnits(order, lo, hi, terms.units, terms.starts);
    lo = hi;
  }
  return order;
}

/** Multikey quicksort of a[lo, hi) by the code units of each index's term (explicit stack: terms may be long). */
function sortByUnits(a: Int32Array, lo0: number, hi0: number, units: Uint16Array, starts: Int32Array): void {
  const at = (i: number, d: number) => (starts[i] + d < starts[i + 1] ? units[starts[i] + d] : -1);
  let stack = new Int32Array(3 * 64);
  let top = 0;
  const pushRange = (lo: number, hi: number, d: number) => {
    if (hi - lo < 2) return;
    if (top + 3 > stack.length) {
      const grown = new Int32Array(stack.length * 2);
      grown.set(stack);
      stack = grown;
    }
    stack[top++] = lo;
    stack[top++] = hi;
    stack[top++] = d;
  };
  pushRange(lo0, hi0, 0);
  while (top > 0) {
    const d = stack[--top];
    const hi = stack[--top];
    const lo = stack[--top];
    if (hi - lo < 12) {
      // Insertion sort comparing from depth d (the first d units are equal in this range).
      for (let i = lo + 1; i < hi; i++) {
        const x = a[i];
        let j = i - 1;
        while (j >= lo && compareFrom(a[j], x, d, units, starts) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      continue;
    }
    const pivot = at(a[(lo + hi) >>> 1], d);
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i < gt) {
      const c = at(a[i], d);
      if (c < pivot) {
        const t = a[lt];
        a[lt++] = a[i];
        a[i++] = t;
      } else if (c > pivot) {
        const t = a[--gt];
        a[gt] = a[i];
        a[i] = t;
      } else i++;
    }
    pushRange(lo, lt, d);
    pushRange(gt, hi, d);
    // Equal at depth d: the ended term (−1) is alone, the others continue at d + 1.
    if (pivot >= 0) pushRange(lt, gt, d + 1);
  }
}

function compareFrom(x: number, y: number, d: number, units: Uint16Array, starts: Int32Array): number {
  const px = starts[x] + d;
  const py = starts[y] + d;
  const nx = starts[x + 1] - px;
  const ny = starts[y + 1] - py;
  const n = Math.min(nx, ny);
  for (let k = 0; k < n; k++) {
    const diff = units[px + k] - units[py + k];
    if (diff !== 0) return diff;
  }
  return nx - ny;
}

function fromUnits(units: Uint16Array): string {
  let s = '';
  for (let p = 0; p < units.length; p += 8192) s += String.fromCharCode.apply(null, units.subarray(p, p + 8192) as unknown as number[]);
  return s;
}
