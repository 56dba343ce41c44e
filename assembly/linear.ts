// WebAssembly SIMD kernels of linear models (AssemblyScript).
//
// Memory is laid out by the JavaScript side (src/kernels/wasm.ts); every
// argument is a byte offset into linear memory. Conventions:
//   T  accumulator type: f32 (f32x4, 4 lanes) or f64 (f64x2, 2 lanes)
//   V  stored feature type: u8, f32 or f64; value = stored · scale
//   Wt weights transposed, D×Kp of T: the Kp = K rounded up to the lane count
//      weights of one feature are contiguous, so a sparse row touches only
//      the rows of Wt of its non-zero features, a whole vector at a time.
//   Z, R  n×Kp of T; padding lanes of Wt, b, R are zero.
//   rows  i32 example indices, or 0 for 0..n−1 in order.
// CSR matrices: indptr (N+1 i32), indices (nnz i32), values (nnz V).
// Dense matrices: N×D values of V, row-major.

import { lanes, vzero, vsplat, vmuladd, rowOf, valueAt } from './simd';

// acc[0..Kp) += x · Wt[j, 0..Kp)  (general Kp: accumulators in memory)
@inline function axpyRow<T>(acc: usize, x: T, Wt: usize, j: i32, Kp: i32): void {
  const xv = vsplat<T>(x);
  const w = Wt + <usize>(j * Kp) * sizeof<T>();
  const bytes = <usize>Kp * sizeof<T>();
  for (let o: usize = 0; o < bytes; o += 16) {
    v128.store(acc + o, vmuladd<T>(v128.load(acc + o), xv, v128.load(w + o)));
  }
}

@inline function clear(ptr: usize, bytes: usize): void {
  for (let o: usize = 0; o < bytes; o += 16) v128.store(ptr + o, vzero());
}

// Feature j and value of the t-th entry of row i: CSR entry p = t, or dense column j = t.
@inline function featureAt(sparse: bool, indices: usize, t: i32, base: i32): i32 {
  return sparse ? load<i32>(indices + (<usize>t << 2)) : t - base;
}

// Entries of row i: [start, end) positions in values.
@inline function rowStart(sparse: bool, i: i32, indptr: usize, D: i32): i32 {
  return sparse ? load<i32>(indptr + (<usize>i << 2)) : <i32>(<i64>i * D);
}
@inline function rowEnd(sparse: bool, i: i32, indptr: usize, D: i32): i32 {
  return sparse ? load<i32>(indptr + (<usize>(i + 1) << 2)) : <i32>(<i64>(i + 1) * D);
}

// z[0..Kp) = x_i · Wᵀ (before scale and bias). nv = Kp / lanes is a constant at
// each inlined call site, so for nv ≤ 8 the accumulators stay in registers.
@inline function rowDotFixed<V, T>(sparse: bool, i: i32, indptr: usize, indices: usize, values: usize, D: i32, Wt: usize, Kp: i32, z: usize, nv: i32): void {
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
  const stride = <usize>Kp * sizeof<T>();
  for (let t = start; t < end; t++) {
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

@inline function rowDot<V, T>(sparse: bool, i: i32, indptr: usize, indices: usize, values: usize, D: i32, Wt: usize, Kp: i32, z: usize): void {
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
@inline function rowScatterFixed<V, T>(sparse: bool, i: i32, indptr: usize, indices: usize, values: usize, D: i32, r: usize, Kp: i32, Gt: usize, nv: i32): void {
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
  const stride = <usize>Kp * sizeof<T>();
  for (let t = start; t < end; t++) {
    const x = vsplat<T>(valueAt<V, T>(values, t));
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

@inline function rowScatter<V, T>(sparse: bool, i: i32, indptr: usize, indices: usize, values: usize, D: i32, r: usize, Kp: i32, Gt: usize): void {
  const nv = Kp / lanes<T>();
  if (nv == 1) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 1);
  else if (nv == 2) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 2);
  else if (nv == 3) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 3);
  else if (nv == 4) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 4);
  else if (nv == 5) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 5);
  else if (nv == 6) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 6);
  else if (nv == 7) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 7);
  else if (nv == 8) rowScatterFixed<V, T>(sparse, i, indptr, indices, values, D, r, Kp, Gt, 8);
  else {
    const start = rowStart(sparse, i, indptr, D);
    const end = rowEnd(sparse, i, indptr, D);
    for (let t = start; t < end; t++) {
      axpyRow<T>(Gt + <usize>(featureAt(sparse, indices, t, start) * Kp) * sizeof<T>(), valueAt<V, T>(values, t), r, 0, Kp);
    }
  }
}

// Finishes a row of scores in place: z = scale · z + b.
@inline function finishScores<T>(z: usize, scale: T, b: usize, K: i32): void {
  for (let k = 0; k < K; k++) {
    const at = z + <usize>k * sizeof<T>();
    store<T>(at, load<T>(at) * scale + (b ? load<T>(b + <usize>k * sizeof<T>()) : <T>0));
  }
}

@inline function expT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>Mathf.exp(<f32>x);
  return <T>Math.exp(<f64>x);
}

// Softmax cross-entropy of one row of scores z (K classes, gold y, weight w):
// returns w·(log Σ exp z − z_y) and, when r ≠ 0, writes r = s·w·(softmax(z) − onehot(y))
// (s folds the feature scale into the scatter) and adds w·(softmax − onehot) to gb (f64).
// Overwrites z with exp(z − max).
@inline function softmaxRow<T>(z: usize, K: i32, y: i32, w: f64, r: usize, s: T, gb: usize, prob: usize): f64 {
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

// ---- generic kernels -------------------------------------------------------

// Z (n×Kp) = X[rows]·W + b
function forward<V, T>(
  sparse: bool, n: i32, rows: usize, X: usize, indptr: usize, indices: usize, D: i32,
  scale: T, Wt: usize, b: usize, K: i32, Kp: i32, Z: usize,
): void {
  for (let r = 0; r < n; r++) {
    const i = rowOf(rows, r);
    const z = Z + <usize>(r * Kp) * sizeof<T>();
    rowDot<V, T>(sparse, i, indptr, indices, X, D, Wt, Kp, z);
    finishScores<T>(z, scale, b, K);
  }
}

// Gt (D×Kp) += scale · R (n×Kp)ᵀ X[rows]
function backward<V, T>(
  sparse: bool, n: i32, rows: usize, X: usize, indptr: usize, indices: usize, D: i32,
  R: usize, Kp: i32, Gt: usize,
): void {
  for (let r = 0; r < n; r++) {
    const i = rowOf(rows, r);
    const rr = R + <usize>(r * Kp) * sizeof<T>();
    rowScatter<V, T>(sparse, i, indptr, indices, X, D, rr, Kp, Gt);
  }
}

// One sweep: Σ wᵢ CEᵢ, and (when Gt ≠ 0) Gt += Σ wᵢ (pᵢ − tᵢ) xᵢᵀ, gb += Σ wᵢ (pᵢ − tᵢ).
// scratch holds 2·Kp values of T.
function softmaxStep<V, T>(
  sparse: bool, n: i32, rows: usize, X: usize, indptr: usize, indices: usize, D: i32,
  scale: T, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, scratch: usize, P: usize,
): f64 {
  const z = scratch;
  const rbuf = Gt ? scratch + <usize>Kp * sizeof<T>() : 0;
  if (rbuf) clear(rbuf, <usize>Kp * sizeof<T>());
  let loss = 0.0;
  for (let r = 0; r < n; r++) {
    const i = rowOf(rows, r);
    rowDot<V, T>(sparse, i, indptr, indices, X, D, Wt, Kp, z);
    finishScores<T>(z, scale, b, K);
    const w = sw ? load<f64>(sw + (<usize>i << 3)) : 1.0;
    loss += softmaxRow<T>(z, K, load<i32>(y + (<usize>i << 2)), w, rbuf, scale, gb, P ? P + (<usize>(r * K) << 3) : 0);
    if (rbuf) rowScatter<V, T>(sparse, i, indptr, indices, X, D, rbuf, Kp, Gt);
  }
  return loss;
}


// Softmax Hessian-vector product of a linear model, one sweep:
//   uᵢ = V xᵢ + vb,  rᵢ = wᵢ · pᵢ ⊙ (uᵢ − pᵢᵀuᵢ),  Ht += Σ rᵢ xᵢᵀ (transposed), hb += Σ rᵢ (f64).
// P holds the probabilities (f64, n×K, by batch position); scratch 2·Kp values of T.
function softmaxHv<V, T>(
  sparse: bool, n: i32, rows: usize, X: usize, indptr: usize, indices: usize, D: i32,
  scale: T, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, scratch: usize,
): void {
  const u = scratch;
  const rbuf = scratch + <usize>Kp * sizeof<T>();
  clear(rbuf, <usize>Kp * sizeof<T>());
  for (let r = 0; r < n; r++) {
    const i = rowOf(rows, r);
    rowDot<V, T>(sparse, i, indptr, indices, X, D, Vt, Kp, u);
    finishScores<T>(u, scale, vb, K);
    const w = sw ? load<f64>(sw + (<usize>i << 3)) : 1.0;
    const p = P + (<usize>(r * K) << 3);
    let pu = 0.0;
    for (let k = 0; k < K; k++) pu += load<f64>(p + (<usize>k << 3)) * <f64>load<T>(u + <usize>k * sizeof<T>());
    for (let k = 0; k < K; k++) {
      const g = w * load<f64>(p + (<usize>k << 3)) * (<f64>load<T>(u + <usize>k * sizeof<T>()) - pu);
      if (hb) store<f64>(hb + (<usize>k << 3), load<f64>(hb + (<usize>k << 3)) + g);
      store<T>(rbuf + <usize>k * sizeof<T>(), <T>g * scale);
    }
    rowScatter<V, T>(sparse, i, indptr, indices, X, D, rbuf, Kp, Ht);
  }
}

// ---- exports: one per (storage, value type, accumulator) ---------------------
// Suffix: c = CSR, d = dense; u8 / f32 / f64 = stored values; last = accumulator.

export function forward_c_u8_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, Wt: usize, b: usize, K: i32, Kp: i32, Z: usize): void { forward<u8, f32>(true, n, rows, X, ip, ix, D, s, Wt, b, K, Kp, Z); }
export function forward_c_f32_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, Wt: usize, b: usize, K: i32, Kp: i32, Z: usize): void { forward<f32, f32>(true, n, rows, X, ip, ix, D, s, Wt, b, K, Kp, Z); }
export function forward_c_f64_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, Wt: usize, b: usize, K: i32, Kp: i32, Z: usize): void { forward<f64, f32>(true, n, rows, X, ip, ix, D, s, Wt, b, K, Kp, Z); }
export function forward_d_u8_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, Wt: usize, b: usize, K: i32, Kp: i32, Z: usize): void { forward<u8, f32>(false, n, rows, X, ip, ix, D, s, Wt, b, K, Kp, Z); }
export function forward_d_f32_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, Wt: usize, b: usize, K: i32, Kp: i32, Z: usize): void { forward<f32, f32>(false, n, rows, X, ip, ix, D, s, Wt, b, K, Kp, Z); }
export function forward_d_f64_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, Wt: usize, b: usize, K: i32, Kp: i32, Z: usize): void { forward<f64, f32>(false, n, rows, X, ip, ix, D, s, Wt, b, K, Kp, Z); }
export function forward_c_u8_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, Wt: usize, b: usize, K: i32, Kp: i32, Z: usize): void { forward<u8, f64>(true, n, rows, X, ip, ix, D, s, Wt, b, K, Kp, Z); }
export function forward_c_f32_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, Wt: usize, b: usize, K: i32, Kp: i32, Z: usize): void { forward<f32, f64>(true, n, rows, X, ip, ix, D, s, Wt, b, K, Kp, Z); }
export function forward_c_f64_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, Wt: usize, b: usize, K: i32, Kp: i32, Z: usize): void { forward<f64, f64>(true, n, rows, X, ip, ix, D, s, Wt, b, K, Kp, Z); }
export function forward_d_u8_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, Wt: usize, b: usize, K: i32, Kp: i32, Z: usize): void { forward<u8, f64>(false, n, rows, X, ip, ix, D, s, Wt, b, K, Kp, Z); }
export function forward_d_f32_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, Wt: usize, b: usize, K: i32, Kp: i32, Z: usize): void { forward<f32, f64>(false, n, rows, X, ip, ix, D, s, Wt, b, K, Kp, Z); }
export function forward_d_f64_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, Wt: usize, b: usize, K: i32, Kp: i32, Z: usize): void { forward<f64, f64>(false, n, rows, X, ip, ix, D, s, Wt, b, K, Kp, Z); }

export function backward_c_u8_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<u8, f32>(true, n, rows, X, ip, ix, D, R, Kp, Gt); }
export function backward_c_f32_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f32, f32>(true, n, rows, X, ip, ix, D, R, Kp, Gt); }
export function backward_c_f64_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f64, f32>(true, n, rows, X, ip, ix, D, R, Kp, Gt); }
export function backward_d_u8_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<u8, f32>(false, n, rows, X, ip, ix, D, R, Kp, Gt); }
export function backward_d_f32_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f32, f32>(false, n, rows, X, ip, ix, D, R, Kp, Gt); }
export function backward_d_f64_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f64, f32>(false, n, rows, X, ip, ix, D, R, Kp, Gt); }
export function backward_c_u8_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<u8, f64>(true, n, rows, X, ip, ix, D, R, Kp, Gt); }
export function backward_c_f32_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f32, f64>(true, n, rows, X, ip, ix, D, R, Kp, Gt); }
export function backward_c_f64_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f64, f64>(true, n, rows, X, ip, ix, D, R, Kp, Gt); }
export function backward_d_u8_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<u8, f64>(false, n, rows, X, ip, ix, D, R, Kp, Gt); }
export function backward_d_f32_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f32, f64>(false, n, rows, X, ip, ix, D, R, Kp, Gt); }
export function backward_d_f64_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f64, f64>(false, n, rows, X, ip, ix, D, R, Kp, Gt); }

export function step_c_u8_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize): f64 { return softmaxStep<u8, f32>(true, n, rows, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P); }
export function step_c_f32_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize): f64 { return softmaxStep<f32, f32>(true, n, rows, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P); }
export function step_c_f64_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize): f64 { return softmaxStep<f64, f32>(true, n, rows, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P); }
export function step_d_u8_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize): f64 { return softmaxStep<u8, f32>(false, n, rows, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P); }
export function step_d_f32_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize): f64 { return softmaxStep<f32, f32>(false, n, rows, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P); }
export function step_d_f64_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize): f64 { return softmaxStep<f64, f32>(false, n, rows, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P); }
export function step_c_u8_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize): f64 { return softmaxStep<u8, f64>(true, n, rows, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P); }
export function step_c_f32_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize): f64 { return softmaxStep<f32, f64>(true, n, rows, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P); }
export function step_c_f64_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize): f64 { return softmaxStep<f64, f64>(true, n, rows, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P); }
export function step_d_u8_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize): f64 { return softmaxStep<u8, f64>(false, n, rows, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P); }
export function step_d_f32_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize): f64 { return softmaxStep<f32, f64>(false, n, rows, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P); }
export function step_d_f64_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize): f64 { return softmaxStep<f64, f64>(false, n, rows, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P); }

export function hv_c_u8_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize): void { softmaxHv<u8, f32>(true, n, rows, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc); }
export function hv_c_u8_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize): void { softmaxHv<u8, f64>(true, n, rows, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc); }
export function hv_c_f32_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize): void { softmaxHv<f32, f32>(true, n, rows, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc); }
export function hv_c_f32_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize): void { softmaxHv<f32, f64>(true, n, rows, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc); }
export function hv_c_f64_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize): void { softmaxHv<f64, f32>(true, n, rows, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc); }
export function hv_c_f64_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize): void { softmaxHv<f64, f64>(true, n, rows, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc); }
export function hv_d_u8_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize): void { softmaxHv<u8, f32>(false, n, rows, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc); }
export function hv_d_u8_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize): void { softmaxHv<u8, f64>(false, n, rows, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc); }
export function hv_d_f32_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize): void { softmaxHv<f32, f32>(false, n, rows, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc); }
export function hv_d_f32_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize): void { softmaxHv<f32, f64>(false, n, rows, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc); }
export function hv_d_f64_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f32, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize): void { softmaxHv<f64, f32>(false, n, rows, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc); }
export function hv_d_f64_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, s: f64, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize): void { softmaxHv<f64, f64>(false, n, rows, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc); }

/** First byte free for the JavaScript side's buffers. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

// ---- layout conversion -------------------------------------------------------

// Wt (D×Kp of T) = transpose of W (K×D of f64), padding lanes zero.
function packWeights<T>(W: usize, K: i32, D: i32, Kp: i32, Wt: usize): void {
  clear(Wt, <usize>(D * Kp) * sizeof<T>());
  for (let k = 0; k < K; k++) {
    const src = W + (<usize>(k * D) << 3);
    for (let j = 0; j < D; j++) {
      store<T>(Wt + <usize>(j * Kp + k) * sizeof<T>(), <T>load<f64>(src + (<usize>j << 3)));
    }
  }
}

// G (K×D of f64) = transpose of Gt (D×Kp of T).
function unpackGradient<T>(Gt: usize, K: i32, D: i32, Kp: i32, G: usize): void {
  for (let k = 0; k < K; k++) {
    const dst = G + (<usize>(k * D) << 3);
    for (let j = 0; j < D; j++) {
      store<f64>(dst + (<usize>j << 3), <f64>load<T>(Gt + <usize>(j * Kp + k) * sizeof<T>()));
    }
  }
}

export function pack_f32(W: usize, K: i32, D: i32, Kp: i32, Wt: usize): void { packWeights<f32>(W, K, D, Kp, Wt); }
export function pack_f64(W: usize, K: i32, D: i32, Kp: i32, Wt: usize): void { packWeights<f64>(W, K, D, Kp, Wt); }
export function unpack_f32(Gt: usize, K: i32, D: i32, Kp: i32, G: usize): void { unpackGradient<f32>(Gt, K, D, Kp, G); }
export function unpack_f64(Gt: usize, K: i32, D: i32, Kp: i32, G: usize): void { unpackGradient<f64>(Gt, K, D, Kp, G); }
export function clear_bytes(ptr: usize, bytes: usize): void { clear(ptr, bytes); }

// ---- dense linear algebra for the Kronecker preconditioner ------------------

// S (Dp×Dp f64, row-major; upper triangle only) += Σ over rows i = 0, stride, 2·stride, …
// of cᵢ·vᵢvᵢᵀ over the stored values vᵢ, and, when one ≠ 0, column D += cᵢ·vᵢ and
// S[D, D] += cᵢ (the constant feature). c: f64 per row, or 0 for all 1.
function gram<V>(sparse: bool, N: i32, stride: i32, X: usize, indptr: usize, indices: usize, D: i32, c: usize, S: usize, Dp: i32, one: bool): void {
  for (let i = 0; i < N; i += stride) {
    const w = c ? load<f64>(c + (<usize>i << 3)) : 1.0;
    if (w == 0) continue;
    const start = rowStart(sparse, i, indptr, D);
    const end = rowEnd(sparse, i, indptr, D);
    for (let a = start; a < end; a++) {
      const va = valueAt<V, f64>(X, a);
      if (va == 0) continue;
      const wa = w * va;
      const row = S + (<usize>featureAt(sparse, indices, a, start) * <usize>Dp << 3);
      for (let b = a; b < end; b++) {
        const at = row + (<usize>featureAt(sparse, indices, b, start) << 3);
        store<f64>(at, load<f64>(at) + wa * valueAt<V, f64>(X, b));
      }
      if (one) {
        const at = row + (<usize>D << 3);
        store<f64>(at, load<f64>(at) + wa);
      }
    }
    if (one) {
      const at = S + ((<usize>D * <usize>Dp + <usize>D) << 3);
      store<f64>(at, load<f64>(at) + w);
    }
  }
}

export function gram_c_u8(N: i32, stride: i32, X: usize, ip: usize, ix: usize, D: i32, c: usize, S: usize, Dp: i32, one: i32): void { gram<u8>(true, N, stride, X, ip, ix, D, c, S, Dp, one != 0); }
export function gram_c_f32(N: i32, stride: i32, X: usize, ip: usize, ix: usize, D: i32, c: usize, S: usize, Dp: i32, one: i32): void { gram<f32>(true, N, stride, X, ip, ix, D, c, S, Dp, one != 0); }
export function gram_c_f64(N: i32, stride: i32, X: usize, ip: usize, ix: usize, D: i32, c: usize, S: usize, Dp: i32, one: i32): void { gram<f64>(true, N, stride, X, ip, ix, D, c, S, Dp, one != 0); }
export function gram_d_u8(N: i32, stride: i32, X: usize, ip: usize, ix: usize, D: i32, c: usize, S: usize, Dp: i32, one: i32): void { gram<u8>(false, N, stride, X, ip, ix, D, c, S, Dp, one != 0); }
export function gram_d_f32(N: i32, stride: i32, X: usize, ip: usize, ix: usize, D: i32, c: usize, S: usize, Dp: i32, one: i32): void { gram<f32>(false, N, stride, X, ip, ix, D, c, S, Dp, one != 0); }
export function gram_d_f64(N: i32, stride: i32, X: usize, ip: usize, ix: usize, D: i32, c: usize, S: usize, Dp: i32, one: i32): void { gram<f64>(false, N, stride, X, ip, ix, D, c, S, Dp, one != 0); }

// Σ a[0..m) · b[0..m) over f64, two lanes at a time.
@inline function dotF64(a: usize, b: usize, m: i32): f64 {
  let acc = vzero();
  let k = 0;
  for (; k + 1 < m; k += 2) acc = f64x2.add(acc, f64x2.mul(v128.load(a + (<usize>k << 3)), v128.load(b + (<usize>k << 3))));
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (k < m) s += load<f64>(a + (<usize>k << 3)) * load<f64>(b + (<usize>k << 3));
  return s;
}

// Cholesky A = LLᵀ in place (n×n f64 row-major, lower triangle read and written,
// upper triangle zeroed). Returns −1 on success, else the index of a non-positive pivot.
export function cholesky(A: usize, n: i32): i32 {
  for (let i = 0; i < n; i++) {
    const ri = A + (<usize>i * <usize>n << 3);
    for (let j = 0; j <= i; j++) {
      const rj = A + (<usize>j * <usize>n << 3);
      const sum = load<f64>(ri + (<usize>j << 3)) - dotF64(ri, rj, j);
      if (i == j) {
        if (!(sum > 0)) return i;
        store<f64>(ri + (<usize>i << 3), Math.sqrt(sum));
      } else store<f64>(ri + (<usize>j << 3), sum / load<f64>(rj + (<usize>j << 3)));
    }
    for (let j = i + 1; j < n; j++) store<f64>(ri + (<usize>j << 3), 0);
  }
  return -1;
}

// Solves LLᵀ Z = B in place for B (n×Kp f64: row i holds the Kp right-hand-side
// values of unknown i), L from cholesky. Both sweeps read L by rows and update
// whole rows of B, Kp/2 vectors at a time.
export function cholesky_solve(L: usize, n: i32, B: usize, Kp: i32): void {
  const bytes = <usize>Kp << 3;
  for (let i = 0; i < n; i++) {
    const li = L + (<usize>i * <usize>n << 3);
    const bi = B + <usize>i * bytes;
    for (let j = 0; j < i; j++) {
      const l = f64x2.splat(load<f64>(li + (<usize>j << 3)));
      const bj = B + <usize>j * bytes;
      for (let o: usize = 0; o < bytes; o += 16) v128.store(bi + o, f64x2.sub(v128.load(bi + o), f64x2.mul(l, v128.load(bj + o))));
    }
    const d = f64x2.splat(1 / load<f64>(li + (<usize>i << 3)));
    for (let o: usize = 0; o < bytes; o += 16) v128.store(bi + o, f64x2.mul(v128.load(bi + o), d));
  }
  for (let i = n - 1; i >= 0; i--) {
    const li = L + (<usize>i * <usize>n << 3);
    const bi = B + <usize>i * bytes;
    const d = f64x2.splat(1 / load<f64>(li + (<usize>i << 3)));
    for (let o: usize = 0; o < bytes; o += 16) v128.store(bi + o, f64x2.mul(v128.load(bi + o), d));
    for (let j = 0; j < i; j++) {
      const l = f64x2.splat(load<f64>(li + (<usize>j << 3)));
      const bj = B + <usize>j * bytes;
      for (let o: usize = 0; o < bytes; o += 16) v128.store(bj + o, f64x2.sub(v128.load(bj + o), f64x2.mul(l, v128.load(bi + o))));
    }
  }
}
