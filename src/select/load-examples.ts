/** Reading examples for model selection from the command line's data arguments (Node-only). */
import { type Dataset, subset } from '../data/dataset.js';
import { type CsrMatrix } from '../data/csr.js';
import { type Label, LabelTable } from '../data/labels.js';
import { type ReadOptions } from '../io/readers/read.js';
import { type Records } from '../io/readers/records.js';
import { refuseUnknownOptions } from '../option-names.js';
import { UsageError } from '../cli/args.js';
import { alignColumns, readSource, SOURCE_OPTION_NAMES, type SourceOptions } from '../cli/data-source.js';
import { type Examples } from './examples.js';

/**
 * Training examples from a built-in dataset or a file, unfeaturized. Lines
 * with several labels count once per label (as `argmax train` reads them).
 * `first` keeps the first n examples.
 */
export function loadExamples(spec: string, source: SourceOptions, first?: number): Examples {
  refuseUnknownOptions(source, SOURCE_OPTION_NAMES, 'loadExamples');
  const src = read(spec, source);
  let ex: Examples;
  if (!('kind' in src)) ex = { kind: 'vectors', data: src };
  else {
    const rows: number[] = [];
    const labels: Label[] = [];
    src.labels.forEach((set, i) => {
      if (set.length === 0) throw new RangeError(`${spec}: example ${i + 1} has no label`);
      for (const l of set) {
        rows.push(i);
        labels.push(l);
      }
    });
    if (rows.length === 0) throw new RangeError(`${spec}: no labelled examples`);
    const table = LabelTable.fromValues(labels);
    const y = table.encode(labels, `${spec}: labels`);
    ex = src.kind === 'text'
      ? { kind: 'text', texts: rows.map((i) => src.texts[i]), y, labels: table }
      : { kind: 'vectors', data: { X: repeatRows(src.X, rows), y, labels: table }, columns: src.columns };
  }
  return first === undefined ? ex : headOf(ex, first, spec);
}

/**
 * Held-out examples (a validation file) under the training data's label
 * table; a label the training data lack is an error naming the example.
 */
export function loadHeldOut(spec: string, source: SourceOptions, training: Examples): Examples {
  refuseUnknownOptions(source, SOURCE_OPTION_NAMES, 'loadHeldOut');
  const src = alignColumns(read(spec, { ...source, absentIgnored: 'skip' }), training.kind === 'vectors' ? training.columns : undefined, spec);
  const table = training.kind === 'vectors' ? training.data.labels : training.labels;
  const encode = (labels: (string | number)[]) =>
    Int32Array.from(labels, (l, i) => {
      const k = table.has(l) ? table.indexOf(l) : table.has(String(l)) ? table.indexOf(String(l)) : -1;
      if (k < 0) throw new RangeError(`${spec}: example ${i + 1} has the label ${JSON.stringify(l)}, which the training data do not have (they have ${table.labels.map((x) => JSON.stringify(x)).join(', ')})`);
      return k;
    });
  if (!('kind' in src)) {
    if (training.kind !== 'vectors') throw new UsageError(`${spec} holds numeric vectors but the training data are text`);
    return { kind: 'vectors', data: { X: src.X, y: encode(Array.from(src.y, (k) => src.labels.labelOf(k))), labels: table } };
  }
  // Lines with several labels are scored against their first label (as `argmax test` does).
  const labels = src.labels.map((l, i) => {
    if (l.length === 0) throw new RangeError(`${spec}: example ${i + 1} has no label`);
    return l[0];
  });
  if (src.kind === 'text') {
    if (training.kind !== 'text') throw new UsageError(`${spec} holds text but the training data are numeric vectors`);
    return { kind: 'text', texts: src.texts, y: encode(labels), labels: table };
  }
  if (training.kind !== 'vectors') throw new UsageError(`${spec} holds numeric vectors but the training data are text`);
  return { kind: 'vectors', data: { X: src.X, y: encode(labels), labels: table } };
}

/** zeroBased (the command line's --zero-based) is the readers' indexBase 0. */
function read(spec: string, o: SourceOptions & Pick<ReadOptions, 'absentIgnored'> = {}): Records | Dataset {
  return readSource(spec, o.zeroBased ? { ...o, indexBase: 0 } : o);
}

function headOf(ex: Examples, n: number, spec: string): Examples {
  const size = ex.kind === 'vectors' ? ex.data.X.rows : ex.texts.length;
  if (n > size) throw new UsageError(`--first ${n}: ${spec} has only ${size} examples`);
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  if (ex.kind === 'vectors') return { kind: 'vectors', data: subset(ex.data, rows), columns: ex.columns };
  return { kind: 'text', texts: ex.texts.slice(0, n), y: ex.y.slice(0, n), labels: ex.labels };
}

function repeatRows(X: CsrMatrix, rows: number[]): CsrMatrix {
  if (rows.length === X.rows && rows.every((r, i) => r === i)) return X;
  return subset({ X, y: new Int32Array(X.rows), labels: new LabelTable([0]) }, rows).X as CsrMatrix;
}
