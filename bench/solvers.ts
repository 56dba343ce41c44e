import { type Dataset } from '../src/data/dataset.js';
import { preferredStorage } from '../src/data/csr.js';
import { matrixArrays, withHeldData } from '../src/kernels/held-data.js';
import { softmaxCrossEntropy } from '../src/losses/softmax-cross-entropy.js';
import { LinearModel } from '../src/model/linear-model.js';
import { EmpiricalRisk } from '../src/objective/empirical-risk.js';
import { lbfgs } from '../src/optim/lbfgs.js';
import { newtonCg } from '../src/optim/newton-cg.js';
import { diagonalPreconditioner } from '../src/optim/preconditioner.js';
import { LinearScores } from '../src/scores/linear.js';
import { evaluateModel } from '../src/train/evaluate.js';
import { resolveTrainOptions } from '../src/train/options.js';
import { setKernelThreads } from '../src/kernels/threads-node.js';

/** The full-batch solver set-ups compared: the defaults and the preconditioner variants. */
export type SolverVariant = 'newton' | 'newton-kronecker' | 'newton-diagonal' | 'lbfgs' | 'lbfgs-kronecker';

export const VARIANT_LABELS: Record<SolverVariant, string> = {
  newton: 'Newton–CG, Kronecker preconditioner + 32 quasi-Newton pairs (default)',
  'newton-kronecker': 'Newton–CG, Kronecker preconditioner alone (before the pairs)',
  'newton-diagonal': 'Newton–CG, diagonal preconditioner (before the Kronecker one)',
  lbfgs: 'L-BFGS, H₀ = γI (default)',
  'lbfgs-kronecker': 'L-BFGS, H₀ = γ·M⁻¹ (Böhning)',
};

export interface SolverRun {
  variant: SolverVariant;
  /** Threads of the full-batch kernel sweeps. */
  threads: number;
  seconds: number;
  /** CPU seconds (user + system) of this process over the solve: the steadier figure on a shared machine. */
  cpuSeconds: number;
  /** Seconds until the objective first reached the target (per-iteration clock). */
  secondsToTarget: number | null;
  iterations: number;
  functionEvaluations: number;
  hessianVectorProducts: number;
  /** Hessian-vector products (= CG iterations) spent before each accepted Newton step. */
  productsPerStep: number[];
  objective: number;
  stopReason: string;
  trainAccuracy: number;
  testAccuracy: number;
}

/**
 * A full-batch solver on all of MNIST with C = 1: the objective trainSoftmax
 * builds for it (sum of cross-entropies + ‖W‖²/2, bias not penalised, CSR
 * pixels, data held in wasm memory), the default (wasm) kernels with their
 * full-batch sweeps on `threads` threads, the solver's default tolerance.
 */
export function solverRun(variant: SolverVariant, train: Dataset, test: Dataset, target: number, threads: number): SolverRun {
  setKernelThreads(threads);
  const data = { ...train, X: preferredStorage(train.X) };
  const K = train.labels.size;
  const scores = new LinearScores(K, data.X.cols, true);
  const newton = variant.startsWith('newton');
  const risk = new EmpiricalRisk(scores, softmaxCrossEntropy, data, { reduction: 'sum', l2: 1, secondOrder: newton });
  const theta = new Float64Array(scores.numParams);
  let hit: number | null = null;
  let products = 0;
  const productsPerStep: number[] = [];
  const counted = {
    numParams: risk.numParams,
    value: (t: Float64Array) => risk.value(t),
    valueAndGradient: (t: Float64Array, g: Float64Array) => risk.valueAndGradient(t, g),
    hessianVector: (v: Float64Array, out: Float64Array) => {
      products++;
      risk.hessianVector(v, out);
    },
    hessianDiagonal: (out: Float64Array) => risk.hessianDiagonal!(out),
    preconditioner: (kind: 'fixed' | 'refreshed') => risk.preconditioner(kind),
  };
  // The tolerance and iteration cap trainSoftmax would use.
  const { tol, maxIter } = resolveTrainOptions({ optimizer: newton ? 'newton' : 'lbfgs', C: 1 });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const onIteration = (_i: number, _x: Float64Array, f: number) => {
    if (hit === null && f <= target) hit = (performance.now() - t0) / 1000;
    productsPerStep.push(products - productsPerStep.reduce((a, b) => a + b, 0));
  };
  const status = withHeldData([...matrixArrays(data.X), data.y], () =>
    variant === 'newton' ? newtonCg(counted, theta, { tol, maxIter, onIteration })
    : variant === 'newton-kronecker' ? newtonCg(counted, theta, { tol, maxIter, onIteration, preconditionerPairs: 0 })
    : variant === 'newton-diagonal' ? newtonCg(counted, theta, { tol, maxIter, onIteration, preconditioner: diagonalPreconditioner(counted, 0.01), preconditionerPairs: 0 })
    : variant === 'lbfgs' ? lbfgs(counted, theta, { tol, maxIter, onIteration })
    : lbfgs(counted, theta, { tol, maxIter, onIteration, preconditioner: risk.preconditioner('fixed') }));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const model = new LinearModel(train.labels, data.X.cols, theta.slice(0, K * data.X.cols), theta.slice(K * data.X.cols));
  return {
    variant, threads, seconds, cpuSeconds, secondsToTarget: hit, iterations: status.iterations, functionEvaluations: status.functionEvaluations,
    hessianVectorProducts: status.hessianVectorProducts, productsPerStep, objective: status.value, stopReason: status.reason,
    trainAccuracy: evaluateModel(model, train).accuracy, testAccuracy: evaluateModel(model, test).accuracy,
  };
}
