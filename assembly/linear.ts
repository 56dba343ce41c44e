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

import { rowOf } from './simd';
import { clear, rowDot, rowScatter, finishScores, softmaxRow, hessianRow } from './rows';
export * from './column-blocks';
export * from './kronecker';

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
