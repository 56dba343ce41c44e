// The inner sweep of the Crammer–Singer dual coordinate descent in
// WebAssembly SIMD (AssemblyScript): the twin of src/svm/crammer-singer-sweep.ts,
// which it matches operation for operation (each f64x2 lane accumulates in the
// same order as the scalar loop), so both give the same iterates bit for bit.
//
// Every argument is a byte offset into linear memory, laid out by
// src/svm/crammer-singer-wasm.ts:
//   indptr (N+1 i32), indices (nnz of I: u16 when D < 65536, else i32),
//   values (nnz of V: f64 with the scale applied, or u8 codes into table, the
//   row's distinct values as f64, when there are at most 256: 3 bytes per
//   non-zero instead of 12, as the rows are visited in random order and
//   their reads from memory, not the arithmetic, bound the sweep)
//   w      Dw×Kp f64, feature-major (a feature's K weights contiguous, padded to
//          Kp = K rounded up to even); row D is the bias feature's when B > 0
//   alpha  N×K f64; alphaIndex N×K i32 (active classes first); activeSizeI,
//          yIndex, y, index N i32; QD, Ci N f64; costs K×K f64 (0 on the diagonal)
//   scratch: z, delta (Kp f64 each), G, Bm, Dsorted, alphaNew (K f64 each), dInd (K i32)

import { vzero, vsplat, vmuladd } from './simd';

let activeAfter: i32 = 0;

/** The active example count the last sweep left. */
export function lastActiveSize(): i32 {
  return activeAfter;
}

/** First byte free for the JavaScript side's buffers. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

@inline function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}
@inline function setF64(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}
// Column and value of entry p.
@inline function colAt<I>(indices: usize, p: i32): i32 {
  return <i32>load<I>(indices + (<usize>p << alignof<I>()));
}
@inline function valAt<V>(values: usize, table: usize, p: i32): f64 {
  if (sizeof<V>() == 1) return load<f64>(table + (<usize>load<u8>(values + <usize>p) << 3));
  return load<f64>(values + (<usize>p << 3));
}
@inline function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
@inline function setI32(base: usize, i: i32, v: i32): void {
  store<i32>(base + (<usize>i << 2), v);
}

// z[0..Kp) = Σ_p values[p]·w[indices[p], 0..Kp) (+ B·w[D]); nv = Kp/2 constant at each
// inlined call site, so for nv ≤ 8 the accumulators stay in registers.
@inline function scoresFixed<I, V>(start: i32, end: i32, indices: usize, values: usize, table: usize, w: usize, Kp: i32, D: i32, B: f64, z: usize, nv: i32): void {
  let a0 = vzero();
  let a1 = vzero();
  let a2 = vzero();
  let a3 = vzero();
  let a4 = vzero();
  let a5 = vzero();
  let a6 = vzero();
  let a7 = vzero();
  const stride = <usize>Kp << 3;
  for (let p = start; p < end; p++) {
    const x = vsplat<f64>(valAt<V>(values, table, p));
    const r = w + <usize>colAt<I>(indices, p) * stride;
    a0 = vmuladd<f64>(a0, x, v128.load(r));
    if (nv > 1) a1 = vmuladd<f64>(a1, x, v128.load(r, 16));
    if (nv > 2) a2 = vmuladd<f64>(a2, x, v128.load(r, 32));
    if (nv > 3) a3 = vmuladd<f64>(a3, x, v128.load(r, 48));
    if (nv > 4) a4 = vmuladd<f64>(a4, x, v128.load(r, 64));
    if (nv > 5) a5 = vmuladd<f64>(a5, x, v128.load(r, 80));
    if (nv > 6) a6 = vmuladd<f64>(a6, x, v128.load(r, 96));
    if (nv > 7) a7 = vmuladd<f64>(a7, x, v128.load(r, 112));
  }
  if (B > 0) {
    const x = vsplat<f64>(B);
    const r = w + <usize>D * stride;
    a0 = vmuladd<f64>(a0, x, v128.load(r));
    if (nv > 1) a1 = vmuladd<f64>(a1, x, v128.load(r, 16));
    if (nv > 2) a2 = vmuladd<f64>(a2, x, v128.load(r, 32));
    if (nv > 3) a3 = vmuladd<f64>(a3, x, v128.load(r, 48));
    if (nv > 4) a4 = vmuladd<f64>(a4, x, v128.load(r, 64));
    if (nv > 5) a5 = vmuladd<f64>(a5, x, v128.load(r, 80));
    if (nv > 6) a6 = vmuladd<f64>(a6, x, v128.load(r, 96));
    if (nv > 7) a7 = vmuladd<f64>(a7, x, v128.load(r, 112));
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

// acc[0..Kp) += x · r[0..Kp), accumulators in memory (more than 16 classes).
@inline function axpy(acc: usize, x: f64, r: usize, Kp: i32): void {
  const xv = vsplat<f64>(x);
  const bytes = <usize>Kp << 3;
  for (let o: usize = 0; o < bytes; o += 16) v128.store(acc + o, vmuladd<f64>(v128.load(acc + o), xv, v128.load(r + o)));
}

function scores<I, V>(start: i32, end: i32, indices: usize, values: usize, table: usize, w: usize, Kp: i32, D: i32, B: f64, z: usize): void {
  const nv = Kp >> 1;
  if (nv == 1) scoresFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, z, 1);
  else if (nv == 2) scoresFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, z, 2);
  else if (nv == 3) scoresFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, z, 3);
  else if (nv == 4) scoresFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, z, 4);
  else if (nv == 5) scoresFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, z, 5);
  else if (nv == 6) scoresFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, z, 6);
  else if (nv == 7) scoresFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, z, 7);
  else if (nv == 8) scoresFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, z, 8);
  else {
    const bytes = <usize>Kp << 3;
    for (let o: usize = 0; o < bytes; o += 16) v128.store(z + o, vzero());
    for (let p = start; p < end; p++) axpy(z, valAt<V>(values, table, p), w + <usize>colAt<I>(indices, p) * bytes, Kp);
    if (B > 0) axpy(z, B, w + <usize>D * bytes, Kp);
  }
}

// w[indices[p], 0..Kp) += values[p]·delta for the row's entries (+ B·delta to the bias row); delta
// stays in registers for nv ≤ 8.
@inline function scatterFixed<I, V>(start: i32, end: i32, indices: usize, values: usize, table: usize, w: usize, Kp: i32, D: i32, B: f64, delta: usize, nv: i32): void {
  const d0 = v128.load(delta);
  const d1 = nv > 1 ? v128.load(delta, 16) : vzero();
  const d2 = nv > 2 ? v128.load(delta, 32) : vzero();
  const d3 = nv > 3 ? v128.load(delta, 48) : vzero();
  const d4 = nv > 4 ? v128.load(delta, 64) : vzero();
  const d5 = nv > 5 ? v128.load(delta, 80) : vzero();
  const d6 = nv > 6 ? v128.load(delta, 96) : vzero();
  const d7 = nv > 7 ? v128.load(delta, 112) : vzero();
  const stride = <usize>Kp << 3;
  const last = B > 0 ? end + 1 : end;
  for (let p = start; p < last; p++) {
    const bias = p == end;
    const x = vsplat<f64>(bias ? B : valAt<V>(values, table, p));
    const r = w + <usize>(bias ? D : colAt<I>(indices, p)) * stride;
    v128.store(r, vmuladd<f64>(v128.load(r), x, d0));
    if (nv > 1) v128.store(r, vmuladd<f64>(v128.load(r, 16), x, d1), 16);
    if (nv > 2) v128.store(r, vmuladd<f64>(v128.load(r, 32), x, d2), 32);
    if (nv > 3) v128.store(r, vmuladd<f64>(v128.load(r, 48), x, d3), 48);
    if (nv > 4) v128.store(r, vmuladd<f64>(v128.load(r, 64), x, d4), 64);
    if (nv > 5) v128.store(r, vmuladd<f64>(v128.load(r, 80), x, d5), 80);
    if (nv > 6) v128.store(r, vmuladd<f64>(v128.load(r, 96), x, d6), 96);
    if (nv > 7) v128.store(r, vmuladd<f64>(v128.load(r, 112), x, d7), 112);
  }
}

function scatter<I, V>(start: i32, end: i32, indices: usize, values: usize, table: usize, w: usize, Kp: i32, D: i32, B: f64, delta: usize): void {
  const nv = Kp >> 1;
  if (nv == 1) scatterFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, delta, 1);
  else if (nv == 2) scatterFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, delta, 2);
  else if (nv == 3) scatterFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, delta, 3);
  else if (nv == 4) scatterFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, delta, 4);
  else if (nv == 5) scatterFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, delta, 5);
  else if (nv == 6) scatterFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, delta, 6);
  else if (nv == 7) scatterFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, delta, 7);
  else if (nv == 8) scatterFixed<I, V>(start, end, indices, values, table, w, Kp, D, B, delta, 8);
  else {
    const bytes = <usize>Kp << 3;
    for (let p = start; p < end; p++) axpy(w + <usize>colAt<I>(indices, p) * bytes, valAt<V>(values, table, p), delta, Kp);
    if (B > 0) axpy(w + <usize>D * bytes, B, delta, Kp);
  }
}

// For two or three classes (late in a solve most examples have two or three active, or two that
// change): the same per-class sums in scalar registers, without the other classes' lanes.
// z[c] = Σ_p values[p]·w[indices[p], c] (+ B·w[D, c]) for the n classes c0, c1, c2.
@inline function scoresFew<I, V>(start: i32, end: i32, indices: usize, values: usize, table: usize, w: usize, Kp: i32, D: i32, B: f64, z: usize, n: i32, c0: i32, c1: i32, c2: i32): void {
  let s0 = 0.0;
  let s1 = 0.0;
  let s2 = 0.0;
  const stride = <usize>Kp << 3;
  const o0 = <usize>c0 << 3;
  const o1 = <usize>c1 << 3;
  const o2 = <usize>c2 << 3;
  for (let p = start; p < end; p++) {
    const x = valAt<V>(values, table, p);
    const r = w + <usize>colAt<I>(indices, p) * stride;
    s0 += x * load<f64>(r + o0);
    s1 += x * load<f64>(r + o1);
    if (n > 2) s2 += x * load<f64>(r + o2);
  }
  if (B > 0) {
    const r = w + <usize>D * stride;
    s0 += B * load<f64>(r + o0);
    s1 += B * load<f64>(r + o1);
    if (n > 2) s2 += B * load<f64>(r + o2);
  }
  store<f64>(z + o0, s0);
  store<f64>(z + o1, s1);
  if (n > 2) store<f64>(z + o2, s2);
}

// w[indices[p], c] += values[p]·d_c (+ B·d_c to the bias row) for the n classes c0, c1, c2.
@inline function scatterFew<I, V>(start: i32, end: i32, indices: usize, values: usize, table: usize, w: usize, Kp: i32, D: i32, B: f64, n: i32, c0: i32, d0: f64, c1: i32, d1: f64, c2: i32, d2: f64): void {
  const stride = <usize>Kp << 3;
  const o0 = <usize>c0 << 3;
  const o1 = <usize>c1 << 3;
  const o2 = <usize>c2 << 3;
  const last = B > 0 ? end + 1 : end;
  for (let p = start; p < last; p++) {
    const bias = p == end;
    const x = bias ? B : valAt<V>(values, table, p);
    const r = w + <usize>(bias ? D : colAt<I>(indices, p)) * stride;
    store<f64>(r + o0, load<f64>(r + o0) + x * d0);
    store<f64>(r + o1, load<f64>(r + o1) + x * d1);
    if (n > 2) store<f64>(r + o2, load<f64>(r + o2) + x * d2);
  }
}

// Whether the variable at position m sits at its bound with a gradient that keeps it there.
@inline function stuck(alpha: usize, alphaIndex: usize, ai: i32, m: i32, yPos: i32, Cy: f64, G: usize, minG: f64): bool {
  return f64At(alpha, ai + i32At(alphaIndex, ai + m)) == (m == yPos ? Cy : 0.0) && f64At(G, m) < minG;
}

// The exact minimizer of the example's sub-problem (see solveSubProblem in crammer-singer-dual.ts).
function solveSubProblem(A: f64, yPos: i32, Cy: f64, active: i32, Bm: usize, Ds: usize, out: usize): void {
  for (let m = 0; m < active; m++) setF64(Ds, m, f64At(Bm, m));
  if (yPos < active) setF64(Ds, yPos, f64At(Ds, yPos) + A * Cy);
  for (let m = 1; m < active; m++) {
    const v = f64At(Ds, m);
    let j = m - 1;
    while (j >= 0 && f64At(Ds, j) < v) {
      setF64(Ds, j + 1, f64At(Ds, j));
      j--;
    }
    setF64(Ds, j + 1, v);
  }
  let beta = f64At(Ds, 0) - A * Cy;
  let r = 1;
  for (; r < active && beta < <f64>r * f64At(Ds, r); r++) beta += f64At(Ds, r);
  beta /= <f64>r;
  for (let m = 0; m < active; m++) setF64(out, m, Math.min(m == yPos ? Cy : 0.0, (beta - f64At(Bm, m)) / A));
}

/**
 * One sweep over index[0..activeSize): for each example, its scores, the
 * violation, shrinking, the exact sub-problem and the update of w. Returns
 * the largest violation met (−∞ if none); lastActiveSize() the new count.
 */
@inline function sweep<I, V>(
  K: i32, Kp: i32, D: i32, B: f64,
  indptr: usize, indices: usize, values: usize, table: usize, w: usize,
  alpha: usize, alphaIndex: usize, activeSizeI: usize, yIndex: usize, y: usize,
  QD: usize, Ci: usize, costs: usize, index: usize, activeSize: i32, shrinking: i32, scratch: usize,
): f64 {
  const z = scratch;
  const delta = z + (<usize>Kp << 3);
  const G = delta + (<usize>Kp << 3);
  const Bm = G + (<usize>K << 3);
  const Ds = Bm + (<usize>K << 3);
  const alphaNew = Ds + (<usize>K << 3);
  const dInd = alphaNew + (<usize>K << 3);
  let stopping = -Infinity;
  for (let s = 0; s < activeSize; s++) {
    const i = i32At(index, s);
    const Ai = f64At(QD, i);
    const Cy = f64At(Ci, i);
    if (!(Ai > 0) || Cy == 0) continue;
    const ai = i * K;
    const act = i32At(activeSizeI, i);
    const yi = i32At(y, i);
    const yPos = i32At(yIndex, i);
    const start = i32At(indptr, i);
    const end = i32At(indptr, i + 1);
    if (act == 2) scoresFew<I, V>(start, end, indices, values, table, w, Kp, D, B, z, 2, i32At(alphaIndex, ai), i32At(alphaIndex, ai + 1), 0);
    else if (act == 3) scoresFew<I, V>(start, end, indices, values, table, w, Kp, D, B, z, 3, i32At(alphaIndex, ai), i32At(alphaIndex, ai + 1), i32At(alphaIndex, ai + 2));
    else scores<I, V>(start, end, indices, values, table, w, Kp, D, B, z);
    let minG = Infinity;
    let maxG = -Infinity;
    for (let m = 0; m < act; m++) {
      const cls = i32At(alphaIndex, ai + m);
      const g = (cls == yi ? 0.0 : f64At(costs, yi * K + cls)) + f64At(z, cls);
      setF64(G, m, g);
      if (f64At(alpha, ai + cls) < 0 && g < minG) minG = g;
      if (g > maxG) maxG = g;
    }
    if (yPos < act && f64At(alpha, ai + yi) < Cy && f64At(G, yPos) < minG) minG = f64At(G, yPos);

    if (shrinking) {
      let a = act;
      let yp = yPos;
      for (let m = 0; m < a; m++) {
        if (!stuck(alpha, alphaIndex, ai, m, yp, Cy, G, minG)) continue;
        a--;
        while (a > m) {
          if (!stuck(alpha, alphaIndex, ai, a, yp, Cy, G, minG)) {
            const t = i32At(alphaIndex, ai + m);
            setI32(alphaIndex, ai + m, i32At(alphaIndex, ai + a));
            setI32(alphaIndex, ai + a, t);
            const g = f64At(G, m);
            setF64(G, m, f64At(G, a));
            setF64(G, a, g);
            if (yp == a) yp = m;
            else if (yp == m) yp = a;
            break;
          }
          a--;
        }
      }
      setI32(activeSizeI, i, a);
      setI32(yIndex, i, yp);
      if (a <= 1) {
        activeSize--;
        setI32(index, s, i32At(index, activeSize));
        setI32(index, activeSize, i);
        s--;
        continue;
      }
    }
    if (maxG - minG <= 1e-12) continue;
    if (maxG - minG > stopping) stopping = maxG - minG;

    const a = i32At(activeSizeI, i);
    const yp = i32At(yIndex, i);
    for (let m = 0; m < a; m++) setF64(Bm, m, f64At(G, m) - Ai * f64At(alpha, ai + i32At(alphaIndex, ai + m)));
    solveSubProblem(Ai, yp, Cy, a, Bm, Ds, alphaNew);
    for (let k = 0; k < Kp; k++) setF64(delta, k, 0);
    let nz = 0;
    for (let m = 0; m < a; m++) {
      const cls = i32At(alphaIndex, ai + m);
      const d = f64At(alphaNew, m) - f64At(alpha, ai + cls);
      setF64(alpha, ai + cls, f64At(alphaNew, m));
      // Every change reaches w, as in the TypeScript twin (which says why).
      if (d != 0) {
        setF64(delta, cls, d);
        setI32(dInd, nz, cls);
        nz++;
      }
    }
    if (nz == 2 || nz == 3) {
      const c0 = i32At(dInd, 0);
      const c1 = i32At(dInd, 1);
      const c2 = nz == 3 ? i32At(dInd, 2) : c1;
      if (nz == 2) scatterFew<I, V>(start, end, indices, values, table, w, Kp, D, B, 2, c0, f64At(delta, c0), c1, f64At(delta, c1), c2, 0);
      else scatterFew<I, V>(start, end, indices, values, table, w, Kp, D, B, 3, c0, f64At(delta, c0), c1, f64At(delta, c1), c2, f64At(delta, c2));
    } else if (nz > 0) scatter<I, V>(start, end, indices, values, table, w, Kp, D, B, delta);
  }
  activeAfter = activeSize;
  return stopping;
}

/**
 * The sums the duality gap needs, into out[0..3): ‖w‖² (over the Dw×Kp array,
 * padding zero), Σᵢ Cᵢ max(0, max_{m≠yᵢ} ℓ(yᵢ, m) + z_m − z_{yᵢ}) and
 * Σᵢ Σ_m ℓ(yᵢ, m) α_i^m.
 */
@inline function objectives<I, V>(
  N: i32, K: i32, Kp: i32, D: i32, B: f64, Dw: i32,
  indptr: usize, indices: usize, values: usize, table: usize, w: usize, alpha: usize, y: usize, Ci: usize, costs: usize, scratch: usize, out: usize,
): void {
  const z = scratch;
  let sq = 0.0;
  const n = Dw * Kp;
  for (let p = 0; p < n; p++) {
    const v = f64At(w, p);
    sq += v * v;
  }
  let hinge = 0.0;
  let linear = 0.0;
  for (let i = 0; i < N; i++) {
    const yi = i32At(y, i);
    for (let m = 0; m < K; m++) linear += (m == yi ? 0.0 : f64At(costs, yi * K + m)) * f64At(alpha, i * K + m);
    const c = f64At(Ci, i);
    if (c == 0) continue;
    scores<I, V>(i32At(indptr, i), i32At(indptr, i + 1), indices, values, table, w, Kp, D, B, z);
    let worst = 0.0;
    const zy = f64At(z, yi);
    for (let m = 0; m < K; m++) if (m != yi) worst = Math.max(worst, f64At(costs, yi * K + m) + f64At(z, m) - zy);
    hinge += c * worst;
  }
  setF64(out, 0, sq);
  setF64(out, 1, hinge);
  setF64(out, 2, linear);
}

// Entry points by index type (u16, i32) and value type (u8 codes, f64).
export function sweep_u16_u8(K: i32, Kp: i32, D: i32, B: f64, indptr: usize, indices: usize, values: usize, table: usize, w: usize, alpha: usize, alphaIndex: usize, activeSizeI: usize, yIndex: usize, y: usize, QD: usize, Ci: usize, costs: usize, index: usize, activeSize: i32, shrinking: i32, scratch: usize): f64 { return sweep<u16, u8>(K, Kp, D, B, indptr, indices, values, table, w, alpha, alphaIndex, activeSizeI, yIndex, y, QD, Ci, costs, index, activeSize, shrinking, scratch); }
export function sweep_u16_f64(K: i32, Kp: i32, D: i32, B: f64, indptr: usize, indices: usize, values: usize, table: usize, w: usize, alpha: usize, alphaIndex: usize, activeSizeI: usize, yIndex: usize, y: usize, QD: usize, Ci: usize, costs: usize, index: usize, activeSize: i32, shrinking: i32, scratch: usize): f64 { return sweep<u16, f64>(K, Kp, D, B, indptr, indices, values, table, w, alpha, alphaIndex, activeSizeI, yIndex, y, QD, Ci, costs, index, activeSize, shrinking, scratch); }
export function sweep_i32_u8(K: i32, Kp: i32, D: i32, B: f64, indptr: usize, indices: usize, values: usize, table: usize, w: usize, alpha: usize, alphaIndex: usize, activeSizeI: usize, yIndex: usize, y: usize, QD: usize, Ci: usize, costs: usize, index: usize, activeSize: i32, shrinking: i32, scratch: usize): f64 { return sweep<i32, u8>(K, Kp, D, B, indptr, indices, values, table, w, alpha, alphaIndex, activeSizeI, yIndex, y, QD, Ci, costs, index, activeSize, shrinking, scratch); }
export function sweep_i32_f64(K: i32, Kp: i32, D: i32, B: f64, indptr: usize, indices: usize, values: usize, table: usize, w: usize, alpha: usize, alphaIndex: usize, activeSizeI: usize, yIndex: usize, y: usize, QD: usize, Ci: usize, costs: usize, index: usize, activeSize: i32, shrinking: i32, scratch: usize): f64 { return sweep<i32, f64>(K, Kp, D, B, indptr, indices, values, table, w, alpha, alphaIndex, activeSizeI, yIndex, y, QD, Ci, costs, index, activeSize, shrinking, scratch); }
export function objectives_u16_u8(N: i32, K: i32, Kp: i32, D: i32, B: f64, Dw: i32, indptr: usize, indices: usize, values: usize, table: usize, w: usize, alpha: usize, y: usize, Ci: usize, costs: usize, scratch: usize, out: usize): void { objectives<u16, u8>(N, K, Kp, D, B, Dw, indptr, indices, values, table, w, alpha, y, Ci, costs, scratch, out); }
export function objectives_u16_f64(N: i32, K: i32, Kp: i32, D: i32, B: f64, Dw: i32, indptr: usize, indices: usize, values: usize, table: usize, w: usize, alpha: usize, y: usize, Ci: usize, costs: usize, scratch: usize, out: usize): void { objectives<u16, f64>(N, K, Kp, D, B, Dw, indptr, indices, values, table, w, alpha, y, Ci, costs, scratch, out); }
export function objectives_i32_u8(N: i32, K: i32, Kp: i32, D: i32, B: f64, Dw: i32, indptr: usize, indices: usize, values: usize, table: usize, w: usize, alpha: usize, y: usize, Ci: usize, costs: usize, scratch: usize, out: usize): void { objectives<i32, u8>(N, K, Kp, D, B, Dw, indptr, indices, values, table, w, alpha, y, Ci, costs, scratch, out); }
export function objectives_i32_f64(N: i32, K: i32, Kp: i32, D: i32, B: f64, Dw: i32, indptr: usize, indices: usize, values: usize, table: usize, w: usize, alpha: usize, y: usize, Ci: usize, costs: usize, scratch: usize, out: usize): void { objectives<i32, f64>(N, K, Kp, D, B, Dw, indptr, indices, values, table, w, alpha, y, Ci, costs, scratch, out); }
