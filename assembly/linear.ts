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

import { vzero, rowOf, valueAt } from './simd';
import { clear, featureAt, rowStart, rowEnd, rowDot, rowScatter, finishScores, softmaxRow, hessianRow } from './rows';
export * from './column-blocks';

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
// (squared: X[rows] with its values squared, for the Gauss–Newton diagonal)
@inline function backward<V, T>(
  sparse: bool, n: i32, rows: usize, X: usize, indptr: usize, indices: usize, D: i32,
  R: usize, Kp: i32, Gt: usize, squared: bool = false,
): void {
  for (let r = 0; r < n; r++) {
    const i = rowOf(rows, r);
    const rr = R + <usize>(r * Kp) * sizeof<T>();
    rowScatter<V, T>(sparse, i, indptr, indices, X, D, rr, Kp, Gt, squared);
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
    hessianRow<T>(u, P + (<usize>(r * K) << 3), K, w, rbuf, scale, hb);
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
// Gt += scale² · R (n×Kp)ᵀ (X[rows] ∘ X[rows]): the squared values made on the fly.
export function backward_sq_c_u8_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<u8, f32>(true, n, rows, X, ip, ix, D, R, Kp, Gt, true); }
export function backward_sq_c_f32_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f32, f32>(true, n, rows, X, ip, ix, D, R, Kp, Gt, true); }
export function backward_sq_c_f64_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f64, f32>(true, n, rows, X, ip, ix, D, R, Kp, Gt, true); }
export function backward_sq_d_u8_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<u8, f32>(false, n, rows, X, ip, ix, D, R, Kp, Gt, true); }
export function backward_sq_d_f32_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f32, f32>(false, n, rows, X, ip, ix, D, R, Kp, Gt, true); }
export function backward_sq_d_f64_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f64, f32>(false, n, rows, X, ip, ix, D, R, Kp, Gt, true); }
export function backward_sq_c_u8_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<u8, f64>(true, n, rows, X, ip, ix, D, R, Kp, Gt, true); }
export function backward_sq_c_f32_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f32, f64>(true, n, rows, X, ip, ix, D, R, Kp, Gt, true); }
export function backward_sq_c_f64_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f64, f64>(true, n, rows, X, ip, ix, D, R, Kp, Gt, true); }
export function backward_sq_d_u8_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<u8, f64>(false, n, rows, X, ip, ix, D, R, Kp, Gt, true); }
export function backward_sq_d_f32_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f32, f64>(false, n, rows, X, ip, ix, D, R, Kp, Gt, true); }
export function backward_sq_d_f64_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, D: i32, R: usize, Kp: i32, Gt: usize): void { backward<f64, f64>(false, n, rows, X, ip, ix, D, R, Kp, Gt, true); }

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
