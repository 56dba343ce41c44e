import { type CsrMatrix } from '../../data/csr.js';
import { type Label } from '../../data/labels.js';

/** Examples read from a text file: raw text with one or more labels each. */
export interface TextRecords {
  kind: 'text';
  texts: string[];
  /** Labels of each example (fastText lines may carry several; others one; none when unlabelled). */
  labels: string[][];
}

/** Examples read with numeric features (LibSVM, numeric CSV); labels that spell numbers are numbers. */
export interface VectorRecords {
  kind: 'vectors';
  X: CsrMatrix;
  labels: Label[][];
  /** CSV/TSV: the header names of the feature columns, in the order of X's columns. */
  columns?: string[];
  /** LibSVM: the index base the file was read with (0 or 1). */
  indexBase?: 0 | 1;
  /** LibSVM: values beyond the requested width that were dropped. */
  ignoredValues?: number;
  /** LibSVM: the line of the largest index (to name it when the width is refused). */
  maxIndexLine?: number;
}

export type Records = TextRecords | VectorRecords;
