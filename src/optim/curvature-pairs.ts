import { axpy, dot, norm2 } from './status.js';

/**
 * The last m curvature pairs (sᵢ = xᵢ₊₁ − xᵢ, yᵢ = gᵢ₊₁ − gᵢ) of a
 * quasi-Newton method and the two-loop recursion over them (Nocedal &
 * Wright, Algorithm 7.4), shared by L-BFGS and OWL-QN. The initial Hessian
 * H₀ between the two loops is the caller's (scaled identity or a
 * preconditioner).
 */
export class CurvaturePairs {
  readonly S: Float64Array[];
  readonly Y: Float64Array[];
  private readonly rhos: Float64Array;
  private readonly alphas: Float64Array;
  /** Pairs held (0 before the first accepted step or after clear). */
  stored = 0;
  /** Index of the newest pair in S and Y (−1 before the first). */
  newest = -1;

  constructor(
    readonly m: number,
    n: number,
  ) {
    this.S = Array.from({ length: m }, () => new Float64Array(n));
    this.Y = Array.from({ length: m }, () => new Float64Array(n));
    this.rhos = new Float64Array(m);
    this.alphas = new Float64Array(m);
  }

  /** Forgets every pair (the next direction is the steepest one). */
  clear(): void {
    this.stored = 0;
  }

  /** Keeps the pair of a step x → xNew (gradients g → gNew) when its curvature sᵀy is safely positive. */
  push(x: Float64Array, xNew: Float64Array, g: Float64Array, gNew: Float64Array): void {
    const next = (this.newest + 1) % this.m;
    const s = this.S[next];
    const y = this.Y[next];
    for (let i = 0; i < x.length; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * norm2(s) * norm2(y)) {
      this.rhos[next] = 1 / sy;
      this.newest = next;
      this.stored = Math.min(this.stored + 1, this.m);
    }
  }

  /** First loop, newest pair first: αⱼ = ρⱼ sⱼᵀd, d ← d − αⱼ yⱼ. */
  firstLoop(d: Float64Array): void {
    for (let t = 0; t < this.stored; t++) {
      const j = (this.newest - t + this.m) % this.m;
      this.alphas[j] = this.rhos[j] * dot(this.S[j], d);
      axpy(-this.alphas[j], this.Y[j], d);
    }
  }

  /** Second loop, oldest pair first: d ← d + (αⱼ − ρⱼ yⱼᵀd) sⱼ. */
  secondLoop(d: Float64Array): void {
    for (let t = this.stored - 1; t >= 0; t--) {
      const j = (this.newest - t + this.m) % this.m;
      const beta = this.rhos[j] * dot(this.Y[j], d);
      axpy(this.alphas[j] - beta, this.S[j], d);
    }
  }

  /** γ = sᵀy / yᵀy of the newest pair: the usual scale of H₀ = γI. */
  identityScale(): number {
    const s = this.S[this.newest];
    const y = this.Y[this.newest];
    return dot(s, y) / dot(y, y);
  }
}
