/**
 * Numerically stable primitives, written once.
 *
 * log Σₖ exp(zₖ) = m + log Σₖ exp(zₖ − m) with m = maxₖ zₖ, so no exp overflows
 * (scores of ±1e4 are fine) and the largest term is exactly exp(0) = 1.
 */

/** log-sum-exp of z[off .. off+K). */
export function logSumExp(z: ArrayLike<number>, off = 0, K = z.length - off): number {
  let m = -Infinity;
  for (let k = 0; k < K; k++) if (z[off + k] > m) m = z[off + k];
  if (m === -Infinity) return -Infinity;
  if (m === Infinity) return Infinity;
  let s = 0;
  for (let k = 0; k < K; k++) s += Math.exp(z[off + k] - m);
  return m + Math.log(s);
}

/**
 * Softmax of z[off .. off+K) written to out[outOff ..]; returns the
 * log-sum-exp, which the cross-entropy needs anyway.
 */
export function softmaxInto(
  z: ArrayLike<number>,
  off: number,
  K: number,
  out: Float64Array,
  outOff: number,
): number {
  let m = -Infinity;
  for (let k = 0; k < K; k++) if (z[off + k] > m) m = z[off + k];
  if (m === Infinity || m === -Infinity) return softmaxOfInfinities(z, off, K, out, outOff, m);
  let s = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp(z[off + k] - m);
    out[outOff + k] = e;
    s += e;
  }
  const inv = 1 / s;
  for (let k = 0; k < K; k++) out[outOff + k] *= inv;
  return m + Math.log(s);
}

/**
 * The limit of the softmax when the largest score is ±∞ (exp(z − m) would be
 * ∞ − ∞ = NaN): the classes scoring +∞ share the probability, or, when every
 * score is −∞, all do. So the most probable class stays the argmax.
 */
function softmaxOfInfinities(z: ArrayLike<number>, off: number, K: number, out: Float64Array, outOff: number, m: number): number {
  let count = 0;
  for (let k = 0; k < K; k++) if (z[off + k] === m) count++;
  for (let k = 0; k < K; k++) out[outOff + k] = z[off + k] === m ? 1 / count : 0;
  return m;
}

/** Row-wise softmax of an n×K score matrix. */
export function softmaxRows(Z: ArrayLike<number>, K: number): Float64Array {
  const n = Z.length / K;
  const P = new Float64Array(Z.length);
  for (let i = 0; i < n; i++) softmaxInto(Z, i * K, K, P, i * K);
  return P;
}

/** Index of the largest of z[off .. off+K) (the first one on ties). */
export function argmaxAt(z: ArrayLike<number>, off: number, K: number): number {
  let best = 0;
  let bestValue = z[off];
  for (let k = 1; k < K; k++) {
    if (z[off + k] > bestValue) {
      bestValue = z[off + k];
      best = k;
    }
  }
  return best;
}
