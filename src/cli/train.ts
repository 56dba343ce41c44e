import { parseArgs } from 'node:util';
import { saveModel } from '../io/model-file.js';
import { defaultKernels } from '../kernels/select.js';
import { matrixArrays, withHeldData } from '../kernels/held-data.js';
import { movedIntoKernelMemory } from '../kernels/move-data.js';
import { collectGarbage } from './collect-garbage.js';
import { evaluateModel } from '../train/evaluate.js';
import { type EpochRecord, type LossName, type TrainOptions } from '../train/options.js';
import { type TrainResult, trainSoftmax } from '../train/train.js';
import { trainOneVsAll } from '../reduce/one-vs-all.js';
import { logisticLearner, perceptronLearner, svmLearner } from '../reduce/binary-learner.js';
import { type PairwiseModel, trainAllVsAll } from '../reduce/all-vs-all.js';
import { accuracy } from '../metrics/classification.js';
import { readCostFile } from './costs.js';
import { choiceFlag, numberFlag, UsageError } from './args.js';
import { checkOutputPath } from './output-path.js';
import { compactColumns } from '../data/compact-columns.js';
import { failedRunReason, reportFailedRun } from './failed-run.js';
import { CHECKPOINT_FLAG_HELP, CHECKPOINT_FLAG_SPECS, checkCheckpointable, checkpointHooks, finishInterrupted, readCheckpointFlags } from './checkpoint.js';
import { loadEvaluationData, loadTrainingData } from './data-source.js';
import { trainJointCommand } from './train-joint.js';
import { SCALE_FLAG_HELP, foldClassifier, readScaleFlag, scaleSplit } from './scale-flag.js';
import { scalerToJson } from '../data/scale.js';
import { checkIgnoreColumnsApply, FEATURIZER_FLAG_HELP, FEATURIZER_FLAG_SPECS, FORMAT_FLAG_HELP, FORMAT_FLAG_SPECS, readFeaturizerFlags, readFormatFlags, readVectorInputFlags, sourceMeta, VECTOR_INPUT_FLAG_HELP, VECTOR_INPUT_FLAG_SPECS } from './input-flags.js';
import { LinearModel } from '../model/linear-model.js';
import { type Classifier, hasProbabilities } from '../model/classifier.js';
import { NETWORK_FLAG_HELP, NETWORK_FLAG_SPECS, readNetworkFlags } from './network-flags.js';
import { isMnistName } from '../data/mnist.js';
import { type Dataset } from '../data/dataset.js';
import { ProgressBar } from './progress.js';
import { fmt, formatTable } from './table.js';
import { checkedTrainOptions, FILE_DEFAULTS, TRAIN_FLAG_HELP, TRAIN_FLAG_SPECS, describeStop, readTrainFlags } from './train-flags.js';
import { AUTOTUNE_FLAG_HELP, AUTOTUNE_FLAG_SPECS, runAutotune, wantsAutotune } from '../select/autotune-command.js';
import { OUT_OF_CORE_FLAG_HELP, OUT_OF_CORE_FLAG_SPECS, outOfCoreDecision, trainOutOfCore } from './train-out-of-core.js';

export const TRAIN_HELP = `argmax train: fit a model and save it

Usage: argmax train <data> -o <model.json> [options]

<data> is a built-in dataset (mnist:train, mnist:test) or a file: text
(fastText, CSV/TSV with a text column, JSON Lines) or numeric features
(LibSVM, CSV/TSV with numeric columns). For files the defaults are
--optimizer newton --C 10 --class-weight balanced (chosen on validation
splits of the sotu and spam tasks); for built-in data, minibatch SGD.

Options:
  -o, --output FILE    where to write the model (required; checked before any work: an existing
                       file is replaced atomically, a symlink written through, an input file refused)
  --model m            softmax (default), svm (multiclass hinge with costs; on files solved exactly by dual-cd), perceptron,
                       binary (logistic, two classes), ova (one-vs-all), ava (all-vs-all),
                       mlp (multilayer perceptron: see the network options)
                       joint (w·f(x, y) over per-example candidate sets, JSON Lines: see README)
  --costs FILE         svm: the cost matrix ℓ(y, y*) (a header of labels, one row per true label)
  --joint-loss l       joint: softmax (default) or svm over the candidates; --hash-buckets n (default 2^20)
  --binary-learner b   ova/ava: logistic (default), svm or perceptron
  --val FILE           validation data for early stopping and the per-epoch history
  --val-fraction f     or hold out this fraction of the data (default 0: train on all of it)
  --test FILE          also report the accuracy on this labelled data (test_acc in --json)
  --json               print one JSON object at the end, nothing else on stdout
${FORMAT_FLAG_HELP}
${VECTOR_INPUT_FLAG_HELP}
${FEATURIZER_FLAG_HELP}
${TRAIN_FLAG_HELP}
${SCALE_FLAG_HELP}
${CHECKPOINT_FLAG_HELP}
${NETWORK_FLAG_HELP}
${AUTOTUNE_FLAG_HELP}
${OUT_OF_CORE_FLAG_HELP}`;

export { FILE_DEFAULTS } from './train-flags.js';

const MODEL_KINDS = ['softmax', 'svm', 'perceptron', 'binary', 'ova', 'ava', 'joint', 'mlp'] as const;
type ModelKind = (typeof MODEL_KINDS)[number];
const LOSS_OF: Record<ModelKind, LossName> = { softmax: 'softmax', svm: 'svm', perceptron: 'perceptron', binary: 'logistic', ova: 'logistic', ava: 'logistic', joint: 'softmax', mlp: 'softmax' };

const HEADER = ['epoch', 'train loss', 'val CE', 'val acc', 'seconds'];
const row = (e: EpochRecord) => [String(e.epoch), fmt(e.trainLoss), fmt(e.valLoss), fmt(e.valAccuracy), e.seconds.toFixed(2)];

export function runTrain(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...TRAIN_FLAG_SPECS, ...FORMAT_FLAG_SPECS, ...FEATURIZER_FLAG_SPECS, ...VECTOR_INPUT_FLAG_SPECS, ...NETWORK_FLAG_SPECS, ...CHECKPOINT_FLAG_SPECS,
      output: { type: 'string', short: 'o' }, val: { type: 'string' }, 'val-fraction': { type: 'string' }, test: { type: 'string' },
      model: { type: 'string' }, costs: { type: 'string' }, 'joint-loss': { type: 'string' }, 'binary-learner': { type: 'string' },
      json: { type: 'boolean' }, scale: { type: 'string' },
      ...AUTOTUNE_FLAG_SPECS, ...OUT_OF_CORE_FLAG_SPECS,
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError(`expected one data argument, got ${positionals.length}`);
  if (!values.output) throw new UsageError('-o/--output: the model file to write is required');
  checkOutputPath(values.output, '-o', [positionals[0], values.val, values.costs]);
  if (values.checkpoint) checkOutputPath(values.checkpoint, '--checkpoint', [positionals[0], values.val, values.costs, values.output]);
  const checkpoints = readCheckpointFlags(values);
  const flags = readTrainFlags(values);
  const network = readNetworkFlags(values, values.model === 'mlp');
  const valFraction = numberFlag(values, 'val-fraction', 0, { min: 0, max: 0.9 });
  const json = Boolean(values.json);
  const say = json ? (_: string) => {} : (s: string) => console.log(s);

  if (values.val && valFraction > 0) throw new UsageError('--val and --val-fraction: choose one');
  // Before any branch (autotune, joint, out of core): the flag is refused for data without named columns.
  checkIgnoreColumnsApply(positionals[0], readFormatFlags(values));
  // Autotune: trials scored on a validation file within a budget; the best is saved (src/select/autotune-command.ts).
  if (wantsAutotune(values)) return runAutotune(positionals[0], values);
  if (values.model === 'joint') return trainJointCommand(positionals[0], values, flags.options, json, say);
  const source = readFormatFlags(values);
  // Text files too large for memory train from a disk cache of their rows (train-out-of-core.ts).
  const ooc = outOfCoreDecision(positionals[0], values, source);
  if (ooc.outOfCore) return trainOutOfCore(positionals[0], values, source, flags.options, ooc.reason, json);
  const t0 = performance.now();
  const readBar = new ProgressBar('data', json);
  readBar.update(0, positionals[0]);
  // --val-fraction is split off before the featurizer is fitted (no vocabulary or idf from validation text).
  // let: data is replaced below (moved into the kernels' memory), and no other name may keep the first one alive.
  let { data, validation, featurizer, indexBase, scaleWarning, columns } = loadTrainingData(positionals[0], {
    ...source,
    ...readVectorInputFlags(values),
    featurizer: readFeaturizerFlags(values),
    onProgress: (stage, f) => readBar.update(f, stage),
    validationFraction: valFraction,
    seed: flags.seed,
  });
  // Linear models: the training data moves into the kernels' memory when they can take it (one copy
  // of the largest arrays instead of two: the kernels would otherwise keep their own).
  // Collected before the move (the loading's work arrays) and after it (the arrays moved), so that the
  // new copy is made beside neither.
  if (!network.mlp) {
    collectGarbage();
    const moved = movedIntoKernelMemory(data);
    if (moved !== data) {
      data = moved;
      collectGarbage();
    }
  }
  const split = {
    train: data,
    validation: validation ?? (values.val ? loadEvaluationData(values.val, { model: shapeOnly(data), featurizer, meta: { columns }, indexBase }, source) : undefined),
  };
  readBar.done();
  const loadSeconds = (performance.now() - t0) / 1000;
  // Files (sparse, high-dimensional, often imbalanced) default to the text model chosen on validation
  // splits of the two text tasks: Newton with C = 10 and balanced class weights.
  const fromFile = featurizer !== null || !isMnistName(positionals[0]);
  const modelKind = choiceFlag(values, 'model', MODEL_KINDS, 'softmax');
  // Said in the command line's terms, before any training (the library's own check speaks of losses).
  if (modelKind === 'binary' && data.labels.size !== 2) {
    throw new RangeError(`${positionals[0]}: --model binary needs exactly 2 classes, the data has ${data.labels.size}; use --model softmax, or --model ova for one binary classifier per class`);
  }
  const fo: TrainOptions = { ...flags.options, loss: network.mlp ? network.loss : LOSS_OF[modelKind], mlp: network.mlp };
  const costs = values.costs ? readCostFile(values.costs, data.labels) : undefined;
  if (costs && fo.loss !== 'svm') throw new UsageError('--costs: only --model svm and --model mlp --loss svm use a cost matrix');
  // Networks keep their own defaults (Adam); the linear models on files default to Newton, C = 10.
  const trainOptions = fromFile && !network.mlp
    ? {
        ...fo,
        // Newton needs a twice-differentiable loss: the SVM defaults to its exact dual solver, the other margin models to SGD.
        optimizer: fo.optimizer ?? (modelKind === 'svm' ? 'dual-cd' : modelKind === 'perceptron' || (values['binary-learner'] ?? 'logistic') !== 'logistic' ? 'sgd' : FILE_DEFAULTS.optimizer),
        C: fo.C ?? (fo.l2 === undefined && (fo.optimizer === undefined || fo.optimizer === 'newton' || fo.optimizer === 'lbfgs' || fo.optimizer === 'dual-cd') ? FILE_DEFAULTS.C : undefined),
        classWeight: fo.classWeight ?? FILE_DEFAULTS.classWeight,
      }
    : fromFile ? { ...fo, classWeight: fo.classWeight ?? FILE_DEFAULTS.classWeight } : fo;
  const o = checkedTrainOptions(trainOptions);
  checkCheckpointable(checkpoints, o, modelKind === 'ova' || modelKind === 'ava');
  const run = { data: positionals[0], examples: split.train.X.rows, options: o };
  say(`argmax train: ${split.train.X.rows} examples × ${data.X.cols} features, ${data.labels.size} classes; ${o.optimizer}, ${defaultKernels().name} kernels`);
  say(formatTable(HEADER, []).split('\n').slice(0, 2).join('\n'));
  const bar = new ProgressBar('training', json);
  const epochHooks = {
    onProgress: (epoch: number, f: number) => bar.update(f, `epoch ${epoch}`),
    onEpoch: (e: EpochRecord) => {
      bar.done();
      say(formatTable(HEADER, [row(e)]).split('\n')[2]);
    },
  };
  // Scaling: fitted on the training part only, folded into the weights after training.
  const scaled = scaleSplit(split, readScaleFlag(values, featurizer === null && fromFile));
  // Huge features matter only when nothing scales them.
  if (scaleWarning && scaled.scaler.kind === 'none') console.error(`warning: ${scaleWarning} (or drop --scale none)`);
  // Linear models train on the columns the training data uses (the same model; memory follows the non-zeros).
  const compact = network.mlp ? null : compactColumns(scaled.train, scaled.validation);
  const fit = compact ?? scaled;
  const common = { ...trainOptions, costs, validation: fit.validation, evaluateTrain: false };
  // One run for the single models; one per classifier for the reductions (their per-epoch lines are not printed).
  let model: Classifier;
  let results: TrainResult[];
  const learner = { logistic: logisticLearner, svm: svmLearner, perceptron: perceptronLearner }[choiceFlag(values, 'binary-learner', ['logistic', 'svm', 'perceptron'] as const, 'logistic')];
  if (modelKind === 'ova') ({ model, results } = trainOneVsAll(fit.train, common, learner));
  else if (modelKind === 'ava') ({ model, results } = trainAllVsAll(fit.train, common, learner));
  else {
    let r: TrainResult;
    try {
      r = trainSoftmax(fit.train, { ...common, ...epochHooks, ...checkpointHooks(checkpoints, run) });
    } catch (e) {
      // The library says what does not fit (the size, the optimizer); the user needs the file too.
      if (checkpoints.resume && e instanceof RangeError && e.message.startsWith('resumeFrom: ')) throw new UsageError(`--resume ${checkpoints.resume.path}: ${e.message.slice('resumeFrom: '.length)}`);
      throw e;
    }
    model = r.model;
    results = [r];
  }
  bar.done();
  // The solver's vectors are garbage now: collected before evaluating and saving add their own.
  collectGarbage();
  if (compact) model = compact.expand(model as LinearModel | PairwiseModel);
  model = foldClassifier(model, scaled.scaler);
  const result = results[0];
  const seconds = results.reduce((t, r) => t + r.seconds, 0);
  const converged = results.every((r) => r.converged);
  const failure = failedRunReason(results, split.train, common, o);
  if (failure) return reportFailedRun(failure, result, json);
  // Held: the kernels reuse the copy of the training data made for training (and make one copy, not one per pass, of other data).
  const evalOf = (d: Dataset) => withHeldData(matrixArrays(d.X), () => {
    const pred = model.predictIndex(d.X);
    return { accuracy: accuracy(d.y, pred), crossEntropy: hasProbabilities(model) ? evaluateModel(model, d).crossEntropy : null };
  });
  const train = evalOf(split.train);
  const val = split.validation ? evalOf(split.validation) : null;
  const test = values.test ? evalOf(loadEvaluationData(values.test, { model, featurizer, meta: { columns }, indexBase }, source)) : null;
  saveModel(values.output, model, { featurizer, indexBase, meta: { trainedOn: positionals[0], examples: split.train.X.rows, model: modelKind, options: o, scaler: scalerToJson(scaled.scaler), ...(columns ? { columns } : {}), ...sourceMeta(source) } });
  if (results.length > 1) {
    say(`${results.length} binary classifiers (${modelKind}), ${seconds.toFixed(2)} s; ${results.filter((r) => r.converged).length} met their stopping criterion`);
  } else {
    const unit = result.solver ? 'iterations' : 'epochs';
    say(`stopped (${result.stopReason}) after ${result.epochs} ${unit}: ${describeStop(result.stopReason, o, result.bestEpoch)}; ${seconds.toFixed(2)} s`);
    if (result.dual) say(`primal ${result.dual.primal.toPrecision(8)}, dual ${result.dual.dual.toPrecision(8)}, duality gap ${result.dual.gap.toExponential(2)}; ${result.dual.supportVectors} support vectors`);
    say(`objective ${result.objective.toFixed(4)}${result.solver ? `, ‖∇L‖∞ ${result.solver.gradientMaxNorm.toExponential(3)}, ${result.solver.functionEvaluations} evaluations${result.solver.hessianVectorProducts ? `, ${result.solver.hessianVectorProducts} Hessian-vector products` : ''}` : ''}`);
  }
  if (!json && !converged) console.error(`warning: ${describeStop(results.find((r) => !r.converged)!.stopReason, o, result.bestEpoch)}`);
  say(`train accuracy ${fmt(train.accuracy)}${train.crossEntropy !== null ? `, cross-entropy ${fmt(train.crossEntropy)}` : ''}${val ? `; validation accuracy ${fmt(val.accuracy)}` : ''}${test ? `; test accuracy ${fmt(test.accuracy)}` : ''}`);
  say(`model: ${values.output}`);
  const interrupted = result.stopReason === 'cancelled' && checkpoints.path !== null;
  if (interrupted) {
    finishInterrupted(checkpoints, result, run);
    console.error(`argmax train: interrupted after epoch ${result.epochs}: checkpoint ${checkpoints.path}, model so far (best epoch ${result.bestEpoch}) ${values.output}; continue with --resume ${checkpoints.path}`);
  }
  if (json) {
    console.log(
      JSON.stringify({
        model_kind: modelKind,
        classifiers: results.length,
        seconds,
        cpu_seconds: results.every((r) => r.cpuSeconds !== null) ? results.reduce((t, r) => t + r.cpuSeconds!, 0) : null,
        seconds_per_epoch: result.epochs > 0 ? result.seconds / result.epochs : null,
        load_seconds: loadSeconds,
        examples: split.train.X.rows,
        features: data.X.cols,
        classes: data.labels.size,
        epochs: result.epochs,
        best_epoch: result.bestEpoch,
        stop_reason: results.length > 1 ? (converged ? result.stopReason : results.find((r) => !r.converged)!.stopReason) : result.stopReason,
        converged,
        objective: result.objective,
        iterations: result.solver?.iterations ?? null,
        function_evaluations: result.solver?.functionEvaluations ?? null,
        hessian_vector_products: result.solver?.hessianVectorProducts ?? null,
        gradient_norm: result.solver?.gradientNorm ?? null,
        gradient_max_norm: result.solver?.gradientMaxNorm ?? null,
        nonzero_weights: 'W' in model ? model.W.reduce((n: number, v: number) => n + (v !== 0 ? 1 : 0), 0) : null,
        weights: 'W' in model ? model.W.length : null,
        primal: result.dual?.primal ?? null,
        dual: result.dual?.dual ?? null,
        duality_gap: result.dual?.gap ?? null,
        train_acc: train.accuracy,
        train_ce: train.crossEntropy,
        val_acc: val?.accuracy ?? null,
        val_ce: val?.crossEntropy ?? null,
        test_acc: test?.accuracy ?? null,
        test_ce: test?.crossEntropy ?? null,
        kernels: defaultKernels().name,
        options: o,
        model: values.output,
        history: result.history,
      }),
    );
  }
  return interrupted ? 130 : 0;
}

/** A placeholder model with the data's labels and width, to read validation data before training. */
function shapeOnly(data: Dataset): LinearModel {
  return new LinearModel(data.labels, data.X.cols, new Float64Array(data.labels.size * data.X.cols), null);
}
