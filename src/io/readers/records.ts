import { type CsrMatrix } from '../../data/csr.js';

/** Examples read from a text file: raw text with one or more labels each. */
export interface TextRecords {
  kind: 'text';
  texts: string[];
  /** Labels of each example (fastText lines may carry several; others one). */
  labels: string[][];
}

/** Examples read with numeric features (LibSVM, numeric CSV). */
export interface VectorRecords {
  kind: 'vectors';
  X: CsrMatrix;
  labels: string[][];
}

export type Records = TextRecords | VectorRecords;
