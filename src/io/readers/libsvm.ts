import { DataFormatError } from './lines.js';
import { type VectorRecords } from './records.js';

export interface LibsvmOptions {
  /** 'auto' (default): 0-based if any index is 0, else 1-based. */
  indexBase?: 'auto' | 0 | 1;
  /** Number of features (default: the largest index seen). */
  numFeatures?: number;
}

/**
 * LibSVM / SVMlight: `label idx:value idx:value … [# comment]`, indices
 * increasing. Errors name the line and the token. Empty and comment lines
 * are skipped.
 */
export function parseLibsvm(lines: Iterable<{ line: string; number: number }>, source: string, options: LibsvmOptions = {}): VectorRecords {
  const labels: string[][] = [];
  const indptr: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  let sawZero = false;
  let maxIndex = -1;
  for (const { line, number } of lines) {
    const content = line.replace(/#.*$/, '').trim();
    if (content === '') continue;
    const tokens = content.split(/\s+/);
    labels.push(tokens[0].split(','));
    let prev = -1;
    for (let t = 1; t < tokens.length; t++) {
      const tok = tokens[t];
      const colon = tok.indexOf(':');
      const idx = Number(tok.slice(0, colon));
      const val = Number(tok.slice(colon + 1));
      if (colon <= 0 || !Number.isInteger(idx) || idx < 0 || tok.slice(colon + 1) === '' || !Number.isFinite(val)) {
        throw new DataFormatError(source, number, `feature ${t} ${JSON.stringify(tok)}: expected index:value with an integer index ≥ 0 and a finite value`);
      }
      if (idx <= prev) throw new DataFormatError(source, number, `feature indices must increase: ${prev} then ${idx}`);
      prev = idx;
      if (idx === 0) sawZero = true;
      if (idx > maxIndex) maxIndex = idx;
      if (val !== 0) {
        indices.push(idx);
        values.push(val);
      }
    }
    indptr.push(indices.length);
  }
  const base = options.indexBase === undefined || options.indexBase === 'auto' ? (sawZero ? 0 : 1) : options.indexBase;
  if (base === 1 && sawZero) throw new DataFormatError(source, 0, 'index 0 found but the indices were declared 1-based');
  const cols = options.numFeatures ?? maxIndex + 1 - base;
  const idx = Int32Array.from(indices, (j) => j - base);
  for (let p = 0; p < idx.length; p++) {
    if (idx[p] >= cols) throw new RangeError(`${source}: feature index ${idx[p] + base} is beyond the ${cols} features expected`);
  }
  return {
    kind: 'vectors',
    labels,
    X: { kind: 'csr', rows: labels.length, cols: Math.max(cols, 0), indptr: Int32Array.from(indptr), indices: idx, values: Float64Array.from(values), scale: 1 },
  };
}
