import { type Dataset } from '../src/data/dataset.js';
import { type DenseMatrix } from '../src/data/dense.js';

/** What every benchmark section gets: the MNIST splits, run counts, a scratch folder and the markdown sink. */
export interface BenchContext {
  md: (line?: string) => void;
  train: Dataset<DenseMatrix>;
  test: Dataset<DenseMatrix>;
  /** --quick: fewer repetitions (a smoke run, not for BENCHMARKS.md figures). */
  quick: boolean;
  RUNS: number;
  SLOW_RUNS: number;
  /** A temporary folder for models and data files. */
  dir: string;
}
