import { type Dataset } from '../data/dataset.js';
import { isMnistName, loadMnist, MNIST_NAMES } from '../data/mnist.js';
import { UsageError } from './args.js';

/** Loads the data a command names: a built-in dataset. */
export function loadDataSource(spec: string): Dataset {
  if (isMnistName(spec)) return loadMnist(spec);
  throw new UsageError(`unknown data ${JSON.stringify(spec)}: expected a built-in dataset (${MNIST_NAMES.join(', ')})`);
}
