import { type CsrMatrix } from '../data/csr.js';
import { type CostMatrix } from '../losses/multiclass-hinge.js';

/**
 * The Crammer–Singer dual problem as the sweeps see it (crammer-singer-dual.ts
 * states the mathematics): the data in CSR form with the scale applied,
 * ‖xᵢ‖², Cᵢ = C·wᵢ and the cost matrix with ℓ(y, y) = 0.
 */
export interface CsProblem {
  N: number;
  K: number;
  /** K rounded up to even: the row length of w (two f64 lanes per SIMD vector). */
  Kp: number;
  D: number;
  /** D, plus one for the bias feature. */
  Dw: number;
  /** Value of the bias feature (0: none). */
  B: number;
  indptr: Int32Array;
  indices: Int32Array;
  /** Stored value × the matrix's scale. */
  values: Float64Array;
  y: Int32Array;
  /** ‖xᵢ‖² with the bias feature. */
  QD: Float64Array;
  Ci: Float64Array;
  /** K×K by true class, 0 on the diagonal (1 elsewhere for 0/1 costs). */
  costs: Float64Array;
}

/** What the solver reads and changes between sweeps (in wasm memory for the WebAssembly twin). */
export interface CsState {
  /** Dw×Kp, feature-major: w[j·Kp + m] is class m's weight of feature j. */
  w: Float64Array;
  /** N×K dual variables. */
  alpha: Float64Array;
  /** Per example, its classes with the active ones first. */
  alphaIndex: Int32Array;
  /** Per example, how many classes are active. */
  activeSizeI: Int32Array;
  /** Per example, the position of yᵢ in its alphaIndex row. */
  yIndex: Int32Array;
  /** The examples, the active ones first (the solver permutes them before each sweep). */
  index: Int32Array;
}

/** The sums the duality gap needs: ‖W‖², Σᵢ Cᵢ ξᵢ and Σᵢ Σ_m ℓ(yᵢ, m) α_i^m. */
export interface CsSums {
  sq: number;
  hinge: number;
  linear: number;
}

/** One implementation of the sweep: the TypeScript reference or the WebAssembly twin. */
export interface CsSweeper {
  readonly state: CsState;
  /** One pass over index[0..activeSize): returns the largest violation met (−∞ if none) and the new active count. */
  sweep(activeSize: number, shrinking: boolean): { stopping: number; activeSize: number };
  /** P's sums at the current w (its ‖w‖² in the sweeps' units: see setDataScale). */
  objectives(): CsSums;
  /**
   * Sweep the data scaled by r (values and the bias feature × r, ‖xᵢ‖² × r²) from now on: with w read as
   * W/r, the scores stay W·xᵢ and a step δ moves W by r²·δ·xᵢ — the coordinate step of the proximal
   * problem P(W) + κ/2‖W − u‖² when r² = 1/(1 + κ). The caller rescales w.
   */
  setDataScale(r: number): void;
}

export function csProblem(csr: CsrMatrix, y: Int32Array, K: number, C: number, costs: CostMatrix | null, sw: Float64Array | null, B: number): CsProblem {
  const N = csr.rows;
  const D = csr.cols;
  const { indptr, indices, scale } = csr;
  const values = new Float64Array(indptr[N]);
  for (let p = 0; p < values.length; p++) values[p] = csr.values[p] * scale;
  const QD = new Float64Array(N);
  const Ci = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let s = B > 0 ? B * B : 0;
    for (let p = indptr[i]; p < indptr[i + 1]; p++) s += values[p] * values[p];
    QD[i] = s;
    Ci[i] = C * (sw ? sw[i] : 1);
    if (!(y[i] >= 0 && y[i] < K)) throw new RangeError(`class index ${y[i]} of example ${i} is outside 0..${K - 1}`);
  }
  const full = new Float64Array(K * K);
  for (let a = 0; a < K; a++) for (let m = 0; m < K; m++) full[a * K + m] = a === m ? 0 : costs ? costs[a * K + m] : 1;
  return {
    N, K, Kp: K + (K & 1), D, Dw: D + (B > 0 ? 1 : 0), B,
    indptr: Int32Array.from(indptr.subarray(0, N + 1)), indices: Int32Array.from(indices.subarray(0, indptr[N])), values, y: Int32Array.from(y), QD, Ci, costs: full,
  };
}

/**
 * v(α) = Σᵢ αᵢ xᵢ in w's feature-major layout (the bias feature's row included), summed afresh from α and
 * the unscaled data: the weights the dual variables stand for, without the rounding the sweeps' updates
 * accumulate.
 */
export function weightsOfAlpha(pr: CsProblem, alpha: Float64Array): Float64Array {
  const { N, K, Kp, D, Dw, B, indptr, indices, values } = pr;
  const v = new Float64Array(Dw * Kp);
  for (let i = 0; i < N; i++) {
    const ai = i * K;
    for (let p = indptr[i]; p < indptr[i + 1]; p++) {
      const x = values[p];
      const o = indices[p] * Kp;
      for (let m = 0; m < K; m++) v[o + m] += alpha[ai + m] * x;
    }
    if (B > 0) for (let m = 0; m < K; m++) v[D * Kp + m] += alpha[ai + m] * B;
  }
  return v;
}

/** The state at α = 0: every class active, examples in order. */
export function initialState(pr: CsProblem, s: CsState): void {
  s.w.fill(0);
  s.alpha.fill(0);
  for (let i = 0; i < pr.N; i++) for (let m = 0; m < pr.K; m++) s.alphaIndex[i * pr.K + m] = m;
  s.activeSizeI.fill(pr.K);
  s.yIndex.set(pr.y);
  for (let i = 0; i < pr.N; i++) s.index[i] = i;
}

/**
 * The TypeScript reference sweep (LIBLINEAR's Solver_MCSVM_CS inner loop).
 * Scores are accumulated per class from 0 in the order of the row's entries,
 * the cost added after, so that each f64x2 lane of the WebAssembly twin does
 * the same operations in the same order.
 */
export class ReferenceSweeper implements CsSweeper {
  readonly state: CsState;
  private readonly z: Float64Array;
  private readonly G: Float64Array;
  private readonly Bm: Float64Array;
  private readonly Ds: Float64Array;
  private readonly alphaNew: Float64Array;
  private readonly dInd: Int32Array;
  private readonly dVal: Float64Array;
  /** The data at the current scale (the problem's own arrays at scale 1). */
  private values: Float64Array;
  private QD: Float64Array;
  private B: number;

  constructor(private readonly pr: CsProblem) {
    this.values = pr.values;
    this.QD = pr.QD;
    this.B = pr.B;
    const { N, K, Kp, Dw } = pr;
    this.state = {
      w: new Float64Array(Dw * Kp), alpha: new Float64Array(N * K), alphaIndex: new Int32Array(N * K),
      activeSizeI: new Int32Array(N), yIndex: new Int32Array(N), index: new Int32Array(N),
    };
    initialState(pr, this.state);
    this.z = new Float64Array(Kp);
    this.G = new Float64Array(K);
    this.Bm = new Float64Array(K);
    this.Ds = new Float64Array(K);
    this.alphaNew = new Float64Array(K);
    this.dInd = new Int32Array(K);
    this.dVal = new Float64Array(K);
  }

  setDataScale(r: number): void {
    const { pr } = this;
    this.values = r === 1 ? pr.values : pr.values.map((v) => v * r);
    this.QD = r === 1 ? pr.QD : pr.QD.map((q) => q * (r * r));
    this.B = pr.B * r;
  }

  sweep(activeSize: number, shrinking: boolean): { stopping: number; activeSize: number } {
    const { K, Kp, D, indptr, indices, y, Ci, costs } = this.pr;
    const { values, QD, B } = this;
    const { w, alpha, alphaIndex, activeSizeI, yIndex, index } = this.state;
    const { z, G, Bm, Ds, alphaNew, dInd, dVal } = this;
    let stopping = -Infinity;
    for (let s = 0; s < activeSize; s++) {
      const i = index[s];
      const Ai = QD[i];
      const Cy = Ci[i];
      if (!(Ai > 0) || Cy === 0) continue;
      const ai = i * K;
      const act = activeSizeI[i];
      const yi = y[i];
      const yPos = yIndex[i];
      // G_m = ℓ(yᵢ, m) + w_m·xᵢ, the gradient of f in α_i^m.
      for (let m = 0; m < act; m++) z[alphaIndex[ai + m]] = 0;
      for (let p = indptr[i]; p < indptr[i + 1]; p++) {
        const v = values[p];
        const o = indices[p] * Kp;
        for (let m = 0; m < act; m++) {
          const c = alphaIndex[ai + m];
          z[c] += v * w[o + c];
        }
      }
      if (B > 0) {
        const o = D * Kp;
        for (let m = 0; m < act; m++) {
          const c = alphaIndex[ai + m];
          z[c] += B * w[o + c];
        }
      }
      // The violation: max over all G minus min over the variables that can decrease.
      let minG = Infinity;
      let maxG = -Infinity;
      for (let m = 0; m < act; m++) {
        const c = alphaIndex[ai + m];
        const g = costs[yi * K + c] + z[c];
        G[m] = g;
        if (alpha[ai + c] < 0 && g < minG) minG = g;
        if (g > maxG) maxG = g;
      }
      if (yPos < act && alpha[ai + yi] < Cy && G[yPos] < minG) minG = G[yPos];

      if (shrinking) {
        let a = act;
        let yp = yPos;
        for (let m = 0; m < a; m++) {
          if (!stuckAtBound(alpha, alphaIndex, ai, m, yp, Cy, G, minG)) continue;
          a--;
          while (a > m) {
            if (!stuckAtBound(alpha, alphaIndex, ai, a, yp, Cy, G, minG)) {
              swapInt(alphaIndex, ai + m, ai + a);
              const g = G[m];
              G[m] = G[a];
              G[a] = g;
              if (yp === a) yp = m;
              else if (yp === m) yp = a;
              break;
            }
            a--;
          }
        }
        activeSizeI[i] = a;
        yIndex[i] = yp;
        if (a <= 1) {
          activeSize--;
          swapInt(index, s, activeSize);
          s--;
          continue;
        }
      }
      if (maxG - minG <= 1e-12) continue;
      if (maxG - minG > stopping) stopping = maxG - minG;

      const a = activeSizeI[i];
      const yp = yIndex[i];
      for (let m = 0; m < a; m++) Bm[m] = G[m] - Ai * alpha[ai + alphaIndex[ai + m]];
      solveSubProblem(Ai, yp, Cy, a, Bm, Ds, alphaNew);
      let nz = 0;
      for (let m = 0; m < a; m++) {
        const c = alphaIndex[ai + m];
        const d = alphaNew[m] - alpha[ai + c];
        alpha[ai + c] = alphaNew[m];
        // Every change reaches w (LIBLINEAR skips |d| < 1e-12): skipped ones leave w ≠ W(α), and at tight
        // tolerances the sweeps then stall on a stale gradient and the dual read from w overstates −f(α).
        if (d !== 0) {
          dInd[nz] = c;
          dVal[nz] = d;
          nz++;
        }
      }
      for (let p = indptr[i]; p < indptr[i + 1]; p++) {
        const v = values[p];
        const o = indices[p] * Kp;
        for (let m = 0; m < nz; m++) w[o + dInd[m]] += v * dVal[m];
      }
      if (B > 0) {
        const o = D * Kp;
        for (let m = 0; m < nz; m++) w[o + dInd[m]] += B * dVal[m];
      }
    }
    return { stopping, activeSize };
  }

  objectives(): CsSums {
    const { N, K, Kp, D, indptr, indices, y, Ci, costs } = this.pr;
    const { values, B } = this;
    const { w, alpha } = this.state;
    const z = this.z;
    let sq = 0;
    for (let p = 0; p < w.length; p++) sq += w[p] * w[p];
    let hinge = 0;
    let linear = 0;
    for (let i = 0; i < N; i++) {
      const yi = y[i];
      for (let m = 0; m < K; m++) linear += costs[yi * K + m] * alpha[i * K + m];
      if (Ci[i] === 0) continue;
      z.fill(0);
      for (let p = indptr[i]; p < indptr[i + 1]; p++) {
        const v = values[p];
        const o = indices[p] * Kp;
        for (let m = 0; m < K; m++) z[m] += v * w[o + m];
      }
      if (B > 0) for (let m = 0; m < K; m++) z[m] += B * w[D * Kp + m];
      let worst = 0;
      for (let m = 0; m < K; m++) if (m !== yi) worst = Math.max(worst, costs[yi * K + m] + z[m] - z[yi]);
      hinge += Ci[i] * worst;
    }
    return { sq, hinge, linear };
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
