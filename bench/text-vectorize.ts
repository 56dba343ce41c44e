/**
 * Reading + tokenizing + vectorizing a fastText training file in this
 * process, one way per run (a fresh process each, so neither inherits the
 * other's heap): 'stream' is what `argmax train` does now (bytes streamed
 * into the interned CSR); 'strings' is the earlier path (the file read as
 * line strings, each document's terms as strings, a Map vocabulary).
 * Prints one JSON line: wall and CPU seconds, rows, non-zeros.
 * Usage: node text-vectorize.js <file> stream|strings
 */
import { statSync } from 'node:fs';
import { readRecords } from '../src/io/readers/read.js';
import { type TextRecords } from '../src/io/readers/records.js';
import { fitTransformTextFile } from '../src/text/text-stream.js';
import { StringFeaturizer } from '../test/support/string-featurizer.js';

const [file, mode] = process.argv.slice(2);
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
const c0 = cpu();
const t0 = performance.now();
let rows: number;
let nnz: number;
if (mode === 'stream') {
  const r = fitTransformTextFile(file, {});
  rows = r.train.X.rows;
  nnz = r.train.X.indptr[rows];
} else {
  const src = readRecords(file) as TextRecords;
  const texts: string[] = [];
  src.labels.forEach((ls, i) => ls.forEach(() => texts.push(src.texts[i])));
  const X = new StringFeaturizer({}).fitTransform(texts);
  rows = X.rows;
  nnz = X.indptr[rows];
}
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ mode, seconds, cpuSeconds: cpu() - c0, rows, nnz, megabytes: statSync(file).size / 1e6 }));
