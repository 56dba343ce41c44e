/**
 * Term bytes: the UTF-8 bytes of a term, with a lone surrogate (possible in a
 * JavaScript string, never in a UTF-8 file) written as its own three-byte
 * sequence (WTF-8), so distinct strings always get distinct bytes.
 */

/** Writes the bytes of text[from, to) into out at `at` (out must have 3·(to − from) bytes free); returns the end. */
export function encodeTerm(text: string, out: Uint8Array, at = 0): number {
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[at++] = c;
      continue;
    }
    if (c < 0x800) {
      out[at++] = 0xc0 | (c >> 6);
      out[at++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        out[at++] = 0xf0 | (c >> 18);
        out[at++] = 0x80 | ((c >> 12) & 0x3f);
        out[at++] = 0x80 | ((c >> 6) & 0x3f);
        out[at++] = 0x80 | (c & 0x3f);
        continue;
      }
    }
    out[at++] = 0xe0 | (c >> 12);
    out[at++] = 0x80 | ((c >> 6) & 0x3f);
    out[at++] = 0x80 | (c & 0x3f);
  }
  return at;
}

/** The string whose term bytes are bytes[start, end). */
export function decodeTerm(bytes: Uint8Array, start: number, end: number): string {
  let ascii = true;
  for (let p = start; p < end; p++) if (bytes[p] >= 0x80) ascii = false;
  if (ascii) return fromCodes(bytes.subarray(start, end));
  const units: number[] = [];
  for (let p = start; p < end; ) {
    const c = bytes[p];
    if (c < 0x80) {
      units.push(c);
      p++;
    } else if (c < 0xe0) {
      units.push(((c & 0x1f) << 6) | (bytes[p + 1] & 0x3f));
      p += 2;
    } else if (c < 0xf0) {
      units.push(((c & 0x0f) << 12) | ((bytes[p + 1] & 0x3f) << 6) | (bytes[p + 2] & 0x3f));
      p += 3;
    } else {
      const cp = ((c & 0x07) << 18) | ((bytes[p + 1] & 0x3f) << 12) | ((bytes[p + 2] & 0x3f) << 6) | (bytes[p + 3] & 0x3f);
      units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
      p += 4;
    }
  }
  return fromCodes(units);
}

/** String.fromCharCode over many codes, in slices (an argument list has a size limit). */
function fromCodes(codes: ArrayLike<number> & { slice(a: number, b: number): ArrayLike<number> }): string {
  if (codes.length <= 4096) return String.fromCharCode.apply(null, codes as number[]);
  let s = '';
  for (let i = 0; i < codes.length; i += 4096) s += String.fromCharCode.apply(null, codes.slice(i, i + 4096) as number[]);
  return s;
}

/** Whether term bytes hold a lone surrogate (which UTF-8 encoders replace by U+FFFD). */
export function hasLoneSurrogate(bytes: Uint8Array, start: number, end: number): boolean {
  for (let p = start; p + 1 < end; p++) if (bytes[p] === 0xed && bytes[p + 1] >= 0xa0) return true;
  return false;
}
