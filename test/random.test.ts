import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../src/random.js';

test('same seed, same stream; different seeds, different streams', () => {
  const a = new Random(42);
  const b = new Random(42);
  const c = new Random(43);
  const sa = Array.from({ length: 20 }, () => a.nextUint32());
  assert.deepEqual(sa, Array.from({ length: 20 }, () => b.nextUint32()));
  assert.notDeepEqual(sa, Array.from({ length: 20 }, () => c.nextUint32()));
});

test('uniforms lie in [0, 1) with mean near 1/2; normals have mean 0 and variance 1', () => {
  const r = new Random(1);
  const n = 100000;
  let s = 0;
  let m = 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const u = r.next();
    assert.ok(u >= 0 && u < 1);
    s += u;
    const z = r.normal();
    m += z;
    v += z * z;
  }
  // Standard errors: uniform mean 1/sqrt(12n) ≈ 0.0009, normal mean 1/sqrt(n) ≈ 0.003, variance sqrt(2/n) ≈ 0.0045; 5 SE bounds.
  assert.ok(Math.abs(s / n - 0.5) < 0.0046);
  assert.ok(Math.abs(m / n) < 0.016);
  assert.ok(Math.abs(v / n - 1) < 0.023);
});

test('a permutation holds every index once', () => {
  const p = new Random(3).permutation(1000);
  assert.deepEqual(Array.from(p).sort((x, y) => x - y), Array.from({ length: 1000 }, (_, i) => i));
  assert.notDeepEqual(Array.from(p.subarray(0, 10)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});
