/**
 * The element, row and row-selection readers of the public API on both
 * storages: the same data held dense and as CSR reads the same, whatever the
 * value type (float64, float32, bytes with a scale).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type CsrMatrix, type Matrix, csrMatrix, denseMatrix, fromRows, get, rowOf, selectRows, toCsr, type DenseMatrix } from '../src/index.js';

// 4×5 with empty rows and columns, a leading and a trailing non-zero: every case of a row's index scan.
const ROWS = [
  [0, 3, 0, 0, 7],
  [0, 0, 0, 0, 0],
  [2, 0, 0, 5, 0],
  [0, 0, 0, 0, 1],
];

function storages(): { name: string; dense: DenseMatrix; csr: CsrMatrix }[] {
  const f64 = fromRows(ROWS);
  const f32 = denseMatrix(Float32Array.from(f64.data), 4, 5);
  const bytes = denseMatrix(Uint8Array.from(f64.data, (v) => v * 10), 4, 5, 0.1);
  return [f64, f32, bytes].map((dense) => ({ name: dense.data.constructor.name, dense, csr: toCsr(dense) }));
}

test('rowOf and get read the same values from a dense matrix and its CSR copy (float64, float32, bytes with scale 0.1)', () => {
  for (const { name, dense, csr } of storages()) {
    for (let i = 0; i < ROWS.length; i++) {
      const d = rowOf(dense, i), s = rowOf(csr, i);
      assert.ok(s instanceof Float64Array, `${name}: a CSR row is a Float64Array`);
      assert.deepEqual(Array.from(s), Array.from(d), `${name}: row ${i}`);
      // Bytes scaled by 0.1 are not exact decimals: both storages apply the same scale, so they agree to the bit,
      // and the values are ROWS to within 1e-15.
      ROWS[i].forEach((v, j) => assert.ok(Math.abs(d[j] - v) <= 1e-15, `${name}: row ${i}, column ${j} is ${d[j]}, expected ${v}`));
      for (let j = 0; j < 5; j++) assert.equal(get(csr, i, j), get(dense, i, j), `${name}: element (${i}, ${j})`);
    }
  }
});

test('selectRows copies the listed rows (repeats and any order) into the same storage, for dense and CSR alike', () => {
  const pick = [3, 1, 3, 0];
  for (const { name, dense, csr } of storages()) {
    const d = selectRows(dense, pick), s = selectRows(csr, pick);
    assert.equal(d.kind, 'dense');
    assert.equal(s.kind, 'csr', `${name}: CSR rows stay CSR`);
    assert.equal(s.values.constructor, csr.values.constructor, `${name}: the value type is kept`);
    assert.equal(s.scale, csr.scale);
    assert.deepEqual([s.rows, s.cols], [4, 5]);
    for (let r = 0; r < pick.length; r++) assert.deepEqual(Array.from(rowOf(s, r)), Array.from(rowOf(d, r)), `${name}: selected row ${r}`);
  }
});

test('row and column indices outside the matrix are refused, naming the index and the range, on both storages', () => {
  const dense = fromRows(ROWS);
  for (const m of [dense, toCsr(dense)] as Matrix[]) {
    assert.throws(() => rowOf(m, 4), /row index 4 is outside 0\.\.3/, m.kind);
    assert.throws(() => rowOf(m, -1), /row index -1 is outside 0\.\.3/, m.kind);
    assert.throws(() => rowOf(m, 1.5), /row index 1\.5 is outside 0\.\.3/, m.kind);
    assert.throws(() => get(m, 0, 5), /column index 5 is outside 0\.\.4/, m.kind);
    assert.throws(() => get(m, 9, 0), /row index 9 is outside 0\.\.3/, m.kind);
    assert.throws(() => selectRows(m, [0, 4]), /row index 4 is outside 0\.\.3/, m.kind);
  }
});

test('a CSR matrix built by hand reads as the dense matrix it stands for', () => {
  // Row 0: 1.5 at column 2; row 1: empty; row 2: −4 at column 0 and 8 at column 3.
  const m = csrMatrix(3, 4, Int32Array.from([0, 1, 1, 3]), Int32Array.from([2, 0, 3]), Float64Array.from([1.5, -4, 8]));
  assert.deepEqual([0, 1, 2].map((i) => Array.from(rowOf(m, i))), [[0, 0, 1.5, 0], [0, 0, 0, 0], [-4, 0, 0, 8]]);
  assert.deepEqual([get(m, 0, 2), get(m, 0, 3), get(m, 1, 1), get(m, 2, 0), get(m, 2, 3)], [1.5, 0, 0, -4, 8]);
});
