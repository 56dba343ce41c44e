/**
 * The tokenizer of tokenize.ts on ASCII bytes, without decoding: on ASCII
 * text NFC does nothing, lower-casing maps A–Z to a–z, letters/marks/digits
 * are [A-Za-z0-9], and \s is tab, line feed, vertical tab, form feed,
 * carriage return and space. Words are runs of [A-Za-z0-9] joined by inner
 * apostrophes; with punctuation 'keep', every other non-space byte is a
 * one-character token.
 */
const WORD_BYTE = 1;
const SPACE_BYTE = 2;
const CLASS = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) CLASS[c] = WORD_BYTE;
  if ((c >= 0x09 && c <= 0x0d) || c === 0x20) CLASS[c] = SPACE_BYTE;
}

/** Whether bytes[start, end) are all ASCII. */
export function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let p = start; p < end; p++) if (bytes[p] >= 0x80) return false;
  return true;
}

/** Lower-cases ASCII bytes in place. */
export function lowerAscii(bytes: Uint8Array, start: number, end: number): void {
  for (let p = start; p < end; p++) {
    const c = bytes[p];
    if (c >= 0x41 && c <= 0x5a) bytes[p] = c | 0x20;
  }
}

/**
 * Calls onToken(start, end) for each token of the ASCII bytes[start, end)
 * (already lower-cased if wanted). nulIsSpace: NUL separates words (fastText
 * lines split on it) instead of being punctuation.
 */
export function forEachAsciiToken(
  bytes: Uint8Array,
  start: number,
  end: number,
  keepPunctuation: boolean,
  nulIsSpace: boolean,
  onToken: (start: number, end: number) => void,
): void {
  let i = start;
  while (i < end) {
    const c = bytes[i];
    const k = CLASS[c];
    if (k === WORD_BYTE) {
      let j = i + 1;
      while (j < end && CLASS[bytes[j]] === WORD_BYTE) j++;
      while (j + 1 < end && bytes[j] === 0x27 && CLASS[bytes[j + 1]] === WORD_BYTE) {
        j += 2;
        while (j < end && CLASS[bytes[j]] === WORD_BYTE) j++;
      }
      onToken(i, j);
      i = j;
    } else {
      if (keepPunctuation && k !== SPACE_BYTE && !(c === 0 && nulIsSpace)) onToken(i, i + 1);
      i++;
    }
  }
}
