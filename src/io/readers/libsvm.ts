import { DataFormatError, parseDecimal } from './lines.js';
import { type VectorRecords } from './records.js';
import { optionNames, refuseUnknownOptions } from '../../option-names.js';

/** Indices are stored as 32-bit integers; no real data set is wider. */
export const MAX_LIBSVM_INDEX = 2 ** 31 - 2;

export interface LibsvmOptions {
  /**
   * 'auto' (default, for training): 0-based if any index is 0, else 1-based.
   * A trained model stores the base it saw, and later files are read with it.
   */
  indexBase?: 'auto' | 0 | 1;
  /** Number of features (default: the largest index seen). */
  numFeatures?: number;
  /** With numFeatures: 'error' (default) on a larger index, or 'ignore' the value and count it (prediction, as LIBLINEAR). */
  beyondWidth?: 'error' | 'ignore';
  /** false: lines may start with a feature instead of a label (prediction); default true. */
  requireLabels?: boolean;
}

const LIBSVM_OPTION_NAMES = optionNames<LibsvmOptions>()(['indexBase', 'numFeatures', 'beyondWidth', 'requireLabels']);

/**
 * LibSVM / SVMlight: `label [qid:n] idx:value idx:value … [# comment]`,
 * indices increasing. Labels are numbers (+1, 1 and 1.0 are one class), or
 * comma-separated numbers for several labels; `qid:` fields (ranking files)
 * are read and ignored. Indices are decimal integers, values decimal numbers:
 * hex, Infinity and NaN are refused. Empty and comment lines are skipped.
 * Memory is proportional to the non-zeros, whatever the largest index.
 * Errors name the line and the token.
 */
export function parseLibsvm(lines: Iterable<{ line: string; number: number }>, source: string, options: LibsvmOptions = {}): VectorRecords {
  refuseUnknownOptions(options, LIBSVM_OPTION_NAMES, 'parseLibsvm');
  const requireLabels = options.requireLabels ?? true;
  const declaredBase = options.indexBase === undefined || options.indexBase === 'auto' ? null : options.indexBase;
  const labels: number[][] = [];
  const indptr: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  let sawZero = false;
  let maxIndex = -1;
  let maxIndexLine = 0;
  const rowLines: number[] = [];
  for (const { line, number } of lines) {
    const hash = line.indexOf('#');
    const content = (hash >= 0 ? line.slice(0, hash) : line).trim();
    if (content === '') continue;
    const fail = (msg: string): never => {
      throw new DataFormatError(source, number, msg);
    };
    const tokens = content.split(/\s+/);
    rowLines.push(number);
    let t = 0;
    if (tokens[0].includes(':') && !tokens[0].startsWith('qid:')) {
      if (requireLabels) fail(`no label: the line starts with the feature ${JSON.stringify(tokens[0])} (expected "label index:value …")`);
      labels.push([]);
    } else {
      labels.push(tokens[0].split(',').map((s) => parseDecimal(s) ?? fail(`label ${JSON.stringify(tokens[0])} is not a number (LibSVM labels are numbers, e.g. 1, -1, 3)`)));
      t = 1;
    }
    if (t < tokens.length && tokens[t].startsWith('qid:')) {
      if (!/^qid:\d+$/.test(tokens[t])) fail(`${JSON.stringify(tokens[t])}: expected qid:<integer>`);
      t++;
    }
    let prev = -1;
    for (; t < tokens.length; t++) {
      const tok = tokens[t];
      const colon = tok.indexOf(':');
      const idxText = tok.slice(0, colon);
      const val = parseDecimal(tok.slice(colon + 1));
      if (colon <= 0 || !/^\d+$/.test(idxText) || val === null) {
        fail(`feature ${t} ${JSON.stringify(tok)}: expected index:value with a decimal integer index ≥ 0 and a finite decimal value`);
      }
      const idx = Number(idxText);
      if (idx > MAX_LIBSVM_INDEX) fail(`feature index ${idxText} is beyond the largest supported index ${MAX_LIBSVM_INDEX}`);
      if (idx <= prev) fail(`feature indices must increase: ${prev} then ${idx}`);
      prev = idx;
      if (idx === 0) {
        if (declaredBase === 1) fail('index 0, but the indices are 1-based (as in the training file); renumber the file or retrain');
        sawZero = true;
      }
      if (idx > maxIndex) [maxIndex, maxIndexLine] = [idx, number];
      if (val !== 0) {
        indices.push(idx);
        values.push(val!);
      }
    }
    indptr.push(indices.length);
  }
  const base = declaredBase ?? (sawZero ? 0 : 1);
  const cols = options.numFeatures ?? Math.max(maxIndex + 1 - base, 0);
  const beyond = options.beyondWidth ?? 'error';
  // Drop (or refuse) values beyond the width, compacting the arrays in place.
  let ignoredValues = 0;
  let q = 0;
  let row = 0;
  const keptPtr = Int32Array.from(indptr);
  for (let p = 0; p < indices.length; p++) {
    while (indptr[row + 1] <= p) keptPtr[++row] = q;
    const j = indices[p] - base;
    if (j >= cols) {
      if (beyond === 'error') throw new DataFormatError(source, rowLines[row], `feature index ${indices[p]} is beyond the ${cols} features expected`);
      ignoredValues++;
      continue;
    }
    indices[q] = j;
    values[q++] = values[p];
  }
  while (row < labels.length) keptPtr[++row] = q;
  return {
    kind: 'vectors',
    labels,
    X: { kind: 'csr', rows: labels.length, cols, indptr: keptPtr, indices: Int32Array.from(indices.slice(0, q)), values: Float64Array.from(values.slice(0, q)), scale: 1 },
    indexBase: base,
    ignoredValues,
    maxIndexLine,
  };
}
