import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { TEXT_DATASETS, type TextDatasetName, textDataset, toFastTextLines } from '../data/text-datasets.js';
import { MAX_SEED, numberFlag, UsageError } from './args.js';
import { checkOutputFolder } from './output-path.js';
import { Random } from '../random.js';

export const DATASETS_HELP = `argmax datasets: write a text task's train/test split as fastText-format files

Usage: argmax datasets sotu|spam --out DIR [--seed n] [--val-fraction f]

  sotu   State of the Union addresses in 3-sentence chunks, labelled by party
         (parties with ≥ 500 chunks), split by whole speech
  spam   SpamAssassin messages, spam vs ham

Writes DIR/train.txt and DIR/test.txt ("__label__<label> <text>" per line), so
any tool can be run on the same data. With --val-fraction f (0 < f < 1), a
seeded fraction f of the training examples goes to DIR/valid.txt instead
(for autotune: argmax train --autotune-val, fastText -autotune-validation).`;

export function runDatasets(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, seed: { type: 'string' }, 'val-fraction': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const name = positionals[0];
  if (positionals.length !== 1 || !(TEXT_DATASETS as readonly string[]).includes(name)) {
    throw new UsageError(`expected one dataset name, ${TEXT_DATASETS.join(' or ')}, got ${positionals.join(' ') || 'none'}`);
  }
  if (!values.out) throw new UsageError('--out: the folder to write to is required');
  checkOutputFolder(values.out, '--out');
  const seed = numberFlag(values, 'seed', 0, { integer: true, min: 0, max: MAX_SEED });
  const valFraction = numberFlag(values, 'val-fraction', 0, { min: 0, max: 0.9 });
  const split = textDataset(name as TextDatasetName, seed);
  let train = split.train;
  let valid: typeof train | null = null;
  if (valFraction > 0) {
    // A seeded shuffle of the training examples; the first f of them become the validation file.
    const order = new Random(seed + 1).permutation(train.length);
    const nVal = Math.round(valFraction * train.length);
    valid = Array.from(order.subarray(0, nVal), (i) => split.train[i]);
    train = Array.from(order.subarray(nVal), (i) => split.train[i]);
  }
  writeFileAtomic(join(values.out, 'train.txt'), toFastTextLines(train));
  if (valid) writeFileAtomic(join(values.out, 'valid.txt'), toFastTextLines(valid));
  writeFileAtomic(join(values.out, 'test.txt'), toFastTextLines(split.test));
  const count = (ex: { label: string }[]) => {
    const m = new Map<string, number>();
    for (const e of ex) m.set(e.label, (m.get(e.label) ?? 0) + 1);
    return [...m].sort().map(([l, n]) => `${l} ${n}`).join(', ');
  };
  console.log(split.description);
  console.log(`train: ${train.length} examples (${count(train)}) → ${join(values.out, 'train.txt')}`);
  if (valid) console.log(`valid: ${valid.length} examples (${count(valid)}) → ${join(values.out, 'valid.txt')}`);
  console.log(`test:  ${split.test.length} examples (${count(split.test)}) → ${join(values.out, 'test.txt')}`);
  return 0;
}
