// WebAssembly SIMD kernels of neural-network layers (AssemblyScript): the
// affine map of a dense layer, its weight gradient and its input gradient.
//
// Every argument is a byte offset into this module's linear memory, laid out
// by the JavaScript side (src/kernels/layer-wasm.ts). Conventions:
//   T  accumulator and parameter type: f32 (f32x4) or f64 (f64x2)
//   V  stored input type: u8, f32 or f64; value = stored · scale
//   W  I×Op of T, row-major: row i holds the Op outgoing weights of input i
//      (Op = outputs rounded up to the lane count, padding lanes zero), so a
//      sparse input row touches one contiguous row of W per non-zero.
//   out, dOut   n×Op of T
//   rows  i32 example indices, or 0 for 0..n−1 in order
// Inputs are CSR (indptr, indices, values) or dense rows of `stride` values
// of which the first `count` are used. Zeros of dense inputs are skipped
// (ReLU activations are about half zeros, images mostly zeros).

import { lanes, vzero, vsplat, vadd, vmuladd, rowOf, valueAt } from './simd';

@inline function vsum<T>(v: v128): T {
  if (sizeof<T>() == 4) {
    return <T>(f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
  }
  return <T>(f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1));
}

// Non-zeros of input row i: positions [start, end) and, for each, the feature index.
@inline function rowStart(sparse: bool, i: i32, indptr: usize, stride: i32): i32 {
  return sparse ? load<i32>(indptr + (<usize>i << 2)) : <i32>(<i64>i * stride);
}
@inline function rowEnd(sparse: bool, i: i32, indptr: usize, stride: i32, count: i32): i32 {
  return sparse ? load<i32>(indptr + (<usize>(i + 1) << 2)) : <i32>(<i64>i * stride) + count;
}
@inline function featureAt(sparse: bool, indices: usize, t: i32, start: i32): i32 {
  return sparse ? load<i32>(indices + (<usize>t << 2)) : t - start;
}

// out[c .. c + nv·lanes) = Σ_t x_t · W[j_t, c ..]  for one input row; nv ≤ 8 vectors in registers.
@inline function blockDot<V, T>(
  sparse: bool, start: i32, end: i32, indices: usize, values: usize, W: usize, stride: usize, c: usize, o: usize, nv: i32,
): void {
  let a0 = vzero();
  let a1 = vzero();
  let a2 = vzero();
  let a3 = vzero();
  let a4 = vzero();
  let a5 = vzero();
  let a6 = vzero();
  let a7 = vzero();
  for (let t = start; t < end; t++) {
    const xs = valueAt<V, T>(values, t);
    if (!sparse && xs == <T>0) continue;
    const x = vsplat<T>(xs);
    const w = W + <usize>featureAt(sparse, indices, t, start) * stride + c;
    a0 = vmuladd<T>(a0, x, v128.load(w));
    if (nv > 1) a1 = vmuladd<T>(a1, x, v128.load(w, 16));
    if (nv > 2) a2 = vmuladd<T>(a2, x, v128.load(w, 32));
    if (nv > 3) a3 = vmuladd<T>(a3, x, v128.load(w, 48));
    if (nv > 4) a4 = vmuladd<T>(a4, x, v128.load(w, 64));
    if (nv > 5) a5 = vmuladd<T>(a5, x, v128.load(w, 80));
    if (nv > 6) a6 = vmuladd<T>(a6, x, v128.load(w, 96));
    if (nv > 7) a7 = vmuladd<T>(a7, x, v128.load(w, 112));
  }
  v128.store(o, a0);
  if (nv > 1) v128.store(o, a1, 16);
  if (nv > 2) v128.store(o, a2, 32);
  if (nv > 3) v128.store(o, a3, 48);
  if (nv > 4) v128.store(o, a4, 64);
  if (nv > 5) v128.store(o, a5, 80);
  if (nv > 6) v128.store(o, a6, 96);
  if (nv > 7) v128.store(o, a7, 112);
}

// W[j_t, c ..] += x_t · d[c ..] for the non-zeros of one input row; d (nv ≤ 8 vectors) in registers.
@inline function blockScatter<V, T>(
  sparse: bool, start: i32, end: i32, indices: usize, values: usize, G: usize, stride: usize, c: usize, d: usize, nv: i32,
): void {
  const d0 = v128.load(d);
  const d1 = nv > 1 ? v128.load(d, 16) : vzero();
  const d2 = nv > 2 ? v128.load(d, 32) : vzero();
  const d3 = nv > 3 ? v128.load(d, 48) : vzero();
  const d4 = nv > 4 ? v128.load(d, 64) : vzero();
  const d5 = nv > 5 ? v128.load(d, 80) : vzero();
  const d6 = nv > 6 ? v128.load(d, 96) : vzero();
  const d7 = nv > 7 ? v128.load(d, 112) : vzero();
  for (let t = start; t < end; t++) {
    const xs = valueAt<V, T>(values, t);
    if (!sparse && xs == <T>0) continue;
    const x = vsplat<T>(xs);
    const g = G + <usize>featureAt(sparse, indices, t, start) * stride + c;
    v128.store(g, vmuladd<T>(v128.load(g), x, d0));
    if (nv > 1) v128.store(g, vmuladd<T>(v128.load(g, 16), x, d1), 16);
    if (nv > 2) v128.store(g, vmuladd<T>(v128.load(g, 32), x, d2), 32);
    if (nv > 3) v128.store(g, vmuladd<T>(v128.load(g, 48), x, d3), 48);
    if (nv > 4) v128.store(g, vmuladd<T>(v128.load(g, 64), x, d4), 64);
    if (nv > 5) v128.store(g, vmuladd<T>(v128.load(g, 80), x, d5), 80);
    if (nv > 6) v128.store(g, vmuladd<T>(v128.load(g, 96), x, d6), 96);
    if (nv > 7) v128.store(g, vmuladd<T>(v128.load(g, 112), x, d7), 112);
  }
}

// Blocks of 8 vectors, then the tail, each with its vector count known at compile time.
@inline function dotRow<V, T>(sparse: bool, start: i32, end: i32, indices: usize, values: usize, W: usize, Op: i32, o: usize): void {
  const stride = <usize>Op * sizeof<T>();
  const full = Op / (8 * lanes<T>());
  let c: usize = 0;
  for (let b = 0; b < full; b++, c += 128) blockDot<V, T>(sparse, start, end, indices, values, W, stride, c, o + c, 8);
  const tail = (Op - full * 8 * lanes<T>()) / lanes<T>();
  if (tail == 1) blockDot<V, T>(sparse, start, end, indices, values, W, stride, c, o + c, 1);
  else if (tail == 2) blockDot<V, T>(sparse, start, end, indices, values, W, stride, c, o + c, 2);
  else if (tail == 3) blockDot<V, T>(sparse, start, end, indices, values, W, stride, c, o + c, 3);
  else if (tail == 4) blockDot<V, T>(sparse, start, end, indices, values, W, stride, c, o + c, 4);
  else if (tail == 5) blockDot<V, T>(sparse, start, end, indices, values, W, stride, c, o + c, 5);
  else if (tail == 6) blockDot<V, T>(sparse, start, end, indices, values, W, stride, c, o + c, 6);
  else if (tail == 7) blockDot<V, T>(sparse, start, end, indices, values, W, stride, c, o + c, 7);
}

@inline function scatterRow<V, T>(sparse: bool, start: i32, end: i32, indices: usize, values: usize, G: usize, Op: i32, d: usize): void {
  const stride = <usize>Op * sizeof<T>();
  const full = Op / (8 * lanes<T>());
  let c: usize = 0;
  for (let b = 0; b < full; b++, c += 128) blockScatter<V, T>(sparse, start, end, indices, values, G, stride, c, d + c, 8);
  const tail = (Op - full * 8 * lanes<T>()) / lanes<T>();
  if (tail == 1) blockScatter<V, T>(sparse, start, end, indices, values, G, stride, c, d + c, 1);
  else if (tail == 2) blockScatter<V, T>(sparse, start, end, indices, values, G, stride, c, d + c, 2);
  else if (tail == 3) blockScatter<V, T>(sparse, start, end, indices, values, G, stride, c, d + c, 3);
  else if (tail == 4) blockScatter<V, T>(sparse, start, end, indices, values, G, stride, c, d + c, 4);
  else if (tail == 5) blockScatter<V, T>(sparse, start, end, indices, values, G, stride, c, d + c, 5);
  else if (tail == 6) blockScatter<V, T>(sparse, start, end, indices, values, G, stride, c, d + c, 6);
  else if (tail == 7) blockScatter<V, T>(sparse, start, end, indices, values, G, stride, c, d + c, 7);
}

// out = (accumulate ? out : 0) + scale · X[rows]·W + b     (b = 0: no bias)
// tmp: Op values of scratch.
@inline function affineForward<V, T>(
  sparse: bool, n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, scale: T,
  W: usize, b: usize, Op: i32, out: usize, accumulate: bool, tmp: usize,
): void {
  const rowBytes = <usize>Op * sizeof<T>();
  const s = vsplat<T>(scale);
  for (let r = 0; r < n; r++) {
    const i = rowOf(rows, r);
    const o = out + <usize>r * rowBytes;
    dotRow<V, T>(sparse, rowStart(sparse, i, ip, stride), rowEnd(sparse, i, ip, stride, count), ix, X, W, Op, tmp);
    for (let c: usize = 0; c < rowBytes; c += 16) {
      let v = sizeof<T>() == 4 ? f32x4.mul(v128.load(tmp + c), s) : f64x2.mul(v128.load(tmp + c), s);
      if (b) v = vadd<T>(v, v128.load(b + c));
      if (accumulate) v = vadd<T>(v, v128.load(o + c));
      v128.store(o + c, v);
    }
  }
}

// G += scale · X[rows]ᵀ·dOut, gb += Σ_r dOut[r]   (gb = 0: no bias).  tmp: Op values of scratch.
@inline function affineBackwardWeights<V, T>(
  sparse: bool, n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, scale: T,
  dOut: usize, Op: i32, G: usize, gb: usize, tmp: usize,
): void {
  const rowBytes = <usize>Op * sizeof<T>();
  const s = vsplat<T>(scale);
  for (let r = 0; r < n; r++) {
    const i = rowOf(rows, r);
    const d = dOut + <usize>r * rowBytes;
    for (let c: usize = 0; c < rowBytes; c += 16) {
      const v = v128.load(d + c);
      if (gb) v128.store(gb + c, vadd<T>(v128.load(gb + c), v));
      if (sizeof<T>() == 4) v128.store(tmp + c, f32x4.mul(v, s));
      else v128.store(tmp + c, f64x2.mul(v, s));
    }
    scatterRow<V, T>(sparse, rowStart(sparse, i, ip, stride), rowEnd(sparse, i, ip, stride, count), ix, X, G, Op, tmp);
  }
}

// dA[r, i] = Σ_o dOut[r, o] · W[i, o] for i < I (dA rows of Ip values).
@inline function affineBackwardInput<T>(n: i32, dOut: usize, Op: i32, W: usize, I: i32, Ip: i32, dA: usize): void {
  const rowBytes = <usize>Op * sizeof<T>();
  for (let r = 0; r < n; r++) {
    const d = dOut + <usize>r * rowBytes;
    const a = dA + <usize>r * <usize>Ip * sizeof<T>();
    for (let i = 0; i < I; i++) {
      const w = W + <usize>i * rowBytes;
      let acc = vzero();
      for (let c: usize = 0; c < rowBytes; c += 16) acc = vmuladd<T>(acc, v128.load(d + c), v128.load(w + c));
      store<T>(a + <usize>i * sizeof<T>(), vsum<T>(acc));
    }
  }
}

// Exports: fwd/bww_{c|d}_{input type}_{precision}; bwx_{precision}.
export function fwd_c_u8_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f32, W: usize, b: usize, Op: i32, out: usize, acc: bool, tmp: usize): void { affineForward<u8, f32>(true, n, rows, X, ip, ix, count, stride, s, W, b, Op, out, acc, tmp); }
export function fwd_c_f32_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f32, W: usize, b: usize, Op: i32, out: usize, acc: bool, tmp: usize): void { affineForward<f32, f32>(true, n, rows, X, ip, ix, count, stride, s, W, b, Op, out, acc, tmp); }
export function fwd_c_f64_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f32, W: usize, b: usize, Op: i32, out: usize, acc: bool, tmp: usize): void { affineForward<f64, f32>(true, n, rows, X, ip, ix, count, stride, s, W, b, Op, out, acc, tmp); }
export function fwd_d_u8_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f32, W: usize, b: usize, Op: i32, out: usize, acc: bool, tmp: usize): void { affineForward<u8, f32>(false, n, rows, X, ip, ix, count, stride, s, W, b, Op, out, acc, tmp); }
export function fwd_d_f32_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f32, W: usize, b: usize, Op: i32, out: usize, acc: bool, tmp: usize): void { affineForward<f32, f32>(false, n, rows, X, ip, ix, count, stride, s, W, b, Op, out, acc, tmp); }
export function fwd_d_f64_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f32, W: usize, b: usize, Op: i32, out: usize, acc: bool, tmp: usize): void { affineForward<f64, f32>(false, n, rows, X, ip, ix, count, stride, s, W, b, Op, out, acc, tmp); }
export function fwd_c_u8_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f64, W: usize, b: usize, Op: i32, out: usize, acc: bool, tmp: usize): void { affineForward<u8, f64>(true, n, rows, X, ip, ix, count, stride, s, W, b, Op, out, acc, tmp); }
export function fwd_c_f32_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f64, W: usize, b: usize, Op: i32, out: usize, acc: bool, tmp: usize): void { affineForward<f32, f64>(true, n, rows, X, ip, ix, count, stride, s, W, b, Op, out, acc, tmp); }
export function fwd_c_f64_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f64, W: usize, b: usize, Op: i32, out: usize, acc: bool, tmp: usize): void { affineForward<f64, f64>(true, n, rows, X, ip, ix, count, stride, s, W, b, Op, out, acc, tmp); }
export function fwd_d_u8_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f64, W: usize, b: usize, Op: i32, out: usize, acc: bool, tmp: usize): void { affineForward<u8, f64>(false, n, rows, X, ip, ix, count, stride, s, W, b, Op, out, acc, tmp); }
export function fwd_d_f32_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f64, W: usize, b: usize, Op: i32, out: usize, acc: bool, tmp: usize): void { affineForward<f32, f64>(false, n, rows, X, ip, ix, count, stride, s, W, b, Op, out, acc, tmp); }
export function fwd_d_f64_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f64, W: usize, b: usize, Op: i32, out: usize, acc: bool, tmp: usize): void { affineForward<f64, f64>(false, n, rows, X, ip, ix, count, stride, s, W, b, Op, out, acc, tmp); }

export function bww_c_u8_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f32, d: usize, Op: i32, G: usize, gb: usize, tmp: usize): void { affineBackwardWeights<u8, f32>(true, n, rows, X, ip, ix, count, stride, s, d, Op, G, gb, tmp); }
export function bww_c_f32_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f32, d: usize, Op: i32, G: usize, gb: usize, tmp: usize): void { affineBackwardWeights<f32, f32>(true, n, rows, X, ip, ix, count, stride, s, d, Op, G, gb, tmp); }
export function bww_c_f64_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f32, d: usize, Op: i32, G: usize, gb: usize, tmp: usize): void { affineBackwardWeights<f64, f32>(true, n, rows, X, ip, ix, count, stride, s, d, Op, G, gb, tmp); }
export function bww_d_u8_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f32, d: usize, Op: i32, G: usize, gb: usize, tmp: usize): void { affineBackwardWeights<u8, f32>(false, n, rows, X, ip, ix, count, stride, s, d, Op, G, gb, tmp); }
export function bww_d_f32_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f32, d: usize, Op: i32, G: usize, gb: usize, tmp: usize): void { affineBackwardWeights<f32, f32>(false, n, rows, X, ip, ix, count, stride, s, d, Op, G, gb, tmp); }
export function bww_d_f64_f32(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f32, d: usize, Op: i32, G: usize, gb: usize, tmp: usize): void { affineBackwardWeights<f64, f32>(false, n, rows, X, ip, ix, count, stride, s, d, Op, G, gb, tmp); }
export function bww_c_u8_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f64, d: usize, Op: i32, G: usize, gb: usize, tmp: usize): void { affineBackwardWeights<u8, f64>(true, n, rows, X, ip, ix, count, stride, s, d, Op, G, gb, tmp); }
export function bww_c_f32_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f64, d: usize, Op: i32, G: usize, gb: usize, tmp: usize): void { affineBackwardWeights<f32, f64>(true, n, rows, X, ip, ix, count, stride, s, d, Op, G, gb, tmp); }
export function bww_c_f64_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f64, d: usize, Op: i32, G: usize, gb: usize, tmp: usize): void { affineBackwardWeights<f64, f64>(true, n, rows, X, ip, ix, count, stride, s, d, Op, G, gb, tmp); }
export function bww_d_u8_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f64, d: usize, Op: i32, G: usize, gb: usize, tmp: usize): void { affineBackwardWeights<u8, f64>(false, n, rows, X, ip, ix, count, stride, s, d, Op, G, gb, tmp); }
export function bww_d_f32_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f64, d: usize, Op: i32, G: usize, gb: usize, tmp: usize): void { affineBackwardWeights<f32, f64>(false, n, rows, X, ip, ix, count, stride, s, d, Op, G, gb, tmp); }
export function bww_d_f64_f64(n: i32, rows: usize, X: usize, ip: usize, ix: usize, count: i32, stride: i32, s: f64, d: usize, Op: i32, G: usize, gb: usize, tmp: usize): void { affineBackwardWeights<f64, f64>(false, n, rows, X, ip, ix, count, stride, s, d, Op, G, gb, tmp); }

export function bwx_f32(n: i32, d: usize, Op: i32, W: usize, I: i32, Ip: i32, dA: usize): void { affineBackwardInput<f32>(n, d, Op, W, I, Ip, dA); }
export function bwx_f64(n: i32, d: usize, Op: i32, W: usize, I: i32, Ip: i32, dA: usize): void { affineBackwardInput<f64>(n, d, Op, W, I, Ip, dA); }

export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

// Optimizer updates over float64 parameter vectors (n values at θ, g and the
// slots), the same arithmetic in the same order as the TypeScript loops of
// src/optim/stochastic.ts, so both give the same bits.

// Adam: m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; θ ← θ − step·m / (√(v·unbias2) + ε).
export function adam_f64(n: i32, theta: usize, g: usize, m: usize, v: usize, step: f64, unbias2: f64, b1: f64, b2: f64, a1: f64, a2: f64, eps: f64): void {
  const vb1 = f64x2.splat(b1);
  const vb2 = f64x2.splat(b2);
  const va1 = f64x2.splat(a1);
  const va2 = f64x2.splat(a2);
  const vstep = f64x2.splat(step);
  const vu = f64x2.splat(unbias2);
  const veps = f64x2.splat(eps);
  const pairs = n >> 1;
  for (let i = 0; i < pairs; i++) {
    const o = <usize>i << 4;
    const gp = v128.load(g + o);
    const mp = f64x2.add(f64x2.mul(vb1, v128.load(m + o)), f64x2.mul(va1, gp));
    const vp = f64x2.add(f64x2.mul(vb2, v128.load(v + o)), f64x2.mul(f64x2.mul(va2, gp), gp));
    v128.store(m + o, mp);
    v128.store(v + o, vp);
    const upd = f64x2.div(f64x2.mul(vstep, mp), f64x2.add(f64x2.sqrt(f64x2.mul(vp, vu)), veps));
    v128.store(theta + o, f64x2.sub(v128.load(theta + o), upd));
  }
  for (let i = pairs << 1; i < n; i++) {
    const o = <usize>i << 3;
    const gp = load<f64>(g + o);
    const mp = b1 * load<f64>(m + o) + a1 * gp;
    const vp = b2 * load<f64>(v + o) + a2 * gp * gp;
    store<f64>(m + o, mp);
    store<f64>(v + o, vp);
    store<f64>(theta + o, load<f64>(theta + o) - (step * mp) / (Math.sqrt(vp * unbias2) + eps));
  }
}

// AdaGrad: G ← G + g²; θ ← θ − (η·g) / √(ε + G).
export function adagrad_f64(n: i32, theta: usize, g: usize, G: usize, lr: f64, eps: f64): void {
  const vlr = f64x2.splat(lr);
  const veps = f64x2.splat(eps);
  const pairs = n >> 1;
  for (let i = 0; i < pairs; i++) {
    const o = <usize>i << 4;
    const gp = v128.load(g + o);
    const Gp = f64x2.add(v128.load(G + o), f64x2.mul(gp, gp));
    v128.store(G + o, Gp);
    v128.store(theta + o, f64x2.sub(v128.load(theta + o), f64x2.div(f64x2.mul(vlr, gp), f64x2.sqrt(f64x2.add(veps, Gp)))));
  }
  for (let i = pairs << 1; i < n; i++) {
    const o = <usize>i << 3;
    const gp = load<f64>(g + o);
    const Gp = load<f64>(G + o) + gp * gp;
    store<f64>(G + o, Gp);
    store<f64>(theta + o, load<f64>(theta + o) - (lr * gp) / Math.sqrt(eps + Gp));
  }
}

// SGD with heavy-ball or Nesterov momentum μ (velocity = 0: plain SGD): v ← μv + g; θ ← θ − η(g + μv) or θ − ηv.
export function sgd_f64(n: i32, theta: usize, g: usize, velocity: usize, lr: f64, mu: f64, nesterov: bool): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const gp = load<f64>(g + o);
    if (!velocity) {
      store<f64>(theta + o, load<f64>(theta + o) - lr * gp);
      continue;
    }
    const vp = mu * load<f64>(velocity + o) + gp;
    store<f64>(velocity + o, vp);
    store<f64>(theta + o, load<f64>(theta + o) - lr * (nesterov ? gp + mu * vp : vp));
  }
}

// ReLU over n values in place, and its backward pass d ← 0 where a ≤ 0 (a the activations).
@inline function reluForward<T>(a: usize, n: i32): void {
  const z = vzero();
  const bytes = <usize>n * sizeof<T>();
  let o: usize = 0;
  for (; o + 16 <= bytes; o += 16) {
    const v = v128.load(a + o);
    // pmax(v, 0) = v < 0 ? 0 : v: NaN and −0 pass through, as in the TypeScript loop.
    v128.store(a + o, sizeof<T>() == 4 ? f32x4.pmax(v, z) : f64x2.pmax(v, z));
  }
  for (; o < bytes; o += sizeof<T>()) if (load<T>(a + o) < <T>0) store<T>(a + o, <T>0);
}

@inline function reluBackward<T>(a: usize, d: usize, n: i32): void {
  const z = vzero();
  const bytes = <usize>n * sizeof<T>();
  let o: usize = 0;
  for (; o + 16 <= bytes; o += 16) {
    // Keep d where not (a ≤ 0), as the TypeScript loop does (NaN activations keep their gradient).
    const dead = sizeof<T>() == 4 ? f32x4.le(v128.load(a + o), z) : f64x2.le(v128.load(a + o), z);
    v128.store(d + o, v128.andnot(v128.load(d + o), dead));
  }
  for (; o < bytes; o += sizeof<T>()) if (load<T>(a + o) <= <T>0) store<T>(d + o, <T>0);
}

export function relu_f32(a: usize, n: i32): void { reluForward<f32>(a, n); }
export function relu_f64(a: usize, n: i32): void { reluForward<f64>(a, n); }
export function relu_bw_f32(a: usize, d: usize, n: i32): void { reluBackward<f32>(a, d, n); }
export function relu_bw_f64(a: usize, d: usize, n: i32): void { reluBackward<f64>(a, d, n); }
