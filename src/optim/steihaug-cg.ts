import { type Objective } from '../objective/objective.js';
import { type Preconditioner } from './preconditioner.js';
import { axpy, dot } from './status.js';

export interface SteihaugResult {
  /** Hessian-vector products used. */
  products: number;
  /** ‖s‖²_M = sᵀMs of the returned step. */
  stepNormSq: number;
  /** Whether s is an interior solution: CG met its tolerance inside the trust region. */
  interior: boolean;
  /** Whether s ends on the trust region's boundary (CG left the region or met negative curvature). */
  onBoundary: boolean;
}

/** Work arrays of one CG solve (n values each), reused across Newton iterations. */
export interface CgWork {
  z: Float64Array;
  d: Float64Array;
  Hd: Float64Array;
}

export function cgWork(n: number): CgWork {
  return { z: new Float64Array(n), d: new Float64Array(n), Hd: new Float64Array(n) };
}

/**
 * Preconditioned CG on H s = −g (Steihaug–Toint), stopped at the trust-region
 * boundary ‖s‖_M = delta, at negative curvature, or when
 * ‖r‖_{M⁻¹} ≤ cgTol·‖g‖_{M⁻¹}. Writes s and the residual r = −g − H s.
 *
 * M enters only through solves z = M⁻¹r: the M-inner products of the iterates
 * follow from the recurrences (Conn, Gould & Toint 2000, §7.5.1), with
 * d₊ = z₊ + β d and s₊ = s + α d:
 *   sᵀMd₊ = β (sᵀMd + α dᵀMd),   dᵀMd₊ = z₊ᵀr₊ + β² dᵀMd,
 *   sᵀMs₊ = sᵀMs + 2α sᵀMd + α² dᵀMd.
 */
export function steihaugCg(
  objective: Objective, g: Float64Array, M: Preconditioner, delta: number, cgTol: number,
  s: Float64Array, r: Float64Array, w: CgWork,
): SteihaugResult {
  const n = g.length;
  const { z, d, Hd } = w;
  s.fill(0);
  for (let i = 0; i < n; i++) r[i] = -g[i];
  M.solve(r, z);
  d.set(z);
  let zTr = dot(z, r);
  const stop = cgTol * Math.sqrt(zTr);
  let sMs = 0;
  let sMd = 0;
  let dMd = zTr;
  let products = 0;
  const dsq = delta * delta;
  let interior = false;
  for (let it = 0; it < n + 1; it++) {
    if (Math.sqrt(zTr) <= stop) {
      interior = true;
      break;
    }
    objective.hessianVector!(d, Hd);
    products++;
    const dHd = dot(d, Hd);
    if (dHd > 0) M.observeProduct?.(d, Hd);
    const alpha = zTr / dHd;
    const sMsNext = sMs + 2 * alpha * sMd + alpha * alpha * dMd;
    if (!(dHd > 0) || sMsNext > dsq) {
      // Back to the boundary along d: ‖s + τd‖_M = delta, τ ≥ 0.
      const rad = Math.sqrt(Math.max(0, sMd * sMd + dMd * (dsq - sMs)));
      const tau = sMd >= 0 ? (dsq - sMs) / (sMd + rad) : (rad - sMd) / dMd;
      axpy(tau, d, s);
      axpy(-tau, Hd, r);
      return { products, stepNormSq: dsq, interior: false, onBoundary: true };
    }
    axpy(alpha, d, s);
    axpy(-alpha, Hd, r);
    sMs = sMsNext;
    M.solve(r, z);
    const zTrNew = dot(z, r);
    const beta = zTrNew / zTr;
    for (let i = 0; i < n; i++) d[i] = z[i] + beta * d[i];
    sMd = beta * (sMd + alpha * dMd);
    dMd = zTrNew + beta * beta * dMd;
    zTr = zTrNew;
  }
  return { products, stepNormSq: sMs, interior, onBoundary: false };
}
