/**
 * argmax: multiclass classification in TypeScript. This entry point runs in
 * Node and in browsers; file readers and built-in datasets live in `argmax/node`.
 */
export { Random } from './random.js';
export { type DenseMatrix, type DenseData, denseMatrix, fromRows } from './data/dense.js';
export { get, rowOf, selectRows } from './data/matrix.js';
export { type Label, LabelTable } from './data/labels.js';
export { type Dataset, type DatasetOptions, makeDataset, assertTrainable, subset } from './data/dataset.js';
export { shuffled, trainValidationSplit, head } from './data/split.js';
export { type IdxArray, type IdxData, IdxFormatError, parseIdx, encodeIdx } from './data/idx.js';
export { type Kernels, type CholeskyFactor } from './kernels/kernels.js';
export { referenceKernels } from './kernels/reference.js';
export { defaultKernels, setDefaultKernels, kernelsByName, kernelFallbackReason, KERNEL_NAMES, type KernelName } from './kernels/select.js';
export { createWasmKernels, wasmSimdSupported, relaxedSimdSupported, kernelThreadsFallbackReason, type Precision, type WasmKernelOptions } from './kernels/wasm.js';
export { withHeldData } from './kernels/held-data.js';
export { type CsrMatrix, type CsrValues, type Matrix, csrMatrix, toCsr, density, preferredStorage } from './data/csr.js';
export { logSumExp, softmaxInto, softmaxRows, argmaxAt } from './math/softmax.js';
export { type ScoreLoss } from './losses/loss.js';
export { softmaxCrossEntropy } from './losses/softmax-cross-entropy.js';
export { binaryLogistic, sigmoid, softplus } from './losses/binary-logistic.js';
export { type ScoreFunction } from './scores/score-function.js';
export { LinearScores } from './scores/linear.js';
export { type Objective } from './objective/objective.js';
export { EmpiricalRisk, type RiskOptions, type Reduction } from './objective/empirical-risk.js';
export { StreamedRisk, type StreamedRiskOptions } from './objective/streamed-risk.js';
export { type RowBlock, type RowBlocks } from './data/row-blocks.js';
export { LinearModel } from './model/linear-model.js';
export { accuracy, confusionMatrix, perClassScores, macroF1, type ClassScores } from './metrics/classification.js';
export { prediction, crossEntropy, crossEntropyGrad, probaToClass } from './notebook.js';
export { checkGradient, type GradientCheckResult, type GradientCheckOptions } from './gradcheck.js';
export { checkJacobianVector, type JacobianVectorCheckOptions } from './jvp-check.js';
export { EarlyStopping, type EarlyStoppingState } from './train/early-stopping.js';
export { evaluate, evaluateModel, type Evaluation } from './train/evaluate.js';
export {
  type TrainOptions,
  type EpochRecord,
  type StopReason,
  type OptimizerName,
  type Checkpoint,
  type Schedule,
  OPTIMIZERS,
  SCHEDULES,
  resolveTrainOptions,
  type ResolvedTrainOptions,
} from './train/options.js';
export { trainSoftmax, type TrainResult } from './train/train.js';
export { trainSoftmaxStreamed, evaluateStreamed } from './train/train-streamed.js';
export { lbfgs, type LbfgsOptions } from './optim/lbfgs.js';
export { newtonCg, type NewtonOptions } from './optim/newton-cg.js';
export { type Preconditioner, diagonalPreconditioner } from './optim/preconditioner.js';
export { KroneckerPreconditioner, type KroneckerOptions } from './optim/kronecker-preconditioner.js';
export { QuasiNewtonPreconditioner } from './optim/quasi-newton-preconditioner.js';
export { gradientDescent, type GradientDescentOptions } from './optim/gradient-descent.js';
export { type SolverStatus, type SolverReason, type SolverOptions } from './optim/status.js';
export { owlqn, pseudoGradient, type OwlqnOptions } from './optim/owlqn.js';
export { crammerSingerDual, type CrammerSingerOptions, type CrammerSingerProgress, type CrammerSingerResult } from './svm/crammer-singer-dual.js';
export { crammerSingerPrimal } from './svm/crammer-singer-primal.js';
export { fitScaler, applyScaler, foldIntoModel, foldScaler, scalerToJson, SCALE_KINDS, type Scaler, type ScaleKind } from './data/scale.js';
export {
  sgd, adagrad, adam, stateToJson, stateFromJson,
  type StochasticOptimizer, type OptimizerState, type StochasticName,
} from './optim/stochastic.js';
export { modelToJson, modelJsonChunks, modelFromJson, type LoadedModel, MODEL_VERSION, ModelFormatError } from './io/model-json.js';
export { tokenize, type TokenizerOptions } from './text/tokenize.js';
export { murmur3 } from './text/hash.js';
export { TextFeaturizer, DEFAULT_FEATURIZER, type FeaturizerOptions, type FeaturizerJson } from './text/featurizer.js';
export { CsrRows, type TextTransformer } from './text/text-pipeline.js';
export { type RowSink } from './data/row-sink.js';
export { parseFastText, type FastTextOptions } from './io/readers/fasttext.js';
export { parseLibsvm, type LibsvmOptions } from './io/readers/libsvm.js';
export { parseCsv, type CsvOptions } from './io/readers/csv.js';
export { parseJsonl, type JsonlOptions } from './io/readers/jsonl.js';
export { linesOf, DataFormatError } from './io/readers/lines.js';
export { type Records, type TextRecords, type VectorRecords } from './io/readers/records.js';
export { multiclassHinge, perceptronLoss, lossAugmentedArgmax, zeroOneCosts, checkCosts, type CostMatrix } from './losses/multiclass-hinge.js';
export { trainOneVsAll } from './reduce/one-vs-all.js';
export { trainAllVsAll, PairwiseModel } from './reduce/all-vs-all.js';
export { type JointDataset, conjoinLabels, checkJoint } from './joint/joint-data.js';
export { JointObjective, type JointLoss, type LabelCost } from './joint/joint-objective.js';
export { JointModel, trainJoint, type JointTrainOptions } from './joint/joint-model.js';
export { taggingDataset, tokenTemplates, shape, type TaggedSentence } from './joint/tagging.js';
export { parseJointJsonl, type JointJsonlOptions } from './io/readers/joint-jsonl.js';
export { averageCost } from './metrics/classification.js';
export { type ScoreKind } from './model/linear-model.js';
export { type LossName, LOSSES } from './train/options.js';
export { type BinaryLearner, logisticLearner, svmLearner, perceptronLearner } from './reduce/binary-learner.js';
export { NetworkModel, describeLayers } from './model/network-model.js';
export { ScoreModel } from './model/score-model.js';
export { type Classifier, hasProbabilities } from './model/classifier.js';
export { SequentialScores, mlpLayers, layersFromSpec, checkMlpSpec, type MlpSpec } from './scores/sequential.js';
export { Dense, ActivationLayer, DropoutLayer, type Layer, type LayerSpec, type ParamBlock, type Packed, type Pass, type Hidden } from './scores/layers.js';
export { ACTIVATIONS, ACTIVATION_NAMES, activationByName, type Activation, type ActivationName } from './scores/activations.js';
export { type LayerKernels, type LayerInput, padTo } from './kernels/layer-kernels.js';
export { ReferenceLayerKernels } from './kernels/layer-reference.js';
export { WasmLayerKernels } from './kernels/layer-wasm.js';
export { createLayerKernels, LAYER_KERNEL_NAMES, type LayerKernelName } from './kernels/layer-select.js';
export { NETWORK_MODEL_VERSION } from './io/network-json.js';
export { trainInWorker, type BrowserRunOptions } from './worker/browser.js';
export { TrainingRun, type DataSource, type EpochEvent, type WorkerTrainResult, type RunOptions, type InWorkerOptions } from './worker/run.js';
export { stratifiedFolds, foldRows, checkFoldCount } from './select/folds.js';
export { crossValidate, planFolds, type CrossValidateOptions, type CrossValidationResult, type FoldResult, type FoldPlan, type Summary as CrossValidationSummary } from './select/cross-validate.js';
export { type Examples, featurizePair, subsetExamples, type FeaturizedPair } from './select/examples.js';
export { type Candidate, fitCandidate } from './select/candidate.js';
export { type HeldOutScores, type Metric, scoreHeldOut } from './select/scores.js';
export { search, type SearchEntry, type SearchRow, type SearchOptions, type Scoring } from './select/search.js';
export { autotune, type AutotuneOptions, type AutotuneResult, type Trial } from './select/autotune.js';
export { defaultSpace, Proposer, type AutotuneSpace } from './select/autotune-space.js';
export { parseSpace, gridSettings, randomSettings, type Dimension } from './select/space.js';
export { learningCurve, curveCapacity, curveSmallest, type LearningCurveOptions, type LearningCurveResult, type CurveScore } from './select/learning-curve.js';
