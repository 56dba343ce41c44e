import { type Dataset } from '../src/data/dataset.js';
import { evaluateModel } from '../src/train/evaluate.js';
import { trainSoftmax } from '../src/train/train.js';

export interface SolverRun {
  optimizer: 'newton' | 'lbfgs';
  seconds: number;
  /** Seconds until the objective first reached the target (from the per-iteration history). */
  secondsToTarget: number | null;
  iterations: number;
  functionEvaluations: number;
  hessianVectorProducts: number;
  objective: number;
  stopReason: string;
  trainAccuracy: number;
  testAccuracy: number;
}

/** Full-batch solvers on all of MNIST with C = 1, their default tolerance, the default (wasm) kernels. */
export function solverRun(optimizer: 'newton' | 'lbfgs', train: Dataset, test: Dataset, target: number): SolverRun {
  const r = trainSoftmax(train, { optimizer, C: 1, evaluateTrain: false });
  const hit = r.history.find((e) => e.trainLoss <= target);
  return {
    optimizer,
    seconds: r.seconds,
    secondsToTarget: hit ? hit.seconds : null,
    iterations: r.solver!.iterations,
    functionEvaluations: r.solver!.functionEvaluations,
    hessianVectorProducts: r.solver!.hessianVectorProducts,
    objective: r.objective,
    stopReason: r.stopReason,
    trainAccuracy: evaluateModel(r.model, train).accuracy,
    testAccuracy: evaluateModel(r.model, test).accuracy,
  };
}
