// Full-batch sweeps of a CSR matrix through a column-major copy (AssemblyScript).
//
// The row-wise gradient scatters every non-zero into Gᵀ (a load, a multiply-add
// and a store per vector). Here the rows are cut into blocks of Bk rows (Bk ≤
// 65,536, so that a block's R, Bk×Kp of T, stays in the L2 cache): the forward
// sweep runs over the block's rows (CSR) and writes R; then the gradient runs
// over the block's columns, Gᵀ[j, :] += Σ x_ij R[i, :], with the sums in
// registers and Gᵀ[j, :] read and written once per column and block.
//
// The copy ("column blocks"), for block b (rows [b·Bk, (b+1)·Bk)):
//   cp    (D+1) i32 per block: entry positions of each column (absolute, so
//         block b's entries are cp[b][0] .. cp[b][D])
//   rows  u16 per entry: the row within the block
//   vals  V per entry: the stored value
// Entries of a column are in row order. Memory conventions: assembly/linear.ts.

import { lanes, vzero, vsplat, vadd, vmuladd, valueAt } from './simd';
import { axpyRow, clear, rowDot, finishScores, softmaxRow, hessianRow } from './rows';

// Builds the column blocks of a CSR matrix (counting sort per block); cursor: D i32 of scratch.
function columnBlocks<V>(N: i32, Bk: i32, X: usize, indptr: usize, indices: usize, D: i32, cp: usize, rows16: usize, vals: usize, cursor: usize): void {
  let b = 0;
  for (let r0 = 0; r0 < N; r0 += Bk, b++) {
    const r1 = min(N, r0 + Bk);
    const ptr = cp + (<usize>b * <usize>(D + 1) << 2);
    for (let j = 0; j <= D; j++) store<i32>(ptr + (<usize>j << 2), 0);
    const pStart = load<i32>(indptr + (<usize>r0 << 2));
    const pEnd = load<i32>(indptr + (<usize>r1 << 2));
    for (let p = pStart; p < pEnd; p++) {
      const at = ptr + (<usize>(load<i32>(indices + (<usize>p << 2)) + 1) << 2);
      store<i32>(at, load<i32>(at) + 1);
    }
    store<i32>(ptr, pStart);
    for (let j = 0; j < D; j++) {
      const at = ptr + (<usize>(j + 1) << 2);
      store<i32>(at, load<i32>(at) + load<i32>(at - 4));
    }
    for (let j = 0; j < D; j++) store<i32>(cursor + (<usize>j << 2), load<i32>(ptr + (<usize>j << 2)));
    for (let i = r0; i < r1; i++) {
      const e = load<i32>(indptr + (<usize>(i + 1) << 2));
      for (let p = load<i32>(indptr + (<usize>i << 2)); p < e; p++) {
        const at = cursor + (<usize>load<i32>(indices + (<usize>p << 2)) << 2);
        const q = load<i32>(at);
        store<i32>(at, q + 1);
        store<u16>(rows16 + (<usize>q << 1), <u16>(i - r0));
        store<V>(vals + (<usize>q << alignof<V>()), load<V>(X + (<usize>p << alignof<V>())));
      }
    }
  }
}
export function column_blocks_u8(N: i32, Bk: i32, X: usize, ip: usize, ix: usize, D: i32, cp: usize, rows16: usize, vals: usize, cursor: usize): void { columnBlocks<u8>(N, Bk, X, ip, ix, D, cp, rows16, vals, cursor); }
export function column_blocks_f32(N: i32, Bk: i32, X: usize, ip: usize, ix: usize, D: i32, cp: usize, rows16: usize, vals: usize, cursor: usize): void { columnBlocks<f32>(N, Bk, X, ip, ix, D, cp, rows16, vals, cursor); }
export function column_blocks_f64(N: i32, Bk: i32, X: usize, ip: usize, ix: usize, D: i32, cp: usize, rows16: usize, vals: usize, cursor: usize): void { columnBlocks<f64>(N, Bk, X, ip, ix, D, cp, rows16, vals, cursor); }

// Gt[j, :] += Σ over the block's entries (i, x) of column j of x · R[i, :]: the
// sums stay in registers (nv ≤ 8 vectors), Gt is read and written once per column.
@inline function columnGatherFixed<V, T>(ptr: usize, rows16: usize, vals: usize, D: i32, R: usize, Kp: i32, Gt: usize, nv: i32): void {
  const stride = <usize>nv * 16; // = Kp · sizeof<T>(), a constant here
  for (let j = 0; j < D; j++) {
    const start = load<i32>(ptr + (<usize>j << 2));
    const end = load<i32>(ptr + (<usize>(j + 1) << 2));
    if (start == end) continue;
    let a0 = vzero();
    let a1 = vzero();
    let a2 = vzero();
    let a3 = vzero();
    let a4 = vzero();
    let a5 = vzero();
    let a6 = vzero();
    let a7 = vzero();
    for (let q = start; q < end; q++) {
      const x = vsplat<T>(valueAt<V, T>(vals, q));
      const r = R + <usize>load<u16>(rows16 + (<usize>q << 1)) * stride;
      a0 = vmuladd<T>(a0, x, v128.load(r));
      if (nv > 1) a1 = vmuladd<T>(a1, x, v128.load(r, 16));
      if (nv > 2) a2 = vmuladd<T>(a2, x, v128.load(r, 32));
      if (nv > 3) a3 = vmuladd<T>(a3, x, v128.load(r, 48));
      if (nv > 4) a4 = vmuladd<T>(a4, x, v128.load(r, 64));
      if (nv > 5) a5 = vmuladd<T>(a5, x, v128.load(r, 80));
      if (nv > 6) a6 = vmuladd<T>(a6, x, v128.load(r, 96));
      if (nv > 7) a7 = vmuladd<T>(a7, x, v128.load(r, 112));
    }
    const g = Gt + <usize>j * stride;
    v128.store(g, vadd<T>(v128.load(g), a0));
    if (nv > 1) v128.store(g, vadd<T>(v128.load(g, 16), a1), 16);
    if (nv > 2) v128.store(g, vadd<T>(v128.load(g, 32), a2), 32);
    if (nv > 3) v128.store(g, vadd<T>(v128.load(g, 48), a3), 48);
    if (nv > 4) v128.store(g, vadd<T>(v128.load(g, 64), a4), 64);
    if (nv > 5) v128.store(g, vadd<T>(v128.load(g, 80), a5), 80);
    if (nv > 6) v128.store(g, vadd<T>(v128.load(g, 96), a6), 96);
    if (nv > 7) v128.store(g, vadd<T>(v128.load(g, 112), a7), 112);
  }
}

@inline function columnGather<V, T>(ptr: usize, rows16: usize, vals: usize, D: i32, R: usize, Kp: i32, Gt: usize): void {
  const nv = Kp / lanes<T>();
  if (nv == 1) columnGatherFixed<V, T>(ptr, rows16, vals, D, R, Kp, Gt, 1);
  else if (nv == 2) columnGatherFixed<V, T>(ptr, rows16, vals, D, R, Kp, Gt, 2);
  else if (nv == 3) columnGatherFixed<V, T>(ptr, rows16, vals, D, R, Kp, Gt, 3);
  else if (nv == 4) columnGatherFixed<V, T>(ptr, rows16, vals, D, R, Kp, Gt, 4);
  else if (nv == 5) columnGatherFixed<V, T>(ptr, rows16, vals, D, R, Kp, Gt, 5);
  else if (nv == 6) columnGatherFixed<V, T>(ptr, rows16, vals, D, R, Kp, Gt, 6);
  else if (nv == 7) columnGatherFixed<V, T>(ptr, rows16, vals, D, R, Kp, Gt, 7);
  else if (nv == 8) columnGatherFixed<V, T>(ptr, rows16, vals, D, R, Kp, Gt, 8);
  else {
    for (let j = 0; j < D; j++) {
      const end = load<i32>(ptr + (<usize>(j + 1) << 2));
      const g = Gt + <usize>(j * Kp) * sizeof<T>();
      for (let q = load<i32>(ptr + (<usize>j << 2)); q < end; q++) {
        axpyRow<T>(g, valueAt<V, T>(vals, q), R, <i32>load<u16>(rows16 + (<usize>q << 1)), Kp);
      }
    }
  }
}

// softmaxStep (assembly/linear.ts) over all N rows of a CSR matrix with its column
// blocks, Gt ≠ 0: per block, the forward over rows writes R (Bk×Kp of T, its
// padding lanes zero), then the gradient gathers by columns.
function softmaxStepBlocks<V, T>(
  N: i32, X: usize, indptr: usize, indices: usize, D: i32,
  scale: T, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, scratch: usize, P: usize,
  Bk: i32, cp: usize, rows16: usize, cvals: usize, R: usize,
): f64 {
  const z = scratch;
  const stride = <usize>Kp * sizeof<T>();
  clear(R, <usize>Bk * stride);
  let loss = 0.0;
  let blk = 0;
  for (let r0 = 0; r0 < N; r0 += Bk, blk++) {
    const r1 = min(N, r0 + Bk);
    for (let i = r0; i < r1; i++) {
      rowDot<V, T>(true, i, indptr, indices, X, D, Wt, Kp, z);
      finishScores<T>(z, scale, b, K);
      const w = sw ? load<f64>(sw + (<usize>i << 3)) : 1.0;
      loss += softmaxRow<T>(z, K, load<i32>(y + (<usize>i << 2)), w, R + <usize>(i - r0) * stride, scale, gb, P ? P + (<usize>(i * K) << 3) : 0);
    }
    columnGather<V, T>(cp + (<usize>blk * <usize>(D + 1) << 2), rows16, cvals, D, R, Kp, Gt);
  }
  return loss;
}

// softmaxHv (assembly/linear.ts) over all N rows with the column blocks.
function softmaxHvBlocks<V, T>(
  N: i32, X: usize, indptr: usize, indices: usize, D: i32,
  scale: T, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, scratch: usize,
  Bk: i32, cp: usize, rows16: usize, cvals: usize, R: usize,
): void {
  const u = scratch;
  const stride = <usize>Kp * sizeof<T>();
  clear(R, <usize>Bk * stride);
  let blk = 0;
  for (let r0 = 0; r0 < N; r0 += Bk, blk++) {
    const r1 = min(N, r0 + Bk);
    for (let i = r0; i < r1; i++) {
      rowDot<V, T>(true, i, indptr, indices, X, D, Vt, Kp, u);
      finishScores<T>(u, scale, vb, K);
      const w = sw ? load<f64>(sw + (<usize>i << 3)) : 1.0;
      hessianRow<T>(u, P + (<usize>(i * K) << 3), K, w, R + <usize>(i - r0) * stride, scale, hb);
    }
    columnGather<V, T>(cp + (<usize>blk * <usize>(D + 1) << 2), rows16, cvals, D, R, Kp, Ht);
  }
}

// Exports: stepb_V_T / hvb_V_T, V the stored value type, T the lane type.
export function stepb_u8_f32(N: i32, X: usize, ip: usize, ix: usize, D: i32, s: f32, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize, Bk: i32, cp: usize, r16: usize, cv: usize, R: usize): f64 { return softmaxStepBlocks<u8, f32>(N, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P, Bk, cp, r16, cv, R); }
export function stepb_u8_f64(N: i32, X: usize, ip: usize, ix: usize, D: i32, s: f64, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize, Bk: i32, cp: usize, r16: usize, cv: usize, R: usize): f64 { return softmaxStepBlocks<u8, f64>(N, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P, Bk, cp, r16, cv, R); }
export function stepb_f32_f32(N: i32, X: usize, ip: usize, ix: usize, D: i32, s: f32, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize, Bk: i32, cp: usize, r16: usize, cv: usize, R: usize): f64 { return softmaxStepBlocks<f32, f32>(N, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P, Bk, cp, r16, cv, R); }
export function stepb_f32_f64(N: i32, X: usize, ip: usize, ix: usize, D: i32, s: f64, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize, Bk: i32, cp: usize, r16: usize, cv: usize, R: usize): f64 { return softmaxStepBlocks<f32, f64>(N, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P, Bk, cp, r16, cv, R); }
export function stepb_f64_f32(N: i32, X: usize, ip: usize, ix: usize, D: i32, s: f32, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize, Bk: i32, cp: usize, r16: usize, cv: usize, R: usize): f64 { return softmaxStepBlocks<f64, f32>(N, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P, Bk, cp, r16, cv, R); }
export function stepb_f64_f64(N: i32, X: usize, ip: usize, ix: usize, D: i32, s: f64, y: usize, sw: usize, Wt: usize, b: usize, K: i32, Kp: i32, Gt: usize, gb: usize, sc: usize, P: usize, Bk: i32, cp: usize, r16: usize, cv: usize, R: usize): f64 { return softmaxStepBlocks<f64, f64>(N, X, ip, ix, D, s, y, sw, Wt, b, K, Kp, Gt, gb, sc, P, Bk, cp, r16, cv, R); }
export function hvb_u8_f32(N: i32, X: usize, ip: usize, ix: usize, D: i32, s: f32, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize, Bk: i32, cp: usize, r16: usize, cv: usize, R: usize): void { softmaxHvBlocks<u8, f32>(N, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc, Bk, cp, r16, cv, R); }
export function hvb_u8_f64(N: i32, X: usize, ip: usize, ix: usize, D: i32, s: f64, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize, Bk: i32, cp: usize, r16: usize, cv: usize, R: usize): void { softmaxHvBlocks<u8, f64>(N, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc, Bk, cp, r16, cv, R); }
export function hvb_f32_f32(N: i32, X: usize, ip: usize, ix: usize, D: i32, s: f32, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize, Bk: i32, cp: usize, r16: usize, cv: usize, R: usize): void { softmaxHvBlocks<f32, f32>(N, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc, Bk, cp, r16, cv, R); }
export function hvb_f32_f64(N: i32, X: usize, ip: usize, ix: usize, D: i32, s: f64, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize, Bk: i32, cp: usize, r16: usize, cv: usize, R: usize): void { softmaxHvBlocks<f32, f64>(N, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc, Bk, cp, r16, cv, R); }
export function hvb_f64_f32(N: i32, X: usize, ip: usize, ix: usize, D: i32, s: f32, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize, Bk: i32, cp: usize, r16: usize, cv: usize, R: usize): void { softmaxHvBlocks<f64, f32>(N, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc, Bk, cp, r16, cv, R); }
export function hvb_f64_f64(N: i32, X: usize, ip: usize, ix: usize, D: i32, s: f64, sw: usize, Vt: usize, vb: usize, P: usize, K: i32, Kp: i32, Ht: usize, hb: usize, sc: usize, Bk: i32, cp: usize, r16: usize, cv: usize, R: usize): void { softmaxHvBlocks<f64, f64>(N, X, ip, ix, D, s, sw, Vt, vb, P, K, Kp, Ht, hb, sc, Bk, cp, r16, cv, R); }
