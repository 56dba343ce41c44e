/** Node-only parts of argmax: file readers and the built-in MNIST datasets. */
export { loadMnist, loadIdxPair, isMnistName, mnistDirectory, MNIST_NAMES, DIGITS, type MnistName } from './data/mnist.js';
