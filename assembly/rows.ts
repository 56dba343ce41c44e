// Row-wise building blocks of the linear kernels (see assembly/linear.ts for the
// memory conventions): one sparse or dense row against Wᵀ (scores), one row's
// scatter into Gᵀ (gradient), and the per-row softmax and Hessian arithmetic.

import { lanes, vzero, vsplat, vadd, vmuladd, valueAt, squareAt } from './simd';

// Two chains of sums (even and odd entries) in rowDotFixed when the row has at
// most this many vectors: a fused multiply-add waits ~4 cycles on its
// accumulator, so one chain per vector bounds the sweep; two chains of 5
// vectors (float64, K = 10) need more registers than V8 keeps and spill.
// @ts-ignore: decorator
@inline const TWO_CHAINS_UP_TO: i32 = 3;

// acc[0..Kp) += x · Wt[j, 0..Kp)  (general Kp: accumulators in memory)
@inline export function axpyRow<T>(acc: usize, x: T, Wt: usize, j: i32, Kp: i32): void {
  const xv = vsplat<T>(x);
  const w = Wt + <usize>(j * Kp) * sizeof<T>();
  const bytes = <usize>Kp * sizeof<T>();
  for (let o: usize = 0; o < bytes; o += 16) {
    v128.store(acc + o, vmuladd<T>(v128.load(acc + o), xv, v128.load(w + o)));
  }
}

@inline export function clear(ptr: usize, bytes: usize): void {
  for (let o: usize = 0; o < bytes; o += 16) v128.store(ptr + o, vzero());
}

// Feature j and value of the t-th entry of row i: CSR entry p = t, or dense column j = t.
@inline export function featureAt(sparse: bool, indices: usize, t: i32, base: i32): i32 {
  return sparse ? load<i32>(indices + (<usize>t << 2)) : t - base;
}

// Entries of row i: [start, end) positions in values.
@inline export function rowStart(sparse: bool, i: i32, indptr: usize, D: i32): i32 {
  return sparse ? load<i32>(indptr + (<usize>i << 2)) : <i32>(<i64>i * D);
}
@inline export function rowEnd(sparse: bool, i: i32, indptr: usize, D: i32): i32 {
  return sparse ? load<i32>(indptr + (<usize>(i + 1) << 2)) : <i32>(<i64>(i + 1) * D);
}

// z[0..Kp) = x_i · Wᵀ (before scale and bias). nv = Kp / lanes is a constant at
// each inlined call site, so for nv ≤ 8 the accumulators stay in registers.
@inline export function rowDotFixed<V, T>(sparse: bool, i: i32, indptr: usize, indices: usize, values: usize, D: i32, Wt: usize, Kp: i32, z: usize, nv: i32): void {
  let a0 = vzero();
  let a1 = vzero();
  let a2 = vzero();
  let a3 = vzero();
  let a4 = vzero();
  let a5 = vzero();
  let a6 = vzero();
  let a7 = vzero();
  const start = rowStart(sparse, i, indptr, D);
  const end = rowEnd(sparse, i, indptr, D);
  const stride = <usize>nv * 16; // = Kp · sizeof<T>(), a constant here
  let t = start;
  if (nv <= TWO_CHAINS_UP_TO) {
    // Two chains of sums (even and odd entries), so each multiply-add waits on the one two entries back.
    let b0 = vzero();
    let b1 = vzero();
    let b2 = vzero();
    let b3 = vzero();
    let b4 = vzero();
    for (; t + 1 < end; t += 2) {
      const x = vsplat<T>(valueAt<V, T>(values, t));
      const w = Wt + <usize>featureAt(sparse, indices, t, start) * stride;
      const x2 = vsplat<T>(valueAt<V, T>(values, t + 1));
      const w2 = Wt + <usize>featureAt(sparse, indices, t + 1, start) * stride;
      a0 = vmuladd<T>(a0, x, v128.load(w));
      b0 = vmuladd<T>(b0, x2, v128.load(w2));
      if (nv > 1) a1 = vmuladd<T>(a1, x, v128.load(w, 16));
      if (nv > 1) b1 = vmuladd<T>(b1, x2, v128.load(w2, 16));
      if (nv > 2) a2 = vmuladd<T>(a2, x, v128.load(w, 32));
      if (nv > 2) b2 = vmuladd<T>(b2, x2, v128.load(w2, 32));
      if (nv > 3) a3 = vmuladd<T>(a3, x, v128.load(w, 48));
      if (nv > 3) b3 = vmuladd<T>(b3, x2, v128.load(w2, 48));
      if (nv > 4) a4 = vmuladd<T>(a4, x, v128.load(w, 64));
      if (nv > 4) b4 = vmuladd<T>(b4, x2, v128.load(w2, 64));
    }
    a0 = vadd<T>(a0, b0);
    if (nv > 1) a1 = vadd<T>(a1, b1);
    if (nv > 2) a2 = vadd<T>(a2, b2);
    if (nv > 3) a3 = vadd<T>(a3, b3);
    if (nv > 4) a4 = vadd<T>(a4, b4);
  }
  for (; t < end; t++) {
    const x = vsplat<T>(valueAt<V, T>(values, t));
    const w = Wt + <usize>featureAt(sparse, indices, t, start) * stride;
    a0 = vmuladd<T>(a0, x, v128.load(w));
    if (nv > 1) a1 = vmuladd<T>(a1, x, v128.load(w, 16));
    if (nv > 2) a2 = vmuladd<T>(a2, x, v128.load(w, 32));
    if (nv > 3) a3 = vmuladd<T>(a3, x, v128.load(w, 48));
    if (nv > 4) a4 = vmuladd<T>(a4, x, v128.load(w, 64));
    if (nv > 5) a5 = vmuladd<T>(a5, x, v128.load(w, 80));
    if (nv > 6) a6 = vmuladd<T>(a6, x, v128.load(w, 96));
    if (nv > 7) a7 = vmuladd<T>(a7, x, v128.load(w, 112));
  }
  v128.store(z, a0);
  if (nv > 1) v128.store(z, a1, 16);
  if (nv > 2) v128.store(z, a2, 32);
  if (nv > 3) v128.store(z, a3, 48);
  if (nv > 4) v128.store(z, a4, 64);
  if (nv > 5) v128.store(z, a5, 80);
  if (nv > 6) v128.store(z, a6, 96);
  if (nv > 7) v128.store(z, a7, 112);
}

@inline export function rowDot<V, T>(sparse: bool, i: i32, indptr: usize, indices: usize, values: usize, D: i32, Wt: usize, Kp: i32, z: usize): void {
  const nv = Kp / lanes<T>();
  if (nv == 1) rowDotFixed<V, T>(sparse, i, indptr, indices, values, D, Wt, Kp, z, 1);
  else if (nv == 2) rowDotFixed<V, T>(sparse, i, indptr, indices, values, D, Wt, Kp, z, 2);
  else if (nv == 3) rowDotFixed<V, T>(sparse, i, indptr, indices, values, D, Wt, Kp, z, 3);
  else if (nv == 4) rowDotFixed<V, T>(sparse, i, indptr, indices, values, D, Wt, Kp, z, 4);
  else if (nv == 5) rowDotFixed<V, T>(sparse, i, indptr, indices, values, D, Wt, Kp, z, 5);
  else if (nv == 6) rowDotFixed<V, T>(sparse, i, indptr, indices, values, D, Wt, Kp, z, 6);
  else if (nv == 7) rowDotFixed<V, T>(sparse, i, indptr, indices, values, D, Wt, Kp, z, 7);
  else if (nv == 8) rowDotFixed<V, T>(sparse, i, indptr, indices, values, D, Wt, Kp, z, 8);
  else {
    clear(z, <usize>Kp * sizeof<T>());
    const start = rowStart(sparse, i, indptr, D);
    const end = rowEnd(sparse, i, indptr, D);
    for (let t = start; t < end; t++) axpyRow<T>(z, valueAt<V, T>(values, t), Wt, featureAt(sparse, indices, t, start), Kp);
  }
}

// Gt[j, 0..Kp) += x_ij · r[0..Kp) for the entries of row i; r stays in registers for nv ≤ 8.
@inline export function rowScatterFixed<V, T>(sparse: bool, i: i32, indptr: usize, indices: usize, values: usize, D: i32, r: usize, Kp: i32, Gt: usize, nv: i32, squared: bool = false): void {
  const r0 = v128.load(r);
  const r1 = nv > 1 ? v128.load(r, 16) : vzero();
  const r2 = nv > 2 ? v128.load(r, 32) : vzero();
  const r3 = nv > 3 ? v128.load(r, 48) : vzero();
  const r4 = nv > 4 ? v128.load(r, 64) : vzero();
  const r5 = nv > 5 ? v128.load(r, 80) : vzero();
  const r6 = nv > 6 ? v128.load(r, 96) : vzero();
  const r7 = nv > 7 ? v128.load(r, 112) : vzero();
  const start = rowStart(sparse, i, indptr, D);
  const end = rowEnd(sparse, i, indptr, D);
  const stride = <usize>nv * 16; // = Kp · sizeof<T>(), a constant here
  for (let t = start; t < end; t++) {
    const x = vsplat<T>(squared ? squareAt<V, T>(values, t) : valueAt<V, T>(values, t));
    const g = Gt + <usize>featureAt(sparse, indices, t, start) * stride;
    v128.store(g, vmuladd<T>(v128.load(g), x, r0));
    if (nv > 1) v128.store(g, vmuladd<T>(v128.load(g, 16), x, r1), 16);
    if (nv > 2) v128.store(g, vmuladd<T>(v128.load(g, 32), x, r2), 32);
    if (nv > 3) v128.store(g, vmuladd<T>(v128.load(g, 48), x, r3), 48);
    if (nv > 4) v128.store(g, vmuladd<T>(v128.load(g, 64), x, r4), 64);
    if (nv > 5) v128.store(g, vmuladd<T>(v128.load(g, 80), x, r5), 80);
    if (nv > 6) v128.store(g, vmuladd<T>(v128.load(g, 96), x, r6), 96);
    if (nv > 7) v128.store(g, vmuladd<T>(v128.load(g, 112), x, r7), 112);
  }
}

// squared: x_ij² instead of x_ij (the Gauss–Newton diagonal, from the same resident matrix).
@inline export function rowScatter<V, T>(sparse: bool, i: i32, indptr: usize, indices: usize, values: usize, D: i32, r: usize, Kp: i32, Gt: usize, squared: bool = false): void {
  const nv = Kp / lanes<T>();
  if (nv == 1) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 1, squared);
  else if (nv == 2) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 2, squared);
  else if (nv == 3) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 3, squared);
  else if (nv == 4) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 4, squared);
  else if (nv == 5) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 5, squared);
  else if (nv == 6) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 6, squared);
  else if (nv == 7) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 7, squared);
  else if (nv == 8) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 8, squared);
  else {
    const start = rowStart(sparse, i, indptr, D);
    const end = rowEnd(sparse, i, indptr, D);
    for (let t = start; t < end; t++) {
      axpyRow<T>(Gt + <usize>(featureAt(sparse, indices, t, start) * Kp) * sizeof<T>(), squared ? squareAt<V, T>(values, t) : valueAt<V, T>(values, t), r, 0, Kp);
    }
  }
}

// Finishes a row of scores in place: z = scale · z + b.
@inline export function finishScores<T>(z: usize, scale: T, b: usize, K: i32): void {
  for (let k = 0; k < K; k++) {
    const at = z + <usize>k * sizeof<T>();
    store<T>(at, load<T>(at) * scale + (b ? load<T>(b + <usize>k * sizeof<T>()) : <T>0));
  }
}

@inline export function expT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>Mathf.exp(<f32>x);
  return <T>Math.exp(<f64>x);
}

// Softmax cross-entropy of one row of scores z (K classes, gold y, weight w):
// returns w·(log Σ exp z − z_y) and, when r ≠ 0, writes r = s·w·(softmax(z) − onehot(y))
// (s folds the feature scale into the scatter) and adds w·(softmax − onehot) to gb (f64).
// Overwrites z with exp(z − max).
@inline export function softmaxRow<T>(z: usize, K: i32, y: i32, w: f64, r: usize, s: T, gb: usize, prob: usize): f64 {
  let m = <T>-Infinity;
  for (let k = 0; k < K; k++) m = max(m, load<T>(z + <usize>k * sizeof<T>()));
  const zy = <f64>load<T>(z + <usize>y * sizeof<T>());
  let sum = 0.0;
  for (let k = 0; k < K; k++) {
    const at = z + <usize>k * sizeof<T>();
    const e = expT<T>(load<T>(at) - m);
    store<T>(at, e);
    sum += <f64>e;
  }
  const loss = w * (<f64>m + Math.log(sum) - zy);
  if (prob) {
    for (let k = 0; k < K; k++) store<f64>(prob + (<usize>k << 3), <f64>load<T>(z + <usize>k * sizeof<T>()) / sum);
  }
  if (r) {
    const scale = w / sum;
    for (let k = 0; k < K; k++) {
      let g = scale * <f64>load<T>(z + <usize>k * sizeof<T>());
      if (k == y) g -= w;
      if (gb) store<f64>(gb + (<usize>k << 3), load<f64>(gb + (<usize>k << 3)) + g);
      store<T>(r + <usize>k * sizeof<T>(), <T>g * s);
    }
  }
  return loss;
}

// The Hessian-vector product's row: given uᵢ = V xᵢ + vb (in u, T) and pᵢ (f64),
// writes r = s · wᵢ pᵢ ⊙ (uᵢ − pᵢᵀuᵢ) (s folds the feature scale into the scatter)
// and adds wᵢ pᵢ ⊙ (uᵢ − pᵢᵀuᵢ) to hb (f64) when hb ≠ 0.
@inline export function hessianRow<T>(u: usize, p: usize, K: i32, w: f64, r: usize, s: T, hb: usize): void {
  let pu = 0.0;
  for (let k = 0; k < K; k++) pu += load<f64>(p + (<usize>k << 3)) * <f64>load<T>(u + <usize>k * sizeof<T>());
  for (let k = 0; k < K; k++) {
    const g = w * load<f64>(p + (<usize>k << 3)) * (<f64>load<T>(u + <usize>k * sizeof<T>()) - pu);
    if (hb) store<f64>(hb + (<usize>k << 3), load<f64>(hb + (<usize>k << 3)) + g);
    store<T>(r + <usize>k * sizeof<T>(), <T>g * s);
  }
}
