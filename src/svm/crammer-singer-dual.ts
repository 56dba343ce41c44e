import { type CsrMatrix, type Matrix, toCsr } from '../data/csr.js';
import { type CostMatrix } from '../losses/multiclass-hinge.js';
import { Random } from '../random.js';

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
 * far P is above its optimum; the solver stops when gap ≤ tol·P. With 0/1
 * costs this is exactly LIBLINEAR's problem. Each step minimizes f over one
 * example's α_i exactly (a K-variable problem solved by sorting), keeping W
 * up to date; "shrinking" drops the α_i^m stuck at their bound from the
 * sweeps until the violation falls below a threshold, then checks them all.
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
  /** Called after every sweep; return true to stop. */
  onIteration?: (iteration: number) => boolean | void;
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

export function crammerSingerDual(X: Matrix, y: Int32Array, K: number, options: CrammerSingerOptions): CrammerSingerResult {
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
  const csr: CsrMatrix = X.kind === 'csr' ? X : toCsr(X);
  const N = csr.rows;
  const D = csr.cols;
  if (y.length !== N) throw new RangeError(`y has ${y.length} labels but X has ${N} rows`);
  if (sw && sw.length !== N) throw new RangeError(`sampleWeight has ${sw.length} values but X has ${N} rows`);
  const { indptr, indices, values, scale } = csr;
  const hasBias = B > 0;
  const Dw = D + (hasBias ? 1 : 0);
  // W feature-major (Dw×K): a feature's K weights are contiguous for the per-example class loops.
  const w = new Float64Array(Dw * K);
  const alpha = new Float64Array(N * K);
  const cost = (yi: number, m: number) => (m === yi ? 0 : costs ? costs[yi * K + m] : 1);

  const QD = new Float64Array(N); // ‖xᵢ‖² (with the bias feature)
  const Ci = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let s = hasBias ? B * B : 0;
    for (let p = indptr[i]; p < indptr[i + 1]; p++) {
      const v = values[p] * scale;
      s += v * v;
    }
    QD[i] = s;
    Ci[i] = C * (sw ? sw[i] : 1);
    if (!(y[i] >= 0 && y[i] < K)) throw new RangeError(`class index ${y[i]} of example ${i} is outside 0..${K - 1}`);
  }

  // Active sets: the examples swept, and per example its classes still free (alphaIndex order, yIndex where yᵢ sits).
  const index = Int32Array.from({ length: N }, (_, i) => i);
  const alphaIndex = new Int32Array(N * K);
  for (let i = 0; i < N; i++) for (let m = 0; m < K; m++) alphaIndex[i * K + m] = m;
  const activeSizeI = new Int32Array(N).fill(K);
  const yIndex = Int32Array.from(y);
  let activeSize = N;
  const G = new Float64Array(K);
  const Bm = new Float64Array(K);
  const Dsorted = new Float64Array(K);
  const alphaNew = new Float64Array(K);
  const dInd = new Int32Array(K);
  const dVal = new Float64Array(K);
  const rng = new Random(options.seed ?? 0);

  let epsShrink = 1; // LIBLINEAR: max(10·eps, 1)
  let maxCost = 1;
  if (costs) for (let p = 0; p < costs.length; p++) maxCost = Math.max(maxCost, costs[p]);
  const violationFloor = 1e-6 * maxCost;
  let startFromAll = true;
  let iter = 0;
  let reason: CrammerSingerResult['reason'] = 'max_iter';
  let violation = Infinity;
  let gapNow = { primal: NaN, dual: NaN };
  let gapChecks = 0;

  const reset = () => {
    activeSize = N;
    activeSizeI.fill(K);
  };

  while (iter < maxIter) {
    let stopping = -Infinity;
    for (let s = 0; s < activeSize; s++) {
      const j = s + rng.int(activeSize - s);
      const t = index[s];
      index[s] = index[j];
      index[j] = t;
    }
    for (let s = 0; s < activeSize; s++) {
      const i = index[s];
      const Ai = QD[i];
      if (!(Ai > 0) || Ci[i] === 0) continue;
      const ai = i * K;
      const act = activeSizeI[i];
      const yi = y[i];
      const yPos = yIndex[i];
      const Cy = Ci[i];
      // G_m = ℓ(yᵢ, m) + w_m·xᵢ, the gradient of f in α_i^m.
      for (let m = 0; m < act; m++) G[m] = cost(yi, alphaIndex[ai + m]);
      for (let p = indptr[i]; p < indptr[i + 1]; p++) {
        const v = values[p] * scale;
        const o = indices[p] * K;
        for (let m = 0; m < act; m++) G[m] += w[o + alphaIndex[ai + m]] * v;
      }
      if (hasBias) {
        const o = D * K;
        for (let m = 0; m < act; m++) G[m] += w[o + alphaIndex[ai + m]] * B;
      }
      // The violation: max over all G minus min over the variables that can decrease.
      let minG = Infinity;
      let maxG = -Infinity;
      for (let m = 0; m < act; m++) {
        if (alpha[ai + alphaIndex[ai + m]] < 0 && G[m] < minG) minG = G[m];
        if (G[m] > maxG) maxG = G[m];
      }
      if (yPos < act && alpha[ai + yi] < Cy && G[yPos] < minG) minG = G[yPos];

      if (shrinking) {
        for (let m = 0; m < activeSizeI[i]; m++) {
          if (!stuckAtBound(alpha, alphaIndex, ai, m, yIndex[i], Cy, G, minG)) continue;
          activeSizeI[i]--;
          while (activeSizeI[i] > m) {
            const last = activeSizeI[i];
            if (!stuckAtBound(alpha, alphaIndex, ai, last, yIndex[i], Cy, G, minG)) {
              swapInt(alphaIndex, ai + m, ai + last);
              const g = G[m];
              G[m] = G[last];
              G[last] = g;
              if (yIndex[i] === last) yIndex[i] = m;
              else if (yIndex[i] === m) yIndex[i] = last;
              break;
            }
            activeSizeI[i]--;
          }
        }
        if (activeSizeI[i] <= 1) {
          activeSize--;
          swapInt(index, s, activeSize);
          s--;
          continue;
        }
      }
      if (maxG - minG <= 1e-12) continue;
      stopping = Math.max(stopping, maxG - minG);

      const a = activeSizeI[i];
      const yp = yIndex[i];
      for (let m = 0; m < a; m++) Bm[m] = G[m] - Ai * alpha[ai + alphaIndex[ai + m]];
      solveSubProblem(Ai, yp, Cy, a, Bm, Dsorted, alphaNew);
      let nz = 0;
      for (let m = 0; m < a; m++) {
        const cls = alphaIndex[ai + m];
        const d = alphaNew[m] - alpha[ai + cls];
        alpha[ai + cls] = alphaNew[m];
        if (Math.abs(d) >= 1e-12) {
          dInd[nz] = cls;
          dVal[nz] = d;
          nz++;
        }
      }
      for (let p = indptr[i]; p < indptr[i + 1]; p++) {
        const v = values[p] * scale;
        const o = indices[p] * K;
        for (let m = 0; m < nz; m++) w[o + dInd[m]] += dVal[m] * v;
      }
      if (hasBias) {
        const o = D * K;
        for (let m = 0; m < nz; m++) w[o + dInd[m]] += dVal[m] * B;
      }
    }
    iter++;
    violation = Math.max(stopping, 0);
    if (options.onIteration?.(iter)) {
      reason = 'callback';
      break;
    }
    // After a sweep over every variable, the duality gap decides (one more pass over the data, at
    // most doubling the cost of the full sweeps; the cheap sweeps over the shrunk set are not checked).
    if (startFromAll) {
      gapChecks++;
      gapNow = objectives();
      if (gapNow.primal - gapNow.dual <= tol * Math.abs(gapNow.primal)) {
        reason = 'duality_gap';
        break;
      }
      if (stopping <= 1e-12) {
        reason = 'relative_decrease';
        break;
      }
    }
    if (stopping < epsShrink) {
      // Small violations among the active variables: bring back the shrunk ones and look again, more
      // strictly, down to a floor in the costs' units (LIBLINEAR floors at its eps).
      reset();
      epsShrink = Math.max(epsShrink / 2, violationFloor);
      startFromAll = true;
    } else startFromAll = false;
  }
  if (reason !== 'duality_gap' && reason !== 'relative_decrease') gapNow = objectives();

  const W = new Float64Array(K * D);
  for (let j = 0; j < D; j++) for (let k = 0; k < K; k++) W[k * D + j] = w[j * K + k];
  const b = hasBias ? Float64Array.from({ length: K }, (_, k) => w[D * K + k] * B) : null;
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
    let sq = 0;
    for (let p = 0; p < w.length; p++) sq += w[p] * w[p];
    let hinge = 0;
    let linear = 0;
    const z = new Float64Array(K);
    for (let i = 0; i < N; i++) {
      const yi = y[i];
      for (let m = 0; m < K; m++) linear += cost(yi, m) * alpha[i * K + m];
      if (Ci[i] === 0) continue;
      z.fill(0);
      for (let p = indptr[i]; p < indptr[i + 1]; p++) {
        const v = values[p] * scale;
        const o = indices[p] * K;
        for (let m = 0; m < K; m++) z[m] += w[o + m] * v;
      }
      if (hasBias) for (let m = 0; m < K; m++) z[m] += w[D * K + m] * B;
      let worst = 0;
      for (let m = 0; m < K; m++) if (m !== yi) worst = Math.max(worst, cost(yi, m) + z[m] - z[yi]);
      hinge += Ci[i] * worst;
    }
    return { primal: 0.5 * sq + hinge, dual: -(0.5 * sq + linear) };
  }
}

/**
 * The exact minimizer of ½A Σ_m α_m² + Σ_m B_m α_m subject to Σ α_m = 0
 * (over the free variables, the shrunk ones fixed at their bounds), α_m ≤ 0
 * for m ≠ y and α_y ≤ C_y: by the KKT conditions α_m = min(bound_m, (β − B_m)/A)
 * with β set by the equality constraint, found from the sorted B (LIBLINEAR's
 * solve_sub_problem). The class y sits at position yPos (≥ active: shrunk at C_y).
 */
export function solveSubProblem(A: number, yPos: number, Cy: number, active: number, B: Float64Array, Dsorted: Float64Array, out: Float64Array): void {
  for (let m = 0; m < active; m++) Dsorted[m] = B[m];
  if (yPos < active) Dsorted[yPos] += A * Cy;
  // Descending insertion sort (K is small).
  for (let m = 1; m < active; m++) {
    const v = Dsorted[m];
    let j = m - 1;
    while (j >= 0 && Dsorted[j] < v) {
      Dsorted[j + 1] = Dsorted[j];
      j--;
    }
    Dsorted[j + 1] = v;
  }
  let beta = Dsorted[0] - A * Cy;
  let r = 1;
  for (; r < active && beta < r * Dsorted[r]; r++) beta += Dsorted[r];
  beta /= r;
  for (let m = 0; m < active; m++) out[m] = Math.min(m === yPos ? Cy : 0, (beta - B[m]) / A);
}

/** Whether the variable at position m sits at its bound with a gradient that keeps it there (LIBLINEAR's be_shrunk). */
function stuckAtBound(alpha: Float64Array, alphaIndex: Int32Array, ai: number, m: number, yPos: number, Cy: number, G: Float64Array, minG: number): boolean {
  return alpha[ai + alphaIndex[ai + m]] === (m === yPos ? Cy : 0) && G[m] < minG;
}

function swapInt(a: Int32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
