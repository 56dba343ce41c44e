import { type JointModel } from '../joint/joint-model.js';
import { numberFlag, UsageError } from './args.js';
import { loadJointData } from './data-source.js';
import { probaLine, refuseSpacedLabels } from './proba-lines.js';

/**
 * predict with a joint model: each example brings its own candidates, so its
 * probabilities are P(y | x) over those candidates only (they sum to 1 per
 * example), and -k n gives at most as many labels as the example has
 * candidates, as it gives at most the K classes of a linear model.
 */
export function predictJoint(model: JointModel, meta: Record<string, unknown>, input: string, values: { proba?: boolean; k?: string; jsonl?: boolean }): number {
  const askedK = numberFlag(values, 'k', undefined, { integer: true, min: 1, spelled: '-k' });
  const k = askedK ?? (values.proba ? 1 : 0);
  const jsonl = Boolean(values.jsonl);
  if (k > 0 && meta.loss === 'svm') {
    throw new UsageError('--proba and -k need probabilities; this joint model was trained with --joint-loss svm, whose scores are not probabilities');
  }
  const data = loadJointData(input, model.w.length, false);
  let lines: string[];
  if (k === 0) lines = model.predict(data).map((label) => (jsonl ? JSON.stringify({ label }) : label));
  else {
    refuseSpacedLabels(data.candidateLabels, k, askedK, jsonl);
    // Ranked by score, ties by position: the first of the top candidates is the one predict prints.
    const z = model.scores(data);
    lines = model.predictProba(data).map((p, i) => {
      const at = data.offsets[i];
      const order = Array.from(p, (_, t) => t).sort((a, b) => z[at + b] - z[at + a] || a - b);
      return probaLine(order.slice(0, k).map((t) => ({ label: data.candidateLabels[at + t], p: p[t] })), jsonl, askedK !== undefined);
    });
  }
  process.stdout.write(lines.join('\n') + (lines.length ? '\n' : ''));
  return 0;
}
