import { readFileSync } from 'node:fs';
import { type LabelTable } from '../data/labels.js';
import { checkCosts } from '../losses/multiclass-hinge.js';

/**
 * Reads a cost matrix file: a header line of labels, then one line per true
 * label: the label, then the cost of predicting each header label, separated
 * by commas, tabs or spaces. Example (the lecture's costs for gold Health):
 *
 *   ,Health,Science,Sports
 *   Health,0,1,3
 *   Science,1,0,1
 *   Sports,3,1,0
 *
 * Labels absent from the file cost 1 when mistaken (0/1 costs).
 */
export function readCostFile(path: string, labels: LabelTable): Float64Array {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`${path}: cannot read the cost file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const rows = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split(/\s*[,\t ]\s*/));
  if (rows.length < 2) throw new RangeError(`${path}: expected a header of labels and one line per true label`);
  const header = rows[0][0] === '' ? rows[0].slice(1) : rows[0];
  const K = labels.size;
  const costs = new Float64Array(K * K).fill(1);
  for (let k = 0; k < K; k++) costs[k * K + k] = 0;
  const indexOf = (label: string, where: string): number => {
    const k = labels.labels.findIndex((l) => String(l) === label);
    if (k < 0) throw new RangeError(`${path}: ${where}: label ${JSON.stringify(label)} is not one of the data's labels`);
    return k;
  };
  const cols = header.map((l, j) => indexOf(l, `header column ${j + 1}`));
  rows.slice(1).forEach((row, r) => {
    const line = r + 2;
    if (row.length !== header.length + 1) throw new RangeError(`${path}:${line}: expected a label and ${header.length} costs, got ${row.length} fields`);
    const t = indexOf(row[0], `line ${line}`);
    cols.forEach((c, j) => {
      const v = Number(row[j + 1]);
      if (row[j + 1] === '' || !Number.isFinite(v)) throw new RangeError(`${path}:${line}: cost ${j + 1} is ${JSON.stringify(row[j + 1])}, expected a number`);
      costs[t * K + c] = v;
    });
  });
  return checkCosts(costs, K, path);
}
