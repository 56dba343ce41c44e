/**
 * A Unicode-aware tokenizer: words are runs of letters, marks and digits
 * (any script), with inner apostrophes kept ("don't", "l’homme"); text is
 * NFC-normalized and, by default, lower-cased; punctuation and symbols are
 * dropped, or kept as one-character tokens.
 */
export interface TokenizerOptions {
  /** Lower-case the text (default true). */
  lowercase?: boolean;
  /** 'drop' punctuation and symbols (default) or 'keep' each as a token. */
  punctuation?: 'drop' | 'keep';
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const WORD_OR_PUNCT = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

export function tokenize(text: string, options: TokenizerOptions = {}): string[] {
  let t = text.normalize('NFC');
  if (options.lowercase ?? true) t = t.toLowerCase();
  return t.match(options.punctuation === 'keep' ? WORD_OR_PUNCT : WORD) ?? [];
}
