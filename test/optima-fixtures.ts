/**
 * Reading the reference fixtures of scripts/make-optima-fixtures.py
 * (test/fixtures/optima/): scikit-learn's datasets as LibSVM files and the
 * peers' optima in reference.json. The tests need neither scikit-learn nor
 * LIBLINEAR: only these committed files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Dataset } from '../src/data/dataset.js';
import { LabelTable } from '../src/data/labels.js';
import { readRecords } from '../src/io/readers/read.js';

/** dist/test/ → the repository's test/fixtures/optima/ */
export const OPTIMA_DIR = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'optima');

export const DATASETS = ['iris', 'wine', 'digits', 'breast_cancer'] as const;
export type FixtureName = (typeof DATASETS)[number];

export interface SoftmaxReference { objective: number; W: number[]; b: number[]; iterations: number }
export interface CrammerSingerReference { C: number; primal: number; dual: number; iteration_cap_reached: boolean; W: number[]; test_predictions: number[] }
export interface DatasetReference {
  features: number;
  classes: number;
  train: number;
  test: number;
  softmax: Record<'1' | '100', SoftmaxReference>;
  crammer_singer: CrammerSingerReference;
  /** The same on NAME.maxabs.{train,test}.svm (scikit-learn's MaxAbsScaler fitted on the training split). */
  crammer_singer_maxabs: CrammerSingerReference;
  scaled: Record<'StandardScaler' | 'MaxAbsScaler' | 'MinMaxScaler', { C: number; test_proba: number[] }>;
}
export interface Reference {
  sklearn: string;
  datasets: Record<FixtureName, DatasetReference>;
  l1: { C: number; alpha: number; objective: number; W: number[]; b: number[]; zeros: number; weights: number; true_zeros: number };
  /** saga's elastic net on the same problem: (1/N) Σ CEᵢ + (l2/2)‖W‖² + l1‖W‖₁. */
  elastic_net: { C: number; l1_ratio: number; l1: number; l2: number; objective: number; W: number[]; b: number[]; zeros: number; weights: number };
}

let cached: Reference | null = null;
export function reference(): Reference {
  cached ??= JSON.parse(readFileSync(join(OPTIMA_DIR, 'reference.json'), 'utf8')) as Reference;
  return cached;
}

/** A fixture file as a dataset over the classes 0..K−1 (labels are the integers written by the script). */
export function loadFixture(file: string, features: number, classes: number): Dataset {
  const records = readRecords(join(OPTIMA_DIR, file), { numFeatures: features });
  if (records.kind !== 'vectors') throw new Error(`${file}: expected numeric features`);
  const labels = new LabelTable(Array.from({ length: classes }, (_, k) => k));
  return { X: records.X, y: labels.encode(records.labels.map((l) => Number(l[0])), `${file}: labels`), labels };
}
