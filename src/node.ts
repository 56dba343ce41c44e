/** Node-only parts of argmax: file readers, the built-in MNIST datasets, and worker threads for the kernels. */
import { setKernelThreads } from './kernels/threads-node.js';
export { loadMnist, loadIdxPair, isMnistName, mnistDirectory, MNIST_NAMES, DIGITS, type MnistName } from './data/mnist.js';
export { saveModel, loadModel } from './io/model-file.js';
export { readRecords, formatFromName, DATA_FORMATS, type DataFormat, type ReadOptions } from './io/readers/read.js';
export { readLines } from './io/readers/read-lines.js';
export {
  fitTextFile, transformTextFile, fitTransformTextFile,
  type TextFitResult, type TransformFileOptions, type FitTransformFileOptions, type TextFitTransformResult,
} from './text/text-stream.js';
export { readFastTextFile, type DocumentFeed, type FastTextReadOptions } from './text/fasttext-file.js';
export { textDataset, sotuSplit, spamSplit, toFastTextLines, TEXT_DATASETS, type TextDatasetName, type TextSplit, type TextExample } from './data/text-datasets.js';
export type { SourceOptions } from './cli/data-source.js';
export { writeFileAtomic } from './io/atomic-write.js';
export { trainInWorker } from './worker/node.js';
export { loadExamples, loadHeldOut } from './select/load-examples.js';
export { candidateFromSetting, SELECTABLE_MODELS, type Setting, type SelectableModel } from './select/settings.js';
export { SETTING_KEYS } from './select/keys.js';
export { resolveDataPackage } from './data/data-package.js';
export { RowCache, RowCacheWriter, type RowCacheOptions } from './data/row-cache.js';
export { enableRelaxedSimd } from './kernels/relaxed-simd-node.js';
export { setKernelThreads, defaultKernelThreads, kernelThreads } from './kernels/threads-node.js';
export { kernelThreadsFallbackReason } from './kernels/wasm.js';

// In Node the WebAssembly kernels run full-batch sweeps on min(2, cores) threads (setKernelThreads changes it).
setKernelThreads();
