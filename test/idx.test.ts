import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeIdx, parseIdx } from '../src/data/idx.js';
import { loadIdxPair } from '../src/data/mnist.js';
import { scratchDir } from './support/scratch-dir.js';

const images = Uint8Array.from({ length: 2 * 3 * 2 }, (_, i) => i * 10);

test('IDX round trip: magic, big-endian dimensions, row-major data', () => {
  const bytes = encodeIdx([2, 3, 2], images);
  // Header: 00 00 08 03, then 2, 3, 2 as big-endian uint32.
  assert.deepEqual(Array.from(bytes.subarray(0, 8)), [0, 0, 8, 3, 0, 0, 0, 2]);
  const a = parseIdx(bytes);
  assert.deepEqual(a.shape, [2, 3, 2]);
  assert.deepEqual(Array.from(a.data), Array.from(images));
});

test('IDX int32 and float64 elements are read big-endian', () => {
  const bytes = new Uint8Array(4 + 4 + 2 * 8);
  const v = new DataView(bytes.buffer);
  bytes[2] = 0x0e;
  bytes[3] = 1;
  v.setUint32(4, 2, false);
  v.setFloat64(8, -1.5, false);
  v.setFloat64(16, 1e300, false);
  assert.deepEqual(Array.from(parseIdx(bytes).data), [-1.5, 1e300]);
  bytes[2] = 0x0c;
  const ints = new Uint8Array(4 + 4 + 8);
  ints.set([0, 0, 0x0c, 1, 0, 0, 0, 2]);
  new DataView(ints.buffer).setInt32(8, -7, false);
  new DataView(ints.buffer).setInt32(12, 123456789, false);
  assert.deepEqual(Array.from(parseIdx(ints).data), [-7, 123456789]);
});

test('IDX errors name the source and what is wrong', () => {
  const good = encodeIdx([2, 3, 2], images);
  const wrongMagic = Uint8Array.from(good);
  wrongMagic[0] = 0x1f;
  assert.throws(() => parseIdx(wrongMagic, 'x.idx'), /x\.idx: not an IDX file: magic number 1f 00 08 03/);
  const badType = Uint8Array.from(good);
  badType[2] = 0x42;
  assert.throws(() => parseIdx(badType, 'x.idx'), /x\.idx: unknown IDX element type 0x42/);
  assert.throws(() => parseIdx(good.subarray(0, good.length - 1), 'x.idx'), /x\.idx: truncated: header says 2×3×2 uint8 values \(28 bytes\), file has 27 bytes/);
  assert.throws(() => parseIdx(good.subarray(0, 6), 'x.idx'), /x\.idx: truncated header/);
  assert.throws(() => parseIdx(new Uint8Array(2), 'x.idx'), /shorter than the 4-byte magic number/);
  const extra = new Uint8Array(good.length + 3);
  extra.set(good);
  assert.throws(() => parseIdx(extra, 'x.idx'), /3 unexpected bytes after/);
});

test('an image/label file pair must agree in count, and labels must be digits', () => {
  const dir = scratchDir('argmax-idx-');
  writeFileSync(join(dir, 'img'), encodeIdx([2, 3, 2], images));
  writeFileSync(join(dir, 'lab3'), encodeIdx([3], Uint8Array.from([1, 2, 3])));
  writeFileSync(join(dir, 'lab2'), encodeIdx([2], Uint8Array.from([1, 2])));
  writeFileSync(join(dir, 'bad'), encodeIdx([2], Uint8Array.from([1, 12])));
  assert.throws(() => loadIdxPair(join(dir, 'img'), join(dir, 'lab3')), /lab3: has 3 labels but .*img has 2 images/);
  assert.throws(() => loadIdxPair(join(dir, 'img'), join(dir, 'bad')), /bad: label 12 of example 1 is not a digit/);
  const ds = loadIdxPair(join(dir, 'img'), join(dir, 'lab2'));
  assert.deepEqual([ds.X.rows, ds.X.cols, ds.X.scale], [2, 6, 1 / 255]);
  assert.deepEqual(Array.from(ds.y), [1, 2]);
});
