import { type Preconditioner } from './preconditioner.js';
import { axpy, dot } from './status.js';

/** Memory the stored pairs may take (2·m·n float64 values): 16 MiB. */
export const PAIRS_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Automatic preconditioning by limited-memory quasi-Newton updating
 * (Morales & Nocedal 2000): the Hessian-vector products of one CG solve,
 * pairs (dⱼ, Hdⱼ), are exactly the (s, y) pairs of a BFGS update. From the
 * pairs of the previous Newton step's solve, the L-BFGS two-loop recursion
 * builds an inverse H_m ≈ H⁻¹ on top of the base preconditioner (H₀ = M⁻¹),
 * and the next solve is preconditioned by it. Near the optimum the Hessian
 * changes little from step to step, so H_m carries over what CG has learnt
 * about the directions the base M gets wrong, and CG needs fewer products.
 *
 * Which pairs: up to m, spread uniformly over the products of the previous
 * solve (recording every stride-th product; when the m slots are full every
 * other pair is dropped and the stride doubles). M stays fixed during a solve
 * (CG requires it); a rejected trust-region step re-solves at the same point,
 * so its products join the same collection.
 *
 * Every pair has dⱼᵀHdⱼ > 0 (CG stops at non-positive curvature before it
 * would record one), so H_m is symmetric positive definite whenever M is.
 */
export class QuasiNewtonPreconditioner implements Preconditioner {
  readonly name: string;
  private readonly s: Float64Array[];
  private readonly y: Float64Array[];
  private readonly rho: Float64Array;
  /** Pairs the solves use (from the previous collection). */
  private used = 0;
  /** Pairs of the current collection: slots[0..collected), in order. */
  private collected = 0;
  private stride = 1;
  private seen = 0;
  private readonly alpha: Float64Array;
  private readonly q: Float64Array;
  /** The two buffers swap roles at each refresh: collect into one while solving with the other. */
  private readonly next: { s: Float64Array[]; y: Float64Array[] };

  constructor(private readonly base: Preconditioner, n: number, readonly pairs: number) {
    if (!(Number.isInteger(pairs) && pairs >= 1)) throw new RangeError(`pairs must be an integer ≥ 1, got ${pairs}`);
    this.name = `${base.name} + ${pairs} quasi-Newton pairs`;
    const make = () => Array.from({ length: pairs }, () => new Float64Array(n));
    this.s = make();
    this.y = make();
    this.next = { s: make(), y: make() };
    this.rho = new Float64Array(pairs);
    this.alpha = new Float64Array(pairs);
    this.q = new Float64Array(n);
  }

  /**
   * The largest m whose pairs fit in maxBytes, at most `pairs`; 0 when fewer
   * than two fit (one pair changes little and would cost its memory anyway).
   */
  static pairsFor(n: number, pairs: number, maxBytes = PAIRS_MAX_BYTES): number {
    const fit = Math.min(pairs, Math.floor(maxBytes / (16 * n)));
    return fit >= 2 ? fit : 0;
  }

  observeProduct(v: Float64Array, Hv: Float64Array): void {
    if (this.seen++ % this.stride !== 0) return;
    if (this.collected === this.pairs) {
      // Full: keep every other pair (0, 2, 4, …) and record half as often.
      for (let j = 0; j < this.pairs / 2; j++) this.swapSlots(j, 2 * j);
      this.collected = Math.ceil(this.pairs / 2);
      this.stride *= 2;
      if ((this.seen - 1) % this.stride !== 0) return;
    }
    this.next.s[this.collected].set(v);
    this.next.y[this.collected].set(Hv);
    this.collected++;
  }

  private swapSlots(a: number, b: number): void {
    const { s, y } = this.next;
    [s[a], s[b]] = [s[b], s[a]];
    [y[a], y[b]] = [y[b], y[a]];
  }

  refresh(): void {
    this.base.refresh();
    if (this.collected === 0) return;
    // The collected pairs become the ones used; the old buffers collect next.
    let used = 0;
    for (let j = 0; j < this.collected; j++) {
      const sy = dot(this.next.s[j], this.next.y[j]);
      if (!(sy > 0)) continue;
      [this.s[used], this.next.s[j]] = [this.next.s[j], this.s[used]];
      [this.y[used], this.next.y[j]] = [this.next.y[j], this.y[used]];
      this.rho[used++] = 1 / sy;
    }
    this.used = used;
    this.collected = 0;
    this.stride = 1;
    this.seen = 0;
  }

  /** z = H_m r by the two-loop recursion, with z = M⁻¹q in the middle. */
  solve(r: Float64Array, z: Float64Array): void {
    const { s, y, rho, alpha, q } = this;
    q.set(r);
    for (let j = this.used - 1; j >= 0; j--) {
      alpha[j] = rho[j] * dot(s[j], q);
      axpy(-alpha[j], y[j], q);
    }
    this.base.solve(q, z);
    for (let j = 0; j < this.used; j++) {
      const beta = rho[j] * dot(y[j], z);
      axpy(alpha[j] - beta, s[j], z);
    }
  }
}
