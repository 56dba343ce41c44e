/**
 * The tokenizer of tokenize.ts on ASCII bytes, without decoding (the loop is
 * TermCounter.addAsciiWords): on ASCII text NFC does nothing, lower-casing
 * maps A–Z to a–z, letters/marks/digits are [A-Za-z0-9], and \s is tab, line
 * feed, vertical tab, form feed, carriage return and space. Words are runs of
 * [A-Za-z0-9] joined by inner apostrophes; with punctuation 'keep', every
 * other non-space byte is a one-character token.
 */
export const WORD_BYTE = 1;
export const SPACE_BYTE = 2;
/** Per byte: WORD_BYTE ([A-Za-z0-9]), SPACE_BYTE (JavaScript's \s in ASCII), else 0. */
export const BYTE_CLASS = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) BYTE_CLASS[c] = WORD_BYTE;
  if ((c >= 0x09 && c <= 0x0d) || c === 0x20) BYTE_CLASS[c] = SPACE_BYTE;
}

/**
 * Per byte: a word byte's lower-cased value (WORD_LOWER) or its own value
 * (WORD_AS_IS), 0 for any other byte: one load both classifies and maps.
 */
export const WORD_LOWER = new Uint8Array(256);
export const WORD_AS_IS = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  if (BYTE_CLASS[c] !== WORD_BYTE) continue;
  WORD_AS_IS[c] = c;
  WORD_LOWER[c] = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}

/** Whether bytes[start, end) are all ASCII. */
export function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let p = start; p < end; p++) if (bytes[p] >= 0x80) return false;
  return true;
}
