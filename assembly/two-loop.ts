// The two loops of the L-BFGS recursion over stored pairs (sⱼ, yⱼ), for the
// quasi-Newton refinement of Newton–CG's preconditioner
// (src/optim/two-loop-wasm.ts lays out the memory): dot products with four
// f64x2 accumulators (the scalar loop is bound by one chain of additions),
// updates two lanes at a time. Arguments are byte offsets into linear memory;
// `table` holds 2m u32 offsets: s₀ … s_{m−1}, then y₀ … y_{m−1}.

/** First byte free for the JavaScript side's buffers. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

@inline function dotAt(a: usize, b: usize, n: i32): f64 {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let s2 = f64x2.splat(0);
  let s3 = f64x2.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const o = <usize>i << 3;
    s0 = f64x2.add(s0, f64x2.mul(v128.load(a + o), v128.load(b + o)));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(a + o + 16), v128.load(b + o + 16)));
    s2 = f64x2.add(s2, f64x2.mul(v128.load(a + o + 32), v128.load(b + o + 32)));
    s3 = f64x2.add(s3, f64x2.mul(v128.load(a + o + 48), v128.load(b + o + 48)));
  }
  const s = f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3));
  let t = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < n; i++) t += load<f64>(a + (<usize>i << 3)) * load<f64>(b + (<usize>i << 3));
  return t;
}

/** y += a·x over n values. */
@inline function axpyAt(a: f64, x: usize, y: usize, n: i32): void {
  const va = f64x2.splat(a);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(va, v128.load(x + o))));
  }
  for (; i < n; i++) store<f64>(y + (<usize>i << 3), load<f64>(y + (<usize>i << 3)) + a * load<f64>(x + (<usize>i << 3)));
}

/** For j = m−1 … 0: αⱼ = ρⱼ sⱼᵀq, then q −= αⱼ yⱼ. */
export function two_loop_backward(m: i32, table: usize, rho: usize, alpha: usize, q: usize, n: i32): void {
  for (let j = m - 1; j >= 0; j--) {
    const s = <usize>load<u32>(table + (<usize>j << 2));
    const y = <usize>load<u32>(table + (<usize>(m + j) << 2));
    const a = load<f64>(rho + (<usize>j << 3)) * dotAt(s, q, n);
    store<f64>(alpha + (<usize>j << 3), a);
    axpyAt(-a, y, q, n);
  }
}

/** For j = 0 … m−1: β = ρⱼ yⱼᵀz, then z += (αⱼ − β) sⱼ. */
export function two_loop_forward(m: i32, table: usize, rho: usize, alpha: usize, z: usize, n: i32): void {
  for (let j = 0; j < m; j++) {
    const s = <usize>load<u32>(table + (<usize>j << 2));
    const y = <usize>load<u32>(table + (<usize>(m + j) << 2));
    const beta = load<f64>(rho + (<usize>j << 3)) * dotAt(y, z, n);
    axpyAt(load<f64>(alpha + (<usize>j << 3)) - beta, s, z, n);
  }
}
