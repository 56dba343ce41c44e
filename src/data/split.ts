import { type Dataset, subset } from './dataset.js';
import { type Matrix } from './csr.js';
import { Random } from '../random.js';

/** The dataset with its examples in a seeded random order. */
export function shuffled<M extends Matrix>(data: Dataset<M>, seed: number): Dataset<M> {
  return subset(data, new Random(seed).permutation(data.X.rows));
}

/**
 * A seeded split into training and validation sets: `validationSize`
 * examples (a count, or a fraction when below 1) go to validation.
 */
export function trainValidationSplit<M extends Matrix>(
  data: Dataset<M>,
  validationSize: number,
  seed: number,
): { train: Dataset<M>; validation: Dataset<M> } {
  const n = data.X.rows;
  const nVal = validationSize < 1 ? Math.round(validationSize * n) : validationSize;
  if (!Number.isInteger(nVal) || nVal <= 0 || nVal >= n) {
    throw new RangeError(`validation size must leave both sides non-empty: asked ${validationSize} of ${n} examples`);
  }
  const perm = new Random(seed).permutation(n);
  return {
    train: subset(data, perm.subarray(0, n - nVal)),
    validation: subset(data, perm.subarray(n - nVal)),
  };
}

/** The first n examples (the learning curve trains on growing prefixes of one shuffled set). */
export function head<M extends Matrix>(data: Dataset<M>, n: number): Dataset<M> {
  if (!Number.isInteger(n) || n <= 0 || n > data.X.rows) {
    throw new RangeError(`asked for the first ${n} examples of a dataset of ${data.X.rows}`);
  }
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  return subset(data, idx);
}
