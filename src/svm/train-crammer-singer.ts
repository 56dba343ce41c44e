import { cpuSeconds } from '../train/cpu-time.js';
import { type Dataset } from '../data/dataset.js';
import { preferredStorage } from '../data/csr.js';
import { checkCosts } from '../losses/multiclass-hinge.js';
import { LinearModel } from '../model/linear-model.js';
import { accuracy } from '../metrics/classification.js';
import { type EpochRecord, type ResolvedTrainOptions, type TrainOptions, exampleWeights } from '../train/options.js';
import { crammerSingerDual } from './crammer-singer-dual.js';

/** The exact SVM solver's certificate, in the training objective's scale (divided by C). */
export interface DualCertificate {
  /** Σᵢ wᵢ ξᵢ + ‖W‖²/(2C) at the returned weights (bias weights included in ‖W‖²). */
  primal: number;
  /** The dual objective in the same scale: a lower bound on the primal's minimum. */
  dual: number;
  /** primal − dual ≥ 0: the primal is at most this far above its minimum. */
  gap: number;
  /** Examples with a non-zero dual variable. */
  supportVectors: number;
  /** Largest violation of the optimality conditions in the last sweep. */
  violation: number;
}

/**
 * Trains the multiclass SVM with costs by the exact dual coordinate descent
 * (crammer-singer-dual.ts) at the resolved C: the training objective is
 * Σᵢ wᵢ ξᵢ + ‖W‖²/(2C), the SVM's form of scikit-learn's convention, and the
 * bias (fitIntercept) is a constant feature of value 1 whose weights are
 * penalized with the others (LIBLINEAR's -B 1).
 */
export function trainCrammerSinger(data: Dataset, options: TrainOptions, o: ResolvedTrainOptions) {
  const t0 = performance.now();
  const cpu0 = cpuSeconds();
  const K = data.labels.size;
  const C = o.C ?? 1;
  const X = preferredStorage(data.X);
  const r = crammerSingerDual(X, data.y, K, {
    C,
    costs: options.costs ? checkCosts(options.costs, K) : null,
    sampleWeight: exampleWeights(data, options),
    bias: o.fitIntercept ? 1 : 0,
    tol: o.tol,
    maxIter: o.maxIter,
    seed: o.seed,
    onIteration: (iteration) => options.onProgress?.(iteration, 1),
  });
  const model = new LinearModel(data.labels, X.cols, r.W, r.b, 'margin');
  const trainAccuracy = accuracy(data.y, model.predictIndex(X));
  const valAccuracy = options.validation ? accuracy(options.validation.y, model.predictIndex(options.validation.X)) : null;
  // One record for the whole run: the exact solver has no epochs to watch on validation data.
  const record: EpochRecord = {
    epoch: r.iterations, trainLoss: r.primal / C, trainAccuracy,
    valLoss: valAccuracy === null ? null : 1 - valAccuracy, valAccuracy, seconds: (performance.now() - t0) / 1000,
  };
  options.onEpoch?.(record, () => model);
  const certificate: DualCertificate = { primal: r.primal / C, dual: r.dual / C, gap: r.gap / C, supportVectors: r.supportVectors, violation: r.violation };
  return {
    model, history: [record], stopReason: r.reason === 'callback' ? ('max_iter' as const) : r.reason,
    converged: r.reason === 'duality_gap' || r.reason === 'relative_decrease', bestEpoch: r.iterations, epochs: r.iterations,
    objective: r.primal / C, solver: null, checkpoint: null, seconds: (performance.now() - t0) / 1000,
    cpuSeconds: cpu0 === null ? null : cpuSeconds()! - cpu0, dual: certificate,
  };
}
