import { murmur3 } from '../text/hash.js';
import { JointBuilder, type JointDataset } from './joint-data.js';

/**
 * Tagging features (the lecture's "the router [blocks] the packets"): templates
 * over a window around token i — the word, the previous and next words,
 * prefixes and suffixes, the word's shape — each conjoined with the candidate
 * tag and hashed into `buckets` joint features.
 */
export function tokenTemplates(tokens: readonly string[], i: number): string[] {
  const w = tokens[i];
  const lower = w.toLowerCase();
  const prev = i > 0 ? tokens[i - 1].toLowerCase() : '<s>';
  const next = i + 1 < tokens.length ? tokens[i + 1].toLowerCase() : '</s>';
  const out = ['bias', `w=${lower}`, `p=${prev}`, `n=${next}`, `p+w=${prev}|${lower}`, `shape=${shape(w)}`];
  for (const k of [1, 2, 3]) {
    if (lower.length >= k) {
      out.push(`pre${k}=${lower.slice(0, k)}`);
      out.push(`suf${k}=${lower.slice(-k)}`);
    }
  }
  return out;
}

/** Xx-style word shape: upper → X, lower → x, digit → d, other kept; runs collapsed ("Router" → "Xx", "4G" → "dX"). */
export function shape(word: string): string {
  const mapped = Array.from(word, (c) => (/\p{Lu}/u.test(c) ? 'X' : /\p{Ll}/u.test(c) ? 'x' : /\p{N}/u.test(c) ? 'd' : c));
  return mapped.filter((c, i) => i === 0 || c !== mapped[i - 1]).join('');
}

export interface TaggedSentence {
  tokens: string[];
  /** Gold tags (omit for prediction). */
  tags?: string[];
}

/** One joint example per token: every tag of the tag set is a candidate, with the templates conjoined with it. */
export function taggingDataset(sentences: readonly TaggedSentence[], tagSet: readonly string[], buckets = 1 << 18): JointDataset {
  const builder = new JointBuilder();
  for (const s of sentences) {
    s.tokens.forEach((_, i) => {
      const templates = tokenTemplates(s.tokens, i);
      for (const tag of tagSet) {
        const row = new Map<number, number>();
        for (const t of templates) {
          const col = murmur3(`${t}&tag=${tag}`) % buckets;
          row.set(col, (row.get(col) ?? 0) + 1);
        }
        builder.addCandidate(tag, row);
      }
      const g = s.tags ? tagSet.indexOf(s.tags[i]) : -1;
      if (s.tags && g < 0) throw new RangeError(`tag ${JSON.stringify(s.tags[i])} of token ${JSON.stringify(s.tokens[i])} is not in the tag set`);
      builder.endExample(g);
    });
  }
  return builder.build(buckets);
}
