/**
 * Pairwise coupling (Wu, Lin & Weng 2004, "Probability estimates for
 * multi-class classification by pairwise coupling", method 2, as in LIBSVM):
 * from pairwise probabilities r_ij ≈ P(y = i | y ∈ {i, j}, x), the class
 * probabilities p solve
 *
 *   min_p Σ_i Σ_{j≠i} (r_ji p_i − r_ij p_j)²   subject to Σ_i p_i = 1, p ≥ 0,
 *
 * i.e. min pᵀQp with Q_tt = Σ_{j≠t} r_jt², Q_tj = −r_jt r_tj. The
 * coordinate updates below keep Σ p = 1; when the r_ij are consistent
 * (r_ij = p_i / (p_i + p_j)) the minimum is 0 at the true p.
 *
 * `r` is K×K row-major (diagonal unused); the result is written to `out`.
 */
export function couplePairwise(r: Float64Array, K: number, out: Float64Array, outOff = 0): void {
  // As LIBSVM: keep r away from 0 and 1 so Q's diagonal stays positive.
  const clip = (v: number) => Math.min(Math.max(v, 1e-7), 1 - 1e-7);
  const Q = new Float64Array(K * K);
  for (let t = 0; t < K; t++) {
    for (let j = 0; j < K; j++) {
      if (j === t) continue;
      const rjt = clip(r[j * K + t]);
      Q[t * K + t] += rjt * rjt;
      Q[t * K + j] = -rjt * clip(r[t * K + j]);
    }
  }
  const p = new Float64Array(K).fill(1 / K);
  const Qp = new Float64Array(K);
  const maxIter = Math.max(100, K) * 10;
  for (let iter = 0; iter < maxIter; iter++) {
    let pQp = 0;
    for (let t = 0; t < K; t++) {
      let s = 0;
      for (let j = 0; j < K; j++) s += Q[t * K + j] * p[j];
      Qp[t] = s;
      pQp += p[t] * s;
    }
    let maxError = 0;
    for (let t = 0; t < K; t++) maxError = Math.max(maxError, Math.abs(Qp[t] - pQp));
    // Optimality: Qp = (pᵀQp)·1 (the Lagrange condition of the constrained minimum).
    if (maxError < 1e-12) break;
    for (let t = 0; t < K; t++) {
      const diff = (-Qp[t] + pQp) / Q[t * K + t];
      p[t] += diff;
      pQp = (pQp + diff * (diff * Q[t * K + t] + 2 * Qp[t])) / ((1 + diff) * (1 + diff));
      for (let j = 0; j < K; j++) {
        Qp[j] = (Qp[j] + diff * Q[t * K + j]) / (1 + diff);
        p[j] /= 1 + diff;
      }
    }
  }
  for (let t = 0; t < K; t++) out[outOff + t] = p[t];
}
