import { statSync } from 'node:fs';
import { isMnistName } from '../data/mnist.js';
import { type LinearModel } from '../model/linear-model.js';
import { type TextFeaturizer } from '../text/featurizer.js';
import { saveModel } from '../io/model-file.js';
import { formatFromName } from '../io/readers/read.js';
import { defaultKernels } from '../kernels/select.js';
import { accuracy } from '../metrics/classification.js';
import { evaluateModel } from '../train/evaluate.js';
import { type TrainOptions } from '../train/options.js';
import { evaluateStreamed, trainSoftmaxStreamed } from '../train/train-streamed.js';
import { choiceFlag, numberFlag, UsageError } from './args.js';
import { loadEvaluationData, type SourceOptions } from './data-source.js';
import { readFeaturizerFlags } from './input-flags.js';
import { ProgressBar } from './progress.js';
import { streamTextToCache } from './stream-text-cache.js';
import { fmt } from './table.js';
import { checkedTrainOptions, describeStop, FILE_DEFAULTS } from './train-flags.js';

export const OUT_OF_CORE_FLAG_SPECS = {
  'out-of-core': { type: 'string' },
  'memory-budget': { type: 'string' },
} as const;

/** Bytes of in-memory CSR (int32 column + float64 value per non-zero) per byte of fastText text: SOTU lines give 2.8. */
export const CSR_BYTES_PER_TEXT_BYTE = 3;
export const DEFAULT_MEMORY_BUDGET_MB = 1024;

export const OUT_OF_CORE_FLAG_HELP = `Large text files (out-of-core training):
  --out-of-core m      auto (default), on or off. On: the featurized rows are written once to a temporary
                       cache file (in the OS temp directory, TMPDIR; removed at the end, also on errors and
                       Ctrl-C) and every Newton pass reads it in blocks, so memory holds one block, the model
                       and N×K probabilities instead of the whole matrix; the model is the same to rounding.
                       Auto: on for a fastText file when its rows would take more than --memory-budget in
                       memory, estimated as ${CSR_BYTES_PER_TEXT_BYTE} bytes per byte of text. Softmax with newton, lbfgs or gd only
                       (no --val, --val-fraction, --scale, --hash-buckets or checkpoints)
  --memory-budget MB   the in-memory size above which auto goes out of core (default ${DEFAULT_MEMORY_BUDGET_MB})`;

/** Why a run cannot train out of core (null when it can). */
function ineligible(spec: string, values: Record<string, any>, source: SourceOptions): string | null {
  if (isMnistName(spec)) return 'built-in datasets are held in memory';
  if ((source.format ?? formatFromName(spec)) !== 'fasttext') return 'only fastText-format text files are streamed';
  if (values.model !== undefined && values.model !== 'softmax') return `--model ${values.model} trains in memory (softmax only)`;
  if (values.optimizer !== undefined && !['newton', 'lbfgs', 'gd'].includes(values.optimizer)) return `--optimizer ${values.optimizer} needs random access to the rows (full-batch newton, lbfgs or gd only)`;
  for (const flag of ['val', 'val-fraction', 'scale', 'hash-buckets', 'checkpoint', 'resume', 'hidden', 'costs']) {
    if (values[flag] !== undefined) return `--${flag} is not available out of core`;
  }
  return null;
}

/**
 * Whether to train out of core, and why (for the output): 'on' and 'off'
 * force it (on refuses runs it cannot stream, naming the flag); 'auto' goes out of core for a
 * fastText file whose estimated in-memory rows exceed the budget.
 */
export function outOfCoreDecision(spec: string, values: Record<string, any>, source: SourceOptions): { outOfCore: boolean; reason: string } {
  const mode = choiceFlag(values, 'out-of-core', ['auto', 'on', 'off'] as const, 'auto');
  const budget = numberFlag(values, 'memory-budget', DEFAULT_MEMORY_BUDGET_MB, { exclusiveMin: 0 });
  if (mode === 'off') return { outOfCore: false, reason: '--out-of-core off' };
  const why = ineligible(spec, values, source);
  if (why) {
    if (mode === 'on') throw new UsageError(`--out-of-core on: ${why}`);
    return { outOfCore: false, reason: why };
  }
  let bytes: number;
  try {
    bytes = statSync(spec).size;
  } catch {
    return { outOfCore: false, reason: 'the file cannot be sized' }; // the reader reports the missing file
  }
  const estimateMb = (CSR_BYTES_PER_TEXT_BYTE * bytes) / 2 ** 20;
  if (mode === 'on') return { outOfCore: true, reason: '--out-of-core on' };
  const over = estimateMb > budget;
  return {
    outOfCore: over,
    reason: `its rows would take ~${estimateMb.toFixed(0)} MB in memory (${CSR_BYTES_PER_TEXT_BYTE} × ${(bytes / 2 ** 20).toFixed(0)} MB of text), ${over ? 'more' : 'less'} than --memory-budget ${budget} MB`,
  };
}

/** `argmax train` on a fastText file out of core: stream into a disk cache, Newton over its blocks, save. */
export function trainOutOfCore(
  spec: string,
  values: Record<string, any>,
  source: SourceOptions,
  trainFlags: TrainOptions,
  reason: string,
  json: boolean,
): number {
  const say = json ? (_: string) => {} : (s: string) => console.log(s);
  const fo = trainFlags;
  const options = {
    ...fo,
    optimizer: fo.optimizer ?? FILE_DEFAULTS.optimizer,
    C: fo.C ?? (fo.l2 === undefined && (fo.optimizer === undefined || fo.optimizer === 'newton' || fo.optimizer === 'lbfgs') ? FILE_DEFAULTS.C : undefined),
    classWeight: fo.classWeight ?? FILE_DEFAULTS.classWeight,
  };
  const o = checkedTrainOptions(options);
  say(`argmax train: out of core (${reason}): rows cached on disk in blocks, read back by every pass`);
  const t0 = performance.now();
  const bar = new ProgressBar('data', json);
  const { cache, featurizer, labels } = streamTextToCache(spec, readFeaturizerFlags(values), { onProgress: (stage, f) => bar.update(f, stage) });
  try {
    bar.done();
    const loadSeconds = (performance.now() - t0) / 1000;
    say(`argmax train: ${cache.rows} examples × ${cache.cols} features, ${labels.size} classes; ${o.optimizer}, ${defaultKernels().name} kernels`);
    say(`row cache: ${(cache.fileBytes / 2 ** 20).toFixed(0)} MB on disk in ${cache.numBlocks} blocks (buffer ${(cache.bufferBytes / 2 ** 20).toFixed(0)} MB); read in ${loadSeconds.toFixed(1)} s`);
    const result = trainSoftmaxStreamed(cache, labels, options);
    const model = result.model;
    const train = evaluateStreamed(model, cache);
    const test = values.test ? testScores(values.test, model, featurizer, source) : null;
    saveModel(values.output, model, { featurizer, indexBase: null, meta: { trainedOn: spec, examples: cache.rows, model: 'softmax', options: o, scaler: { kind: 'none' }, outOfCore: true } });
    say(`stopped (${result.stopReason}) after ${result.epochs} iterations: ${describeStop(result.stopReason, o, result.bestEpoch)}; ${result.seconds.toFixed(2)} s`);
    const s = result.solver!;
    say(`objective ${result.objective.toFixed(4)}, ‖∇L‖∞ ${s.gradientMaxNorm.toExponential(3)}, ${s.functionEvaluations} evaluations${s.hessianVectorProducts ? `, ${s.hessianVectorProducts} Hessian-vector products` : ''}`);
    if (!json && !result.converged) console.error(`warning: ${describeStop(result.stopReason, o, result.bestEpoch)}`);
    say(`train accuracy ${fmt(train.accuracy)}, cross-entropy ${fmt(train.crossEntropy)}${test ? `; test accuracy ${fmt(test.accuracy)}` : ''}`);
    say(`model: ${values.output}`);
    if (json) {
      console.log(JSON.stringify({
        model_kind: 'softmax', classifiers: 1, out_of_core: true, cache_bytes: cache.fileBytes, cache_blocks: cache.numBlocks,
        seconds: result.seconds, cpu_seconds: result.cpuSeconds, load_seconds: loadSeconds,
        examples: cache.rows, features: cache.cols, classes: labels.size, epochs: result.epochs, stop_reason: result.stopReason,
        converged: result.converged, objective: result.objective, iterations: s.iterations, function_evaluations: s.functionEvaluations,
        hessian_vector_products: s.hessianVectorProducts ?? null, gradient_max_norm: s.gradientMaxNorm,
        train_acc: train.accuracy, train_ce: train.crossEntropy, test_acc: test?.accuracy ?? null, test_ce: test?.crossEntropy ?? null,
        kernels: defaultKernels().name, options: o, model: values.output, history: result.history,
      }));
    }
    return 0;
  } finally {
    cache.close();
  }
}

/** Accuracy and cross-entropy on a labelled file (held in memory: test files are small beside training files). */
function testScores(path: string, model: LinearModel, featurizer: TextFeaturizer, source: SourceOptions) {
  const d = loadEvaluationData(path, { model, featurizer, meta: {}, indexBase: null }, source);
  return { accuracy: accuracy(d.y, model.predictIndex(d.X)), crossEntropy: evaluateModel(model, d).crossEntropy };
}
