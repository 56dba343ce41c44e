/**
 * A Unicode-aware tokenizer: words are runs of letters, marks and digits
 * (any script), with inner apostrophes kept ("don't", "l’homme"); text is
 * NFC-normalized and, by default, lower-cased; punctuation and symbols are
 * dropped, or kept as one-character tokens.
 *
 * Scripts written without spaces between words (Chinese, Japanese, Thai, Lao,
 * Khmer, Myanmar) make one run of letters per phrase; with segmentWords such a
 * run is cut into dictionary words by ICU's word breaker (Intl.Segmenter), as
 * "我们必须降低税收" → 我们 必须 降低 税收.
 */
export interface TokenizerOptions {
  /** Lower-case the text (default true). */
  lowercase?: boolean;
  /** 'drop' punctuation and symbols (default) or 'keep' each as a token. */
  punctuation?: 'drop' | 'keep';
  /** Cut runs of a script written without spaces into dictionary words (default false). */
  segmentWords?: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const WORD_OR_PUNCT = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** ICU's word breaker; its dictionaries for these scripts do not depend on the locale. */
let segmenter: Intl.Segmenter | null = null;

export function tokenize(text: string, options: TokenizerOptions = {}): string[] {
  let t = text.normalize('NFC');
  if (options.lowercase ?? true) t = t.toLowerCase();
  const tokens = t.match(options.punctuation === 'keep' ? WORD_OR_PUNCT : WORD) ?? [];
  return options.segmentWords ? tokens.flatMap((token) => wordSegments(token, true)) : tokens;
}

/**
 * A run of text without spaces cut where ICU's word breaker cuts it when it
 * holds a script written without spaces (else the run itself): the words only,
 * or (wordsOnly false) every segment, punctuation included, so they join back
 * into the run.
 */
export function wordSegments(run: string, wordsOnly = false): string[] {
  if (!NO_SPACE_SCRIPT.test(run)) return [run];
  segmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  const out: string[] = [];
  for (const s of segmenter.segment(run)) if (s.isWordLike || !wordsOnly) out.push(s.segment);
  return out;
}
