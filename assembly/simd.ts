// SIMD helpers shared by the kernel modules (assembly/linear.ts,
// assembly/layers.ts): T is the lane type, f32 (f32x4) or f64 (f64x2); V a
// stored input type (u8, f32, f64) read as T.

@inline export function lanes<T>(): i32 {
  return sizeof<T>() == 4 ? 4 : 2;
}

@inline export function vzero(): v128 {
  return i64x2.splat(0);
}

@inline export function vsplat<T>(x: T): v128 {
  if (sizeof<T>() == 4) return f32x4.splat(<f32>x);
  return f64x2.splat(<f64>x);
}

@inline export function vadd<T>(a: v128, b: v128): v128 {
  if (sizeof<T>() == 4) return f32x4.add(a, b);
  return f64x2.add(a, b);
}

@inline export function vmuladd<T>(acc: v128, a: v128, b: v128): v128 {
  // Built with relaxed SIMD: one fused multiply-add where the hardware has it.
  if (ASC_FEATURE_RELAXED_SIMD) {
    if (sizeof<T>() == 4) return f32x4.relaxed_madd(a, b, acc);
    return f64x2.relaxed_madd(a, b, acc);
  }
  if (sizeof<T>() == 4) return f32x4.add(acc, f32x4.mul(a, b));
  return f64x2.add(acc, f64x2.mul(a, b));
}

// acc + a·b as a multiply then an add (two roundings), whatever the build.
@inline export function vmuladdSeparate<T>(acc: v128, a: v128, b: v128): v128 {
  if (sizeof<T>() == 4) return f32x4.add(acc, f32x4.mul(a, b));
  return f64x2.add(acc, f64x2.mul(a, b));
}

@inline export function rowOf(rows: usize, r: i32): i32 {
  return rows ? load<i32>(rows + (<usize>r << 2)) : r;
}

@inline export function valueAt<V, T>(values: usize, p: i32): T {
  return <T>load<V>(values + (<usize>p << alignof<V>()));
}

// The square of a stored value, squared in float64 and then read as T (as a
// float64 copy of the squared values would be): no squared copy of the data.
@inline export function squareAt<V, T>(values: usize, p: i32): T {
  const v = <f64>load<V>(values + (<usize>p << alignof<V>()));
  return <T>(v * v);
}
