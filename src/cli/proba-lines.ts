import { type Label } from '../data/labels.js';
import { UsageError } from './args.js';

/** A label and its probability, as predict prints them. */
export interface Ranked {
  label: Label;
  p: number;
}

/**
 * One output line of `predict --proba` / `-k n`, the most probable first: "label p label p …"
 * (6 significant digits), or with --jsonl {"label", "probability"} (--proba) or {"labels", "probabilities"} (-k).
 */
export function probaLine(top: readonly Ranked[], jsonl: boolean, ranked: boolean): string {
  if (!jsonl) return top.map((t) => `${t.label} ${t.p.toPrecision(6)}`).join(' ');
  if (!ranked) return JSON.stringify({ label: top[0].label, probability: top[0].p });
  return JSON.stringify({ labels: top.map((t) => t.label), probabilities: top.map((t) => t.p) });
}

/** "label p label p" lines cannot be split when a label holds a space and there are two labels or more a line. */
export function refuseSpacedLabels(labels: Iterable<Label>, k: number, askedK: number | undefined, jsonl: boolean): void {
  if (jsonl || k < 2) return;
  for (const l of labels) {
    if (typeof l === 'string' && /\s/.test(l)) {
      throw new UsageError(`-k ${askedK}: the label ${JSON.stringify(l)} contains a space, so "label p label p" lines could not be split; add --jsonl for one JSON object per input line`);
    }
  }
}
