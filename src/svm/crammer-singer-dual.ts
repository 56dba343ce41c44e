import { type Matrix, toCsr } from '../data/csr.js';
import { defaultKernels } from '../kernels/select.js';
import { type CostMatrix } from '../losses/multiclass-hinge.js';
import { Random } from '../random.js';
import { type CsSweeper, ReferenceSweeper, csProblem, weightsOfAlpha } from './crammer-singer-sweep.js';
import { WasmSweeper } from './crammer-singer-wasm.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';
import { ProximalPoint, defaultKappa } from './proximal-point.js';

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
 * TypeScript (crammer-singer-sweep.ts), with the same iterates. By default
 * they run inside an accelerated proximal-point outer loop (proximal-point.ts),
 * which checks the gap every 2N visits only.
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
   * κ ≥ 0 of the accelerated proximal-point outer loop (Catalyst; proximal-point.ts): the sweeps solve
   * P(W) + κ/2‖W − u‖² with a centre u that moves, with momentum, every three sweeps; lowered ×¼ (to 0
   * below 1) whenever the primal has not improved for four gap checks. 0: plain dual coordinate descent,
   * LIBLINEAR's algorithm. Default: a quarter of the mean Cᵢ‖xᵢ‖², at most 30 (0 below 1).
   */
  proximal?: number;
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
  /** κ of the proximal-point outer loop now (0: plain sweeps). */
  proximal: number;
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
  /** The largest −f(α) met at the gap checks: the dual objective, a lower bound on min P. */
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
  /** κ of the proximal-point outer loop at the end (0: plain sweeps), and at the start. */
  proximal: { final: number; initial: number };
  seconds: number;
}

const CRAMMER_SINGER_OPTION_NAMES = optionNames<CrammerSingerOptions>()(['C', 'costs', 'sampleWeight', 'bias', 'tol', 'maxIter', 'shrinking', 'seed', 'backend', 'onIteration', 'proximal']);

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
  const kappa0 = options.proximal ?? defaultKappa(pr.QD, pr.Ci);
  if (!(kappa0 >= 0 && Number.isFinite(kappa0))) throw new RangeError(`proximal must be a finite number ≥ 0, got ${options.proximal}`);
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
  let bestDual = -Infinity;
  // The proximal-point outer loop, while κ > 0; its state between checks: the last check's primal (a rise
  // restarts the momentum) and how many checks in a row have not improved the best primal.
  let prox = kappa0 > 0 ? new ProximalPoint(kappa0, sweeper) : null;
  let sweepsSinceMove = 0;
  let lastPrimal = Infinity;
  let restart = false;
  let stalls = 0;

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
    // The duality gap decides, after a sweep over every variable or 2N visits since the last check (with
    // the proximal loop only the latter: its centre moves every few sweeps).
    const check = (startFromAll && !prox) || visitedSinceCheck >= 2 * N;
    if (check) {
      gapChecks++;
      visitedSinceCheck = 0;
      const bestBefore = bestPrimal;
      gapNow = objectives();
      if (gapNow.primal - gapNow.dual <= tol * Math.abs(gapNow.primal)) reason = 'duality_gap';
      else if (stopping <= 1e-12 && !prox) reason = 'relative_decrease';
      if (prox) {
        restart = currentPrimal > lastPrimal;
        lastPrimal = currentPrimal;
        stalls = bestPrimal < bestBefore ? 0 : stalls + 1;
      }
    }
    const progress = { activeSize, violation, proximal: prox?.kappa ?? 0, primal: check ? gapNow.primal : null, dual: check ? gapNow.dual : null };
    const stop = options.onIteration?.(iter, progress);
    if (reason !== 'max_iter') break;
    if (stop) {
      reason = 'callback';
      break;
    }
    if (startFromAll && stopping < epsFloor) epsFloor = Math.max(epsFloor / 2, violationFloor);
    if (stopping < epsShrink || (prox && check)) {
      // Small violations among the active variables: bring back the shrunk ones and look again, more
      // strictly, down to the floor. With the proximal loop also at each check: the moving centre
      // changes every gradient, so the shrunk set goes stale.
      activeSize = N;
      activeSizeI.fill(K);
      if (stopping < epsShrink) epsShrink = Math.max(epsShrink / 2, epsFloor);
      startFromAll = true;
    } else startFromAll = false;
    if (prox && check && stalls >= 4) {
      const kappa = prox.kappa / 4 >= 1 ? prox.kappa / 4 : 0;
      prox.lower(kappa, weightsOfAlpha(pr, alpha));
      if (kappa === 0) prox = null;
      stalls = 0;
      restart = true;
      sweepsSinceMove = 0;
    } else if (prox && ++sweepsSinceMove === 3) {
      prox.move(restart);
      restart = false;
      sweepsSinceMove = 0;
    }
  }
  if (reason !== 'duality_gap' && reason !== 'relative_decrease') gapNow = objectives();
  // The returned weights in W's units: the best met at a check, else the current ones.
  const final = currentPrimal > bestPrimal ? bestW : prox ? prox.weightsInto(new Float64Array(w.length)) : w;
  const W = new Float64Array(K * D);
  for (let j = 0; j < D; j++) for (let k = 0; k < K; k++) W[k * D + j] = final[j * Kp + k];
  const b = B > 0 ? Float64Array.from({ length: K }, (_, k) => final[D * Kp + k] * B) : null;
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
    iterations: iter, supportVectors, gapChecks, proximal: { final: prox?.kappa ?? 0, initial: kappa0 }, seconds: (performance.now() - t0) / 1000,
  };

  /** The best P(W) met and the best −f(α) met, after evaluating the current iterate (one pass over the data). */
  function objectives(): { primal: number; dual: number } {
    const s = sweeper.objectives();
    const primal = (prox ? prox.halfSquare(s.sq) : 0.5 * s.sq) + s.hinge;
    currentPrimal = primal;
    if (primal < bestPrimal) {
      bestPrimal = primal;
      if (prox) prox.weightsInto(bestW);
      else bestW.set(w);
    }
    bestDual = Math.max(bestDual, -((prox ? prox.dualHalfSquare() : 0.5 * s.sq) + s.linear));
    return { primal: bestPrimal, dual: bestDual };
  }
}

/** The sweeps in WebAssembly unless the reference is asked for (or the default kernels are the reference). */
function makeSweeper(pr: ReturnType<typeof csProblem>, backend: CrammerSingerOptions['backend']): CsSweeper {
  const chosen = backend ?? (defaultKernels().name === 'reference' ? 'reference' : 'wasm');
  if (chosen !== 'wasm' && chosen !== 'reference') throw new RangeError(`backend must be 'wasm' or 'reference', got ${JSON.stringify(backend)}`);
  return chosen === 'wasm' ? new WasmSweeper(pr) : new ReferenceSweeper(pr);
}
