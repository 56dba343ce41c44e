import { type CsrMatrix } from '../data/csr.js';
import { type LabelTable } from '../data/labels.js';

/**
 * Data for the joint feature model w·f(x, y) (features that depend on the label): each example has its
 * own candidate labels, each with a sparse feature vector f(x, y), so the
 * label set may differ per example and be huge overall. Stored flat: the
 * candidates' feature vectors are the rows of one CSR matrix; example i owns
 * rows offsets[i] .. offsets[i+1]; gold[i] is the position of its gold label
 * among them (−1 when unknown, for prediction).
 */
export interface JointDataset {
  /** One row per candidate, F columns (the joint feature space). */
  readonly X: CsrMatrix;
  readonly offsets: Int32Array;
  readonly gold: Int32Array;
  /** The label of each candidate row. */
  readonly candidateLabels: readonly string[];
}

export function numExamples(d: JointDataset): number {
  return d.offsets.length - 1;
}

/** Checks the structure: offsets increasing from 0 to X.rows, non-empty candidate sets, gold inside them. */
export function checkJoint(d: JointDataset, source = 'joint data'): JointDataset {
  const n = numExamples(d);
  if (n <= 0) throw new RangeError(`${source}: no examples`);
  if (d.offsets[0] !== 0 || d.offsets[n] !== d.X.rows) throw new RangeError(`${source}: offsets must run from 0 to the ${d.X.rows} candidate rows`);
  if (d.candidateLabels.length !== d.X.rows) throw new RangeError(`${source}: ${d.candidateLabels.length} candidate labels for ${d.X.rows} candidate rows`);
  for (let i = 0; i < n; i++) {
    const size = d.offsets[i + 1] - d.offsets[i];
    if (size < 1) throw new RangeError(`${source}: example ${i + 1} has no candidates`);
    if (d.gold[i] >= size || d.gold[i] < -1) throw new RangeError(`${source}: example ${i + 1}: gold position ${d.gold[i]} is outside its ${size} candidates`);
  }
  return d;
}

/**
 * Label-conjoined features (the lecture's "feature vector blocks for each
 * label"): every example gets all K labels as candidates, and f(x, k) puts
 * the base features f(x) in block k, f(x, k)_{k·D + j} = f(x)_j. A joint
 * model on these is exactly a per-class model with W (K×D) = w reshaped.
 */
export function conjoinLabels(base: CsrMatrix, labels: LabelTable, y: Int32Array | null): JointDataset {
  const N = base.rows;
  const K = labels.size;
  const D = base.cols;
  const nnz = base.indptr[N] * K;
  const indptr = new Int32Array(N * K + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const candidateLabels: string[] = [];
  let q = 0;
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < K; k++) {
      for (let p = base.indptr[i]; p < base.indptr[i + 1]; p++, q++) {
        indices[q] = k * D + base.indices[p];
        values[q] = base.values[p] * base.scale;
      }
      indptr[i * K + k + 1] = q;
      candidateLabels.push(String(labels.labelOf(k)));
    }
  }
  return {
    X: { kind: 'csr', rows: N * K, cols: K * D, indptr, indices, values, scale: 1 },
    offsets: Int32Array.from({ length: N + 1 }, (_, i) => i * K),
    gold: y ? Int32Array.from(y) : new Int32Array(N).fill(-1),
    candidateLabels,
  };
}

/**
 * Builds a JointDataset one candidate at a time: addCandidate for each of an
 * example's candidates (its label and its joint features as column → value),
 * then endExample with the gold position (−1 when unknown).
 */
export class JointBuilder {
  private readonly indptr: number[] = [0];
  private readonly indices: number[] = [];
  private readonly values: number[] = [];
  private readonly offsets: number[] = [0];
  private readonly gold: number[] = [];
  private readonly labels: string[] = [];

  addCandidate(label: string, features: Map<number, number>): void {
    for (const col of [...features.keys()].sort((a, b) => a - b)) {
      this.indices.push(col);
      this.values.push(features.get(col)!);
    }
    this.indptr.push(this.indices.length);
    this.labels.push(label);
  }

  endExample(gold: number): void {
    this.offsets.push(this.labels.length);
    this.gold.push(gold);
  }

  get numExamples(): number {
    return this.gold.length;
  }

  build(numFeatures: number): JointDataset {
    return {
      X: {
        kind: 'csr', rows: this.labels.length, cols: numFeatures, indptr: Int32Array.from(this.indptr),
        indices: Int32Array.from(this.indices), values: Float64Array.from(this.values), scale: 1,
      },
      offsets: Int32Array.from(this.offsets),
      gold: Int32Array.from(this.gold),
      candidateLabels: this.labels,
    };
  }
}
