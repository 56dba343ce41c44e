// Dense linear algebra of the Kronecker preconditioner (src/optim/kronecker-preconditioner.ts):
// the weighted Gram matrix of the rows, its Cholesky factor, and solves with
// the factor for the K class columns at once. Memory conventions as in
// assembly/linear.ts (byte offsets, f64 row-major matrices).
//
// The threaded forms split work that never shares an output: Gram rows
// (features) dealt out modulo the part count, Cholesky rows of one block,
// solve columns. Every entry sees the same operations in the same order
// whatever the split, so the results do not depend on the thread count.

import { vzero, valueAt } from './simd';
import { featureAt, rowStart, rowEnd } from './rows';

// ---- Gram matrix --------------------------------------------------------------

// S (Dp×Dp f64, row-major; upper triangle only) += Σ over rows i = 0, stride, 2·stride, …
// of cᵢ·vᵢvᵢᵀ over the stored values vᵢ, and, when one ≠ 0, column D += cᵢ·vᵢ and
// S[D, D] += cᵢ (the constant feature). c: f64 per row, or 0 for all 1.
// Only the rows a of S with a mod parts = part are written (one thread's share).
function gram<V>(
  sparse: bool, N: i32, stride: i32, X: usize, indptr: usize, indices: usize, D: i32, c: usize, S: usize, Dp: i32, one: bool,
  part: i32, parts: i32,
): void {
  for (let i = 0; i < N; i += stride) {
    const w = c ? load<f64>(c + (<usize>i << 3)) : 1.0;
    if (w == 0) continue;
    const start = rowStart(sparse, i, indptr, D);
    const end = rowEnd(sparse, i, indptr, D);
    for (let a = start; a < end; a++) {
      const fa = featureAt(sparse, indices, a, start);
      if (fa % parts != part) continue;
      const va = valueAt<V, f64>(X, a);
      if (va == 0) continue;
      const wa = w * va;
      const row = S + (<usize>fa * <usize>Dp << 3);
      for (let b = a; b < end; b++) {
        const at = row + (<usize>featureAt(sparse, indices, b, start) << 3);
        store<f64>(at, load<f64>(at) + wa * valueAt<V, f64>(X, b));
      }
      if (one) {
        const at = row + (<usize>D << 3);
        store<f64>(at, load<f64>(at) + wa);
      }
    }
    if (one && D % parts == part) {
      const at = S + ((<usize>D * <usize>Dp + <usize>D) << 3);
      store<f64>(at, load<f64>(at) + w);
    }
  }
}

export function gram_c_u8(N: i32, stride: i32, X: usize, ip: usize, ix: usize, D: i32, c: usize, S: usize, Dp: i32, one: i32, part: i32, parts: i32): void { gram<u8>(true, N, stride, X, ip, ix, D, c, S, Dp, one != 0, part, parts); }
export function gram_c_f32(N: i32, stride: i32, X: usize, ip: usize, ix: usize, D: i32, c: usize, S: usize, Dp: i32, one: i32, part: i32, parts: i32): void { gram<f32>(true, N, stride, X, ip, ix, D, c, S, Dp, one != 0, part, parts); }
export function gram_c_f64(N: i32, stride: i32, X: usize, ip: usize, ix: usize, D: i32, c: usize, S: usize, Dp: i32, one: i32, part: i32, parts: i32): void { gram<f64>(true, N, stride, X, ip, ix, D, c, S, Dp, one != 0, part, parts); }
export function gram_d_u8(N: i32, stride: i32, X: usize, ip: usize, ix: usize, D: i32, c: usize, S: usize, Dp: i32, one: i32, part: i32, parts: i32): void { gram<u8>(false, N, stride, X, ip, ix, D, c, S, Dp, one != 0, part, parts); }
export function gram_d_f32(N: i32, stride: i32, X: usize, ip: usize, ix: usize, D: i32, c: usize, S: usize, Dp: i32, one: i32, part: i32, parts: i32): void { gram<f32>(false, N, stride, X, ip, ix, D, c, S, Dp, one != 0, part, parts); }
export function gram_d_f64(N: i32, stride: i32, X: usize, ip: usize, ix: usize, D: i32, c: usize, S: usize, Dp: i32, one: i32, part: i32, parts: i32): void { gram<f64>(false, N, stride, X, ip, ix, D, c, S, Dp, one != 0, part, parts); }

// ---- Cholesky factor ----------------------------------------------------------

// Σ a[0..m) · b[0..m) over f64, two lanes at a time.
@inline function dotF64(a: usize, b: usize, m: i32): f64 {
  let acc = vzero();
  let k = 0;
  for (; k + 1 < m; k += 2) acc = f64x2.add(acc, f64x2.mul(v128.load(a + (<usize>k << 3)), v128.load(b + (<usize>k << 3))));
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (k < m) s += load<f64>(a + (<usize>k << 3)) * load<f64>(b + (<usize>k << 3));
  return s;
}

// Entries [j0, j1) of row i of A = LLᵀ by rows (row-Crout), in place (n×n row-major):
//   L[i][j] = (A[i][j] − L[i][0:j]·L[j][0:j]) / L[j][j] (j < i),  L[i][i] = √(A[i][i] − ‖L[i][0:i]‖²).
// Needs rows < j1 of L and entries < j0 of row i. Returns i at a non-positive pivot, else −1.
@inline function choleskyRow(A: usize, n: i32, i: i32, j0: i32, j1: i32): i32 {
  const ri = A + (<usize>i * <usize>n << 3);
  for (let j = j0; j < j1; j++) {
    const rj = A + (<usize>j * <usize>n << 3);
    const sum = load<f64>(ri + (<usize>j << 3)) - dotF64(ri, rj, j);
    if (i == j) {
      if (!(sum > 0)) return i;
      store<f64>(ri + (<usize>i << 3), Math.sqrt(sum));
    } else store<f64>(ri + (<usize>j << 3), sum / load<f64>(rj + (<usize>j << 3)));
  }
  return -1;
}

// The entries [j0, j1) (j1 ≤ i, left of the diagonal) of the four rows i..i+3
// at once: the same sums as choleskyRow row by row (each row's dot in the same
// order), but four independent chains of additions share each load of row j,
// where one chain would wait on its own additions.
@inline function choleskyRows4(A: usize, n: i32, i: i32, j0: i32, j1: i32): void {
  const rowBytes = <usize>n << 3;
  const r0 = A + <usize>i * rowBytes;
  const r1 = r0 + rowBytes;
  const r2 = r1 + rowBytes;
  const r3 = r2 + rowBytes;
  for (let j = j0; j < j1; j++) {
    const rj = A + <usize>j * rowBytes;
    let c0 = vzero();
    let c1 = vzero();
    let c2 = vzero();
    let c3 = vzero();
    let k = 0;
    for (; k + 1 < j; k += 2) {
      const o = <usize>k << 3;
      const v = v128.load(rj + o);
      c0 = f64x2.add(c0, f64x2.mul(v128.load(r0 + o), v));
      c1 = f64x2.add(c1, f64x2.mul(v128.load(r1 + o), v));
      c2 = f64x2.add(c2, f64x2.mul(v128.load(r2 + o), v));
      c3 = f64x2.add(c3, f64x2.mul(v128.load(r3 + o), v));
    }
    let s0 = f64x2.extract_lane(c0, 0) + f64x2.extract_lane(c0, 1);
    let s1 = f64x2.extract_lane(c1, 0) + f64x2.extract_lane(c1, 1);
    let s2 = f64x2.extract_lane(c2, 0) + f64x2.extract_lane(c2, 1);
    let s3 = f64x2.extract_lane(c3, 0) + f64x2.extract_lane(c3, 1);
    if (k < j) {
      const o = <usize>k << 3;
      const v = load<f64>(rj + o);
      s0 += load<f64>(r0 + o) * v;
      s1 += load<f64>(r1 + o) * v;
      s2 += load<f64>(r2 + o) * v;
      s3 += load<f64>(r3 + o) * v;
    }
    const oj = <usize>j << 3;
    const d = load<f64>(rj + oj);
    store<f64>(r0 + oj, (load<f64>(r0 + oj) - s0) / d);
    store<f64>(r1 + oj, (load<f64>(r1 + oj) - s1) / d);
    store<f64>(r2 + oj, (load<f64>(r2 + oj) - s2) / d);
    store<f64>(r3 + oj, (load<f64>(r3 + oj) - s3) / d);
  }
}

// Rows [r0, r1): the entries [j0, min(j1, i + 1)) of each row i, four rows at a
// time for the entries left of the group's first row, then row by row.
// Returns the row of a non-positive pivot, else −1.
function choleskyRows(A: usize, n: i32, r0: i32, r1: i32, j0: i32, j1: i32): i32 {
  let i = r0;
  for (; i + 4 <= r1; i += 4) {
    const left = min(j1, i);
    if (left > j0) choleskyRows4(A, n, i, j0, left);
    for (let r = i; r < i + 4; r++) {
      const bad = choleskyRow(A, n, r, max(j0, left), min(j1, r + 1));
      if (bad >= 0) return bad;
    }
  }
  for (; i < r1; i++) {
    const bad = choleskyRow(A, n, i, j0, min(j1, i + 1));
    if (bad >= 0) return bad;
  }
  return -1;
}

// Cholesky A = LLᵀ in place (n×n f64 row-major, lower triangle read and written,
// upper triangle zeroed). Returns −1 on success, else the index of a non-positive pivot.
export function cholesky(A: usize, n: i32): i32 {
  const bad = choleskyRows(A, n, 0, n, 0, n);
  if (bad >= 0) return bad;
  for (let i = 0; i < n; i++) {
    const ri = A + (<usize>i * <usize>n << 3);
    for (let j = i + 1; j < n; j++) store<f64>(ri + (<usize>j << 3), 0);
  }
  return -1;
}

// The blocked form, one block of rows [i0, i1) after rows < i0 are done:
// cholesky_panel computes the entries left of the block (columns < i0) of
// rows [r0, r1) ⊆ [i0, i1), rows independent of each other (the threads'
// part); cholesky_block then the block's own triangle. Upper triangles are
// left as they were. Every entry is the same sum as in cholesky.
export function cholesky_panel(A: usize, n: i32, r0: i32, r1: i32, i0: i32): void {
  choleskyRows(A, n, r0, r1, 0, i0);
}

export function cholesky_block(A: usize, n: i32, i0: i32, i1: i32): i32 {
  return choleskyRows(A, n, i0, i1, i0, i1);
}

// ---- solves with the factor ---------------------------------------------------

// The factor L (lower triangle of A, n×n) packed twice, each by rows:
//   Lp  row i = L[i][0..i]                 at i(i+1)/2
//   Up  row i = Lᵀ[i][i..n) = L[i..n)[i]   at i·n − i(i−1)/2 = i(2n − i + 1)/2
// so both triangular sweeps read their matrix row after row.
export function cholesky_pack(A: usize, n: i32, Lp: usize, Up: usize): void {
  for (let i = 0; i < n; i++) {
    const ri = A + (<usize>i * <usize>n << 3);
    const li = Lp + ((<usize>i * <usize>(i + 1)) >> 1 << 3);
    memory.copy(li, ri, <usize>(i + 1) << 3);
    const ui = Up + ((<usize>i * <usize>(2 * n - i + 1)) >> 1 << 3);
    for (let j = i; j < n; j++) store<f64>(ui + (<usize>(j - i) << 3), load<f64>(A + ((<usize>j * <usize>n + <usize>i) << 3)));
  }
}

// b[0..2·nv) = d · (a0, …, a(nv−1)): a row of unknowns, finished.
@inline function storeScaled(b: usize, d: f64, nv: i32, a0: v128, a1: v128, a2: v128, a3: v128, a4: v128, a5: v128): void {
  const dv = f64x2.splat(d);
  v128.store(b, f64x2.mul(a0, dv));
  if (nv > 1) v128.store(b, f64x2.mul(a1, dv), 16);
  if (nv > 2) v128.store(b, f64x2.mul(a2, dv), 32);
  if (nv > 3) v128.store(b, f64x2.mul(a3, dv), 48);
  if (nv > 4) v128.store(b, f64x2.mul(a4, dv), 64);
  if (nv > 5) v128.store(b, f64x2.mul(a5, dv), 80);
}

// Row bi of the unknowns (nv vectors, 2·nv columns, sums in registers):
// bi −= Σ_t c[t] · row(bj0 + t·bjStep) for t < count, the coefficients read
// from c0 + t·cStep, then bi ·= 1/diag. One splat of a factor entry serves
// 2·nv columns; the subtractions run in the order of t (the classic
// row-oriented substitution's order, forward or backward).
@inline function eliminateRow(bi: usize, nv: i32, c0: usize, cStep: isize, bj0: usize, bjStep: isize, count: i32, diag: f64): void {
  let a0 = v128.load(bi);
  let a1 = nv > 1 ? v128.load(bi, 16) : vzero();
  let a2 = nv > 2 ? v128.load(bi, 32) : vzero();
  let a3 = nv > 3 ? v128.load(bi, 48) : vzero();
  let a4 = nv > 4 ? v128.load(bi, 64) : vzero();
  let a5 = nv > 5 ? v128.load(bi, 80) : vzero();
  let c = c0;
  let bj = bj0;
  for (let t = 0; t < count; t++) {
    const l = f64x2.splat(load<f64>(c));
    a0 = f64x2.sub(a0, f64x2.mul(l, v128.load(bj)));
    if (nv > 1) a1 = f64x2.sub(a1, f64x2.mul(l, v128.load(bj, 16)));
    if (nv > 2) a2 = f64x2.sub(a2, f64x2.mul(l, v128.load(bj, 32)));
    if (nv > 3) a3 = f64x2.sub(a3, f64x2.mul(l, v128.load(bj, 48)));
    if (nv > 4) a4 = f64x2.sub(a4, f64x2.mul(l, v128.load(bj, 64)));
    if (nv > 5) a5 = f64x2.sub(a5, f64x2.mul(l, v128.load(bj, 80)));
    c += cStep;
    bj += bjStep;
  }
  storeScaled(bi, 1 / diag, nv, a0, a1, a2, a3, a4, a5);
}

// Forward then backward substitution, L y = b and Lᵀ z = y, for nv vectors
// (2·nv right-hand sides) of every row of B (row stride Kp f64). nv is a
// constant at each inlined call site, so the sums stay in registers.
@inline function solveGroup(Lp: usize, Up: usize, n: i32, B: usize, Kp: i32, nv: i32): void {
  const rowBytes = <usize>Kp << 3;
  // Row i of L (packed): L[i][0..i]; subtract y[0..i) in order of j.
  for (let i = 0; i < n; i++) {
    const li = Lp + ((<usize>i * <usize>(i + 1)) >> 1 << 3);
    eliminateRow(B + <usize>i * rowBytes, nv, li, 8, B, <isize>rowBytes, i, load<f64>(li + (<usize>i << 3)));
  }
  // Row i of Lᵀ (packed): Lᵀ[i][i..n); subtract z[j] for j from n − 1 down to i + 1, as a column sweep would.
  for (let i = n - 1; i >= 0; i--) {
    const ui = Up + ((<usize>i * <usize>(2 * n - i + 1)) >> 1 << 3);
    eliminateRow(B + <usize>i * rowBytes, nv, ui + (<usize>(n - 1 - i) << 3), -8, B + <usize>(n - 1) * rowBytes, -<isize>rowBytes, n - 1 - i, load<f64>(ui));
  }
}

// Solves LLᵀ Z = B in place for the vectors [v0, v1) of B's rows (B: n×Kp f64,
// row i = the Kp right-hand-side values of unknown i, Kp even), L packed by
// cholesky_pack: up to 6 vectors (12 columns) in one pass, more in groups of 4.
export function cholesky_solve_packed(Lp: usize, Up: usize, n: i32, B: usize, Kp: i32, v0: i32, v1: i32): void {
  const group = v1 - v0 <= 6 ? v1 - v0 : 4;
  for (let v = v0; v < v1; v += group) {
    const nv = min(group, v1 - v);
    const Bv = B + (<usize>v << 4);
    if (nv == 1) solveGroup(Lp, Up, n, Bv, Kp, 1);
    else if (nv == 2) solveGroup(Lp, Up, n, Bv, Kp, 2);
    else if (nv == 3) solveGroup(Lp, Up, n, Bv, Kp, 3);
    else if (nv == 4) solveGroup(Lp, Up, n, Bv, Kp, 4);
    else if (nv == 5) solveGroup(Lp, Up, n, Bv, Kp, 5);
    else solveGroup(Lp, Up, n, Bv, Kp, 6);
  }
}
