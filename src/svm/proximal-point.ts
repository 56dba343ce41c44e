import { type CsSweeper } from './crammer-singer-sweep.js';

/**
 * The accelerated proximal-point outer loop (Catalyst: Lin, Mairal &
 * Harchaoui, NeurIPS 2015) around the Crammer–Singer dual coordinate descent.
 *
 * Between moves of the centre u the sweeps minimize, over the same feasible
 * α, the dual of the proximal problem
 *
 *   P_κ(W) = P(W) + κ/2 ‖W − u‖²,   whose W(α) = (v(α) + κu)/(1 + κ),  v(α) = Σᵢ αᵢ xᵢ,
 *
 * a problem (1 + κ) times better conditioned: one example's step has
 * curvature ‖xᵢ‖²/(1 + κ) and moves W by δ xᵢ/(1 + κ). The sweeps see it as
 * the plain problem on data scaled by r = 1/√(1 + κ), with their w' = W/r
 * (CsSweeper.setDataScale). Every few sweeps the centre moves to the
 * extrapolated point u = W_k + β(W_k − W_{k−1}), β = (1 − √q)/(1 + √q),
 * q = 1/(1 + κ): Nesterov's momentum on the proximal-point steps. α stays
 * feasible throughout, so v(α) always gives a valid dual bound
 * −(½‖v‖² + Σ ℓ α) of the original problem.
 */
export class ProximalPoint {
  /** The centre u, in W's units and w's feature-major layout. */
  private readonly centre: Float64Array;
  /** W at the previous move (the momentum's direction). */
  private readonly previous: Float64Array;
  private moves = 0;
  private r: number;
  private k: number;

  constructor(
    kappa: number,
    private readonly sweeper: CsSweeper,
  ) {
    this.k = kappa;
    const size = sweeper.state.w.length;
    this.centre = new Float64Array(size);
    this.previous = new Float64Array(size);
    this.r = 1 / Math.sqrt(1 + kappa);
    // At α = 0 and u = 0, W = 0 in either units: only the data changes scale.
    sweeper.setDataScale(this.r);
  }

  /** κ now (lower changes it). */
  get kappa(): number {
    return this.k;
  }

  /** W from the sweeper's w', into `out` (w's layout). */
  weightsInto(out: Float64Array): Float64Array {
    const { w } = this.sweeper.state;
    for (let p = 0; p < w.length; p++) out[p] = this.r * w[p];
    return out;
  }

  /** ½‖W‖² from the sweeper's ‖w'‖². */
  halfSquare(sweeperSquare: number): number {
    return 0.5 * this.r * this.r * sweeperSquare;
  }

  /** ½‖v(α)‖², v = (1 + κ)W − κu: the quadratic term of the original problem's dual. */
  dualHalfSquare(): number {
    const { w } = this.sweeper.state;
    let sq = 0;
    for (let p = 0; p < w.length; p++) {
      const v = (1 + this.kappa) * this.r * w[p] - this.kappa * this.centre[p];
      sq += v * v;
    }
    return 0.5 * sq;
  }

  /**
   * Moves the centre to W_k + β(W_k − W_{k−1}) (β = 0 at the first move and on a restart, when the
   * primal went up: O'Donoghue & Candès's adaptive restart) and W with it, α fixed:
   * W ← W + κ(u_new − u)/(1 + κ).
   */
  move(restart: boolean): void {
    const { w } = this.sweeper.state;
    const q = 1 / (1 + this.kappa);
    const beta = this.moves === 0 || restart ? 0 : (1 - Math.sqrt(q)) / (1 + Math.sqrt(q));
    const shift = this.kappa * q / this.r;
    for (let p = 0; p < w.length; p++) {
      const x = this.r * w[p];
      const u = x + beta * (x - this.previous[p]);
      w[p] += shift * (u - this.centre[p]);
      this.centre[p] = u;
      this.previous[p] = x;
    }
    this.moves++;
  }

  /**
   * Changes κ with α fixed: W = (v + κ'u)/(1 + κ'), the data rescaled, with v = Σᵢ αᵢ xᵢ summed afresh
   * (`v`, from weightsOfAlpha): the sweeps' W drifts from W(α) by rounding,
   * and κ' = 0 hands the plain sweeps W = v itself, in the sweeper's own units.
   */
  lower(kappa: number, v: Float64Array): void {
    const { w } = this.sweeper.state;
    const r = 1 / Math.sqrt(1 + kappa);
    for (let p = 0; p < w.length; p++) w[p] = kappa === 0 ? v[p] : (v[p] + kappa * this.centre[p]) / (1 + kappa) / r;
    this.k = kappa;
    this.r = r;
    this.moves = 0;
    this.sweeper.setDataScale(r);
  }
}

/** The largest default κ: past it the momentum outruns the few sweeps per centre (bench/NOTES.md). */
export const MAX_DEFAULT_KAPPA = 30;

/**
 * The default κ: a quarter of the mean Cᵢ‖xᵢ‖² (the scale of the dual's curvature per unit of the
 * box), at most MAX_DEFAULT_KAPPA, 0 when below 1 (a well-conditioned problem the plain sweeps solve
 * quickly). On MNIST (pixels in [0, 1], C = 1) it is 22; the run lowers it ×¼ whenever the primal
 * stops improving.
 */
export function defaultKappa(QD: Float64Array, Ci: Float64Array): number {
  let s = 0;
  for (let i = 0; i < QD.length; i++) s += Ci[i] * QD[i];
  const kappa = Math.min(s / Math.max(QD.length, 1) / 4, MAX_DEFAULT_KAPPA);
  return kappa >= 1 ? kappa : 0;
}
