/**
 * Float64 arrays as base64 text (little-endian IEEE 754 bytes): exact, about
 * 10.7 characters per value against ~20 for shortest round-trip decimals, and
 * quick to read back. Written without Node's Buffer so it runs in browsers.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** How a model file stores a float64 array in base64: `{"encoding": "float64-base64", "data": "…"}`. */
export interface EncodedFloat64 {
  encoding: 'float64-base64';
  data: string;
}

export function float64ToBase64(values: Float64Array): string {
  return [...float64Base64Chunks(values)].join('');
}

/**
 * The base64 text of the values in pieces of at most `chunkValues` values (a
 * multiple of 3, so only the last piece is padded): large arrays are written
 * piece by piece instead of as one string, in small pieces (16 KB of text),
 * which saving a model writes and drops at once without growing the heap.
 */
export function* float64Base64Chunks(values: Float64Array, chunkValues = 3 * 512): Generator<string> {
  const bytes = new Uint8Array(chunkValues * 8);
  const view = new DataView(bytes.buffer);
  for (let from = 0; from < values.length; from += chunkValues) {
    const count = Math.min(chunkValues, values.length - from);
    for (let i = 0; i < count; i++) view.setFloat64(i * 8, values[from + i], true);
    yield bytesToBase64(bytes, count * 8);
  }
}

const ALPHABET_CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const EQUALS = 61;
const ascii = new TextDecoder('latin1');

/**
 * base64 of the first `length` bytes: the characters written as bytes, then
 * decoded to one flat string (building it by `+=` made ~4 string objects per
 * 3 bytes, garbage that raised the peak memory of saving a large model).
 */
function bytesToBase64(bytes: Uint8Array, length: number): string {
  const out = new Uint8Array(Math.ceil(length / 3) * 4);
  let o = 0;
  for (let i = 0; i < length; i += 3) {
    const b0 = bytes[i];
    const b1 = i + 1 < length ? bytes[i + 1] : 0;
    const b2 = i + 2 < length ? bytes[i + 2] : 0;
    out[o++] = ALPHABET_CODES[b0 >> 2];
    out[o++] = ALPHABET_CODES[((b0 & 3) << 4) | (b1 >> 4)];
    out[o++] = i + 1 < length ? ALPHABET_CODES[((b1 & 15) << 2) | (b2 >> 6)] : EQUALS;
    out[o++] = i + 2 < length ? ALPHABET_CODES[b2 & 63] : EQUALS;
  }
  return ascii.decode(out);
}

/** Decodes `count` float64 values; throws a RangeError saying what is wrong (length, character). */
export function base64ToFloat64(text: string, count: number): Float64Array {
  const expected = Math.ceil((count * 8) / 3) * 4;
  if (text.length !== expected) throw new RangeError(`expected ${expected} base64 characters for ${count} float64 values, got ${text.length}`);
  const bytes = new Uint8Array(count * 8);
  const digit = (at: number): number => {
    const code = text.charCodeAt(at);
    const v = code < 128 ? DECODE[code] : -1;
    if (v < 0) throw new RangeError(`character ${at} (${JSON.stringify(text[at])}) is not base64`);
    return v;
  };
  // Whole groups of four characters (no padding) in a tight loop; a bad character is found again by digit().
  const whole = Math.floor(bytes.length / 3) * 4;
  let o = 0;
  for (let i = 0; i < whole; i += 4) {
    const c0 = text.charCodeAt(i), c1 = text.charCodeAt(i + 1), c2 = text.charCodeAt(i + 2), c3 = text.charCodeAt(i + 3);
    const d0 = c0 < 128 ? DECODE[c0] : -1, d1 = c1 < 128 ? DECODE[c1] : -1, d2 = c2 < 128 ? DECODE[c2] : -1, d3 = c3 < 128 ? DECODE[c3] : -1;
    if ((d0 | d1 | d2 | d3) < 0) [i, i + 1, i + 2, i + 3].forEach(digit);
    const triple = (d0 << 18) | (d1 << 12) | (d2 << 6) | d3;
    bytes[o++] = triple >> 16;
    bytes[o++] = (triple >> 8) & 255;
    bytes[o++] = triple & 255;
  }
  for (let i = whole; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const c2 = last && text[i + 2] === '=' ? 0 : digit(i + 2);
    const c3 = last && text[i + 3] === '=' ? 0 : digit(i + 3);
    const triple = (digit(i) << 18) | (digit(i + 1) << 12) | (c2 << 6) | c3;
    if (o < bytes.length) bytes[o++] = triple >> 16;
    if (o < bytes.length) bytes[o++] = (triple >> 8) & 255;
    if (o < bytes.length) bytes[o++] = triple & 255;
  }
  if (LITTLE_ENDIAN) return new Float64Array(bytes.buffer);
  const out = new Float64Array(count);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

/**
 * A float64 field of a model file: an array of numbers (as files before the
 * base64 encoding wrote them) or `{"encoding": "float64-base64", "data": "…"}`;
 * `expected` values, all finite. Errors name the field and the entry.
 */
export function readFloat64Field(v: unknown, field: string, expected: number, fail: (m: string) => never): Float64Array {
  let out: Float64Array;
  if (Array.isArray(v)) {
    if (v.length !== expected) fail(`field "${field}" has ${v.length} values, expected ${expected} for these labels and features`);
    out = new Float64Array(expected);
    for (let i = 0; i < expected; i++) {
      const x = v[i];
      if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${field}[${i}] is ${JSON.stringify(x)}, expected a finite number`);
      out[i] = x;
    }
    return out;
  }
  const e = v as EncodedFloat64 | null;
  if (e === null || typeof e !== 'object' || e.encoding !== 'float64-base64' || typeof e.data !== 'string') {
    return fail(`field "${field}" must be an array of numbers or {"encoding": "float64-base64", "data": "…"}`);
  }
  // The length is checked before anything is allocated (a claimed 1e9 values costs nothing).
  const chars = Math.ceil((expected * 8) / 3) * 4;
  if (e.data.length !== chars) fail(`field "${field}.data" has ${e.data.length} characters, expected ${chars} for ${expected} values (these labels and features)`);
  try {
    out = base64ToFloat64(e.data, expected);
  } catch (err) {
    return fail(`field "${field}.data": ${(err as Error).message}`);
  }
  for (let i = 0; i < expected; i++) if (!Number.isFinite(out[i])) fail(`${field}[${i}] is ${out[i]}, expected a finite number`);
  return out;
}
