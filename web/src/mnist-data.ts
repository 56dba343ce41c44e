/** MNIST in the page: the IDX files fetched from the server (once), parsed into datasets. */
import { type Dataset, subset } from '../../src/data/dataset.js';
import { type DenseMatrix, denseMatrix } from '../../src/data/dense.js';
import { parseIdx } from '../../src/data/idx.js';
import { LabelTable } from '../../src/data/labels.js';
import { Random } from '../../src/random.js';

export const DIGITS = new LabelTable([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
const FILES = {
  train: ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'],
  test: ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'],
} as const;

const cache = new Map<string, Promise<Dataset<DenseMatrix>>>();

async function fetchBytes(name: string): Promise<Uint8Array> {
  const res = await fetch(`data/mnist/${name}`);
  if (!res.ok) throw new Error(`MNIST file ${name} could not be loaded (${res.status}): ${await res.text()}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The 60,000 training or 10,000 test images (pixels as bytes, scale 1/255). */
export function mnist(kind: 'train' | 'test'): Promise<Dataset<DenseMatrix>> {
  let p = cache.get(kind);
  if (!p) {
    p = (async () => {
      const [imagesName, labelsName] = FILES[kind];
      const [imageBytes, labelBytes] = await Promise.all([fetchBytes(imagesName), fetchBytes(labelsName)]);
      const images = parseIdx(imageBytes, imagesName);
      const labels = parseIdx(labelBytes, labelsName);
      const [n, h, w] = images.shape;
      return { X: denseMatrix(images.data as Uint8Array, n, h * w, 1 / 255), y: Int32Array.from(labels.data as Uint8Array), labels: DIGITS };
    })();
    p.catch(() => cache.delete(kind));
    cache.set(kind, p);
  }
  return p;
}

let order: Int32Array | null = null;

/** Training images and validation images for a requested subset size (validation: the next min(5,000, what is left), if ≥ 100). */
export function subsetSizes(size: number): { train: number; validation: number } {
  const n = Math.min(size, 60000);
  const v = Math.min(5000, 60000 - n);
  return { train: n, validation: v >= 100 ? v : 0 };
}

/** The first `size` images of a fixed shuffle of the training file, and the validation images after them. */
export function trainingSubset(full: Dataset<DenseMatrix>, size: number): { train: Dataset<DenseMatrix>; validation: Dataset<DenseMatrix> | null } {
  order ??= new Random(0).permutation(full.X.rows);
  const { train, validation } = subsetSizes(size);
  return {
    train: subset(full, order.subarray(0, train)),
    validation: validation > 0 ? subset(full, order.subarray(train, train + validation)) : null,
  };
}

/** What the page asks the worker to load: an MNIST training subset, with or without validation, and the test set. */
export interface MnistSource {
  kind: 'mnist';
  size: number;
  validation: boolean;
}

/** The worker's loader for MnistSource: fetches and subsets inside the worker, away from the page. */
export async function loadMnistSource(source: unknown): Promise<{ train: Dataset; validation?: Dataset; test: Dataset }> {
  const s = source as MnistSource;
  if (s?.kind !== 'mnist' || !Number.isInteger(s.size)) throw new Error(`the playground worker loads MNIST subsets only, got ${JSON.stringify(source)}`);
  const [full, test] = await Promise.all([mnist('train'), mnist('test')]);
  const { train, validation } = trainingSubset(full, s.size);
  return { train, validation: s.validation && validation ? validation : undefined, test };
}

/** The 10,000 test labels alone (10 kB), for the confusion matrix. */
export async function testLabels(): Promise<Int32Array> {
  return Int32Array.from(parseIdx(await fetchBytes(FILES.test[1]), FILES.test[1]).data as Uint8Array);
}
