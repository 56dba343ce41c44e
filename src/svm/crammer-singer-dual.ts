import { type Matrix, toCsr } from '../data/csr.js';
import { defaultKernels } from '../kernels/select.js';
import { type CostMatrix } from '../losses/multiclass-hinge.js';
import { Random } from '../random.js';
import { type CsSweeper, ReferenceSweeper, csProblem } from './crammer-singer-sweep.js';
import { WasmSweeper } from './crammer-singer-wasm.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';

/**
 * The multiclass SVM of Crammer & Singer with a cost ℓ(y, y*), solved exactly
 * by dual coordinate descent (Keerthi, Sundararajan, Chang, Hsieh & Lin,
 * KDD 2008: the method of LIBLINEAR's `-s 4`), extended to costs.
 *
 * Primal (LIBLINEAR's scale; wᵢ the example weights, K classes):
 *
 *   P(W) = ½‖W‖² + C Σᵢ wᵢ ξᵢ,   ξᵢ = max_m [ℓ(yᵢ, m) + w_m·xᵢ − w_{yᵢ}·xᵢ] ≥ 0
 *
 * (the lecture's constraint ξᵢ ≥ ℓ(yᵢ, m) − (w_{yᵢ} − w_m)·xᵢ for every m).
 * Dual, written as a minimization over α (K numbers per example):
 *
 *   f(α) = ½ Σ_m ‖w_m(α)‖² + Σᵢ Σ_m ℓ(yᵢ, m) α_i^m,   w_m(α) = Σᵢ α_i^m xᵢ,
 *   s.t. Σ_m α_i^m = 0,  α_i^m ≤ 0 (m ≠ yᵢ),  α_i^{yᵢ} ≤ C wᵢ.
 *
 * Strong duality: min P = max (−f), so the gap P(W(α)) + f(α) ≥ 0 bounds how
 * far P is above its optimum; the solver stops when gap ≤ tol·P. The gap is
 * checked after every sweep over all variables and, between those, once the
 * sweeps have visited 2N examples since the last check (a check costs about
 * half a sweep over all N: its overhead stays near a quarter). Since f only
 * decreases, the best W met at any check is kept: P there minus the latest
 * dual is a valid, smaller gap (P(W(α)) itself goes up and down). With 0/1
 * costs this is exactly LIBLINEAR's problem. Each step minimizes f over one
 * example's α_i exactly (a K-variable problem solved by sorting), keeping W
 * up to date; "shrinking" drops the α_i^m stuck at their bound from the
 * sweeps until the violation falls below a threshold, then checks them all.
 * The sweeps run in WebAssembly SIMD (crammer-singer-wasm.ts) or in
 * TypeScript (crammer-singer-sweep.ts), with the same iterates.
 *
 * The bias is a constant feature of value `bias` (LIBLINEAR's -B), so its
 * weights are penalized like the others; bias 0 means no bias.
 */
export interface CrammerSingerOptions {
  /** C > 0 in P(W) = ½‖W‖² + C Σᵢ wᵢ ξᵢ. */
  C: number;
  /** ℓ(y, y*) as K×K row-major by true class; null for 0/1 costs. */
  costs?: CostMatrix | null;
  /** Example weights wᵢ ≥ 0 (default 1). */
  sampleWeight?: Float64Array | null;
  /** Value of the constant bias feature (default 0: no bias). */
  bias?: number;
  /** Stop when the duality gap ≤ tol·P (default 1e-4). */
  tol?: number;
  /** Sweeps over the (active) examples at most (default 100000, LIBLINEAR's). */
  maxIter?: number;
  /** Drop variables at their bounds from the sweeps (default true). */
  shrinking?: boolean;
  /** Seed of the sweep order (default 0). */
  seed?: number;
  /**
   * Where the sweeps run: 'wasm' (WebAssembly SIMD) or 'reference' (TypeScript); both give the same
   * iterates bit for bit. Default: the reference when the default kernels are (ARGMAX_KERNELS=reference,
   * --kernels reference, or no WebAssembly SIMD), else wasm.
   */
  backend?: 'wasm' | 'reference';
  /** Called after every sweep (after its gap check, if any); return true to stop. */
  onIteration?: (iteration: number, progress: CrammerSingerProgress) => boolean | void;
}

/** The solver's state after a sweep. */
export interface CrammerSingerProgress {
  /** Examples swept next time. */
  activeSize: number;
  /** Largest violation of the optimality conditions in the sweep. */
  violation: number;
  /** P(W) and −f(α) when this sweep ended with a gap check, else null. */
  primal: number | null;
  dual: number | null;
}

export interface CrammerSingerResult {
  /** K×D row-major. */
  W: Float64Array;
  /** Per-class bias (the bias feature's weights times its value), or null without a bias. */
  b: Float64Array | null;
  /** P(W) at the returned weights (LIBLINEAR's scale). */
  primal: number;
  /** −f(α): the dual objective, a lower bound on min P. */
  dual: number;
  /** primal − dual ≥ 0. */
  gap: number;
  /** Largest violation of the optimality conditions in the last sweep (LIBLINEAR's stopping measure). */
  violation: number;
  /** 'duality_gap' (gap ≤ tol·P), 'relative_decrease' (no variable can move: rounding), 'max_iter' or 'callback'. */
  reason: 'duality_gap' | 'relative_decrease' | 'max_iter' | 'callback';
  iterations: number;
  /** Full passes made to evaluate the duality gap. */
  gapChecks: number;
  /** Examples with some α_i^m ≠ 0. */
  supportVectors: number;
  seconds: number;
}

const CRAMMER_SINGER_OPTION_NAMES = optionNames<CrammerSingerOptions>()(['C', 'costs', 'sampleWeight', 'bias', 'tol', 'maxIter', 'shrinking', 'seed', 'backend', 'onIteration']);

export function crammerSingerDual(X: Matrix, y: Int32Array, K: number, options: CrammerSingerOptions): CrammerSingerResult {
  refuseUnknownOptions(options, CRAMMER_SINGER_OPTION_NAMES, 'crammerSingerDual');
  const t0 = performance.now();
  const { C } = options;
  if (!(C > 0 && Number.isFinite(C))) throw new RangeError(`C must be a finite number > 0, got ${C}`);
  const tol = options.tol ?? 1e-4;
  if (!(tol > 0 && Number.isFinite(tol))) throw new RangeError(`tol must be a finite number > 0, got ${options.tol}`);
  const maxIter = options.maxIter ?? 100000;
  if (!(Number.isInteger(maxIter) && maxIter >= 1)) throw new RangeError(`maxIter must be an integer ≥ 1, got ${options.maxIter}`);
  const B = options.bias ?? 0;
  if (!(B >= 0 && Number.isFinite(B))) throw new RangeError(`bias must be a finite number ≥ 0, got ${options.bias}`);
  const shrinking = options.shrinking ?? true;
  const costs = options.costs ?? null;
  const sw = options.sampleWeight ?? null;
  const csr = X.kind === 'csr' ? X : toCsr(X);
  const N = csr.rows;
  const D = csr.cols;
  if (y.length !== N) throw new RangeError(`y has ${y.length} labels but X has ${N} rows`);
  if (sw && sw.length !== N) throw new RangeError(`sampleWeight has ${sw.length} values but X has ${N} rows`);
  const pr = csProblem(csr, y, K, C, costs, sw, B);
  const sweeper = makeSweeper(pr, options.backend);
  const { w, alpha, activeSizeI, index } = sweeper.state;
  const { Kp } = pr;
  const rng = new Random(options.seed ?? 0);

  let activeSize = N;
  let epsShrink = 1; // LIBLINEAR: max(10·eps, 1)
  let maxCost = 1;
  if (costs) for (let p = 0; p < costs.length; p++) maxCost = Math.max(maxCost, costs[p]);
  const violationFloor = 1e-6 * maxCost;
  // The shrinking threshold halves at each reset down to this floor, LIBLINEAR's default eps (0.1, in the
  // costs' units) at first: where LIBLINEAR would stop (a full sweep below it), the floor halves instead
  // (a continuation in eps). Halving to 1e-6 from the start spent long phases on a stale shrunk set.
  let epsFloor = 0.1 * maxCost;
  let startFromAll = true;
  let iter = 0;
  let reason: CrammerSingerResult['reason'] = 'max_iter';
  let violation = Infinity;
  let gapNow = { primal: NaN, dual: NaN };
  let gapChecks = 0;
  let visitedSinceCheck = 0;
  // The W with the lowest primal met at a check (P(W(α)) is not monotone).
  const bestW = new Float64Array(w.length);
  let bestPrimal = Infinity;
  let currentPrimal = Infinity;

  while (iter < maxIter) {
    for (let s = 0; s < activeSize; s++) {
      const j = s + rng.int(activeSize - s);
      const t = index[s];
      index[s] = index[j];
      index[j] = t;
    }
    visitedSinceCheck += activeSize;
    const swept = sweeper.sweep(activeSize, shrinking);
    const stopping = swept.stopping;
    activeSize = swept.activeSize;
    iter++;
    violation = Math.max(stopping, 0);
    // The duality gap decides, after a sweep over every variable or 2N visits since the last check.
    const check = startFromAll || visitedSinceCheck >= 2 * N;
    if (check) {
      gapChecks++;
      visitedSinceCheck = 0;
      gapNow = objectives();
      if (gapNow.primal - gapNow.dual <= tol * Math.abs(gapNow.primal)) reason = 'duality_gap';
      else if (stopping <= 1e-12) reason = 'relative_decrease';
    }
    const progress = { activeSize, violation, primal: check ? gapNow.primal : null, dual: check ? gapNow.dual : null };
    const stop = options.onIteration?.(iter, progress);
    if (reason !== 'max_iter') break;
    if (stop) {
      reason = 'callback';
      break;
    }
    if (startFromAll && stopping < epsFloor) epsFloor = Math.max(epsFloor / 2, violationFloor);
    if (stopping < epsShrink) {
      // Small violations among the active variables: bring back the shrunk ones and look again, more
      // strictly, down to the floor.
      activeSize = N;
      activeSizeI.fill(K);
      epsShrink = Math.max(epsShrink / 2, epsFloor);
      startFromAll = true;
    } else startFromAll = false;
  }
  if (reason !== 'duality_gap' && reason !== 'relative_decrease') gapNow = objectives();
  if (currentPrimal > bestPrimal) w.set(bestW);

  const W = new Float64Array(K * D);
  for (let j = 0; j < D; j++) for (let k = 0; k < K; k++) W[k * D + j] = w[j * Kp + k];
  const b = B > 0 ? Float64Array.from({ length: K }, (_, k) => w[D * Kp + k] * B) : null;
  let supportVectors = 0;
  for (let i = 0; i < N; i++) {
    for (let m = 0; m < K; m++) {
      if (alpha[i * K + m] !== 0) {
        supportVectors++;
        break;
      }
    }
  }
  return {
    W, b, primal: gapNow.primal, dual: gapNow.dual, gap: gapNow.primal - gapNow.dual, violation, reason,
    iterations: iter, supportVectors, gapChecks, seconds: (performance.now() - t0) / 1000,
  };

  /** P(W) and −f(α) at the current iterate (one pass over the data). */
  function objectives(): { primal: number; dual: number } {
    const s = sweeper.objectives();
    const primal = 0.5 * s.sq + s.hinge;
    currentPrimal = primal;
    if (primal < bestPrimal) {
      bestPrimal = primal;
      bestW.set(w);
    }
    return { primal: bestPrimal, dual: -(0.5 * s.sq + s.linear) };
  }
}

/** The sweeps in WebAssembly unless the reference is asked for (or the default kernels are the reference). */
function makeSweeper(pr: ReturnType<typeof csProblem>, backend: CrammerSingerOptions['backend']): CsSweeper {
  const chosen = backend ?? (defaultKernels().name === 'reference' ? 'reference' : 'wasm');
  if (chosen !== 'wasm' && chosen !== 'reference') throw new RangeError(`backend must be 'wasm' or 'reference', got ${JSON.stringify(backend)}`);
  return chosen === 'wasm' ? new WasmSweeper(pr) : new ReferenceSweeper(pr);
}
