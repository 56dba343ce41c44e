import { type Dataset } from '../data/dataset.js';
import { exampleWeights, isStochastic, type ResolvedTrainOptions, type TrainOptions } from '../train/options.js';
import { type TrainResult } from '../train/train.js';

/**
 * Why a finished run must not be saved as a model, or null when it may.
 * A run failed when it diverged, when its objective, gradient or weights are
 * not finite (a "converged" ‖∇L‖ = ∞ is no convergence), or — for the
 * probabilistic losses, which start at θ = 0 where every example costs ln K
 * (ln 2 for binary logistic) — when it ended with a higher training objective
 * than that start: the optimizer made the model worse than not training.
 */
export function failedRunReason(results: TrainResult[], data: Dataset, options: TrainOptions, o: ResolvedTrainOptions): string | null {
  for (const r of results) {
    if (r.stopReason === 'diverged') return 'the loss became non-finite (diverged); lower the learning rate (--lr), or scale the features';
    if (!Number.isFinite(r.objective)) return `the training objective is ${r.objective}; lower the learning rate (--lr), or scale the features`;
    if (r.solver && !Number.isFinite(r.solver.gradientNorm)) return `the gradient norm is ${r.solver.gradientNorm}, so "converged" means nothing; scale the features (values near 1e300 overflow)`;
    const m = r.model;
    const bad = 'theta' in m ? firstNonFinite(m.theta) : (firstNonFinite(m.W) ?? (m.b ? firstNonFinite(m.b) : null));
    if (bad !== null) return `a weight is ${bad}; lower the learning rate (--lr), or scale the features`;
  }
  // Linear models start at θ = 0; networks start from random weights, whose objective is not known here.
  if (results.length === 1 && !('theta' in results[0].model) && (o.loss === 'softmax' || o.loss === 'logistic')) {
    const start = startObjective(data, options, o);
    const end = results[0].objective;
    // A relative margin of 1e-9 keeps rounding in the last digits from counting as failure.
    if (end > start * (1 + 1e-9)) {
      return `the training objective ended at ${end.toPrecision(6)}, above ${start.toPrecision(6)}, its value with all-zero weights; the run diverged: lower the learning rate (--lr) or use --optimizer newton`;
    }
  }
  return null;
}

/** The objective at θ = 0: every example costs ln K (softmax) or ln 2 (binary logistic), weighted, summed with C for full-batch solvers, else averaged. */
function startObjective(data: Dataset, options: TrainOptions, o: ResolvedTrainOptions): number {
  const perExample = Math.log(o.loss === 'logistic' ? 2 : data.labels.size);
  const w = exampleWeights(data, options);
  const N = data.X.rows;
  const total = w ? w.reduce((s, v) => s + v, 0) : N;
  const sum = o.C !== null && !isStochastic(o.optimizer);
  return perExample * (sum ? total : total / N);
}

function firstNonFinite(a: ArrayLike<number>): number | null {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return a[i];
  return null;
}

/** Says why no model was written (also as JSON under --json) and gives the exit code 1. */
export function reportFailedRun(reason: string, result: TrainResult, json: boolean): number {
  const message = `training failed, no model written: ${reason}`;
  if (json) console.log(JSON.stringify({ error: message, stop_reason: result.stopReason, epochs: result.epochs, objective: result.objective }));
  console.error(`argmax train: ${message}`);
  return 1;
}
