import { readFileSync } from 'node:fs';
import { type LabelTable } from '../data/labels.js';
import { checkCosts } from '../losses/multiclass-hinge.js';

/**
 * Cost files: a header line of labels, then one line per true label: the
 * label, then the cost of predicting each header label, separated by commas,
 * tabs or (when the file has neither) spaces. Example (the lecture's costs for gold Health):
 *
 *   ,Health,Science,Sports
 *   Health,0,1,3
 *   Science,1,0,1
 *   Sports,3,1,0
 *
 * Pairs absent from the file cost 1 when mistaken (0/1 costs).
 */
interface CostEntries {
  /** [true label, predicted label, cost] with the file line each came from. */
  entries: Array<{ truth: string; predicted: string; cost: number; line: number }>;
}

function parseCostFile(path: string): CostEntries {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`${path}: cannot read the cost file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  // Commas or tabs when the file has them (labels may then contain spaces), else spaces.
  const sep = text.includes(',') ? /\s*,\s*/ : text.includes('\t') ? /\s*\t\s*/ : /\s+/;
  const lines = text.split(/\r?\n/).map((l, i) => ({ fields: l.trim().split(sep), line: i + 1, empty: l.trim() === '' || l.trim().startsWith('#') }));
  const rows = lines.filter((l) => !l.empty);
  if (rows.length < 2) throw new RangeError(`${path}: expected a header of labels and one line per true label`);
  const header = rows[0].fields[0] === '' ? rows[0].fields.slice(1) : rows[0].fields;
  const entries: CostEntries['entries'] = [];
  for (const { fields, line } of rows.slice(1)) {
    if (fields.length !== header.length + 1) throw new RangeError(`${path}:${line}: expected a label and ${header.length} costs, got ${fields.length} fields`);
    header.forEach((predicted, j) => {
      const v = Number(fields[j + 1]);
      if (fields[j + 1] === '' || !Number.isFinite(v)) throw new RangeError(`${path}:${line}: cost ${j + 1} is ${JSON.stringify(fields[j + 1])}, expected a number`);
      if (v < 0) throw new RangeError(`${path}:${line}: the cost of predicting ${JSON.stringify(predicted)} for ${JSON.stringify(fields[0])} is ${v}; costs must be ≥ 0`);
      entries.push({ truth: fields[0], predicted, cost: v, line });
    });
  }
  return { entries };
}

/** A K×K cost matrix over a label table (row = true class). */
export function readCostFile(path: string, labels: LabelTable): Float64Array {
  const K = labels.size;
  const costs = new Float64Array(K * K).fill(1);
  for (let k = 0; k < K; k++) costs[k * K + k] = 0;
  const indexOf = (label: string, line: number): number => {
    const k = labels.labels.findIndex((l) => String(l) === label);
    if (k < 0) throw new RangeError(`${path}:${line}: label ${JSON.stringify(label)} is not one of the data's labels`);
    return k;
  };
  for (const e of parseCostFile(path).entries) costs[indexOf(e.truth, e.line) * K + indexOf(e.predicted, e.line)] = e.cost;
  return checkCosts(costs, K, path);
}

/** A cost function over arbitrary label strings (joint models, whose label sets are open). */
export function readLabelCosts(path: string): (predicted: string, gold: string) => number {
  const table = new Map<string, number>();
  for (const e of parseCostFile(path).entries) {
    if (e.truth === e.predicted && e.cost !== 0) throw new RangeError(`${path}:${e.line}: the cost of a correct prediction (${JSON.stringify(e.truth)}) must be 0, got ${e.cost}`);
    table.set(`${e.predicted}\u0000${e.truth}`, e.cost);
  }
  return (predicted, gold) => (predicted === gold ? 0 : (table.get(`${predicted}\u0000${gold}`) ?? 1));
}
