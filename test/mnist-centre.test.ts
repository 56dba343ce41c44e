/** The playground's drawing preprocessing: bounding box to 20 pixels, centre of mass at (14, 14). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centreLikeMnist, SIDE } from '../web/src/mnist-centre.js';

/** A w×h canvas with ink 1 in the rectangle [x0, x1) × [y0, y1). */
function rect(w: number, h: number, x0: number, x1: number, y0: number, y1: number): Float64Array {
  const g = new Float64Array(w * h);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) g[y * w + x] = 1;
  return g;
}

function stats(img: Float64Array) {
  let mass = 0, mx = 0, my = 0;
  let [x0, y0, x1, y1] = [SIDE, SIDE, -1, -1];
  for (let y = 0; y < SIDE; y++) for (let x = 0; x < SIDE; x++) {
    const v = img[y * SIDE + x];
    if (v <= 0) continue;
    mass += v; mx += (x + 0.5) * v; my += (y + 0.5) * v;
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  return { mass, cx: mx / mass, cy: my / mass, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

test('a tall stroke in a corner becomes 20 pixels tall, keeps its aspect ratio, and is centred by mass', () => {
  // 40×160 bar at the top left of a 280×280 canvas: scale 20/160 = 1/8 → 5×20 pixels of full ink.
  const img = centreLikeMnist(rect(280, 280, 10, 50, 5, 165), 280, 280);
  const s = stats(img);
  assert.equal(s.height, 20);
  assert.equal(s.width, 5);
  // Mass: 5·20 = 100 pixels of ink 1 (area averaging keeps the mean ink).
  assert.ok(Math.abs(s.mass - 100) < 1e-9, `mass ${s.mass}`);
  // Integer placement: the centre of mass is within half a pixel of 14.
  assert.ok(Math.abs(s.cx - 14) <= 0.5 && Math.abs(s.cy - 14) <= 0.5, `centre (${s.cx}, ${s.cy})`);
});

test('area averaging anti-aliases: ink covering half of a target pixel gives ink 1/2', () => {
  // Box 160×160: two 4-pixel-wide bars at the box's left and right edges, scale 20/160 = 1/8.
  // Target columns 0 and 19 cover source columns [0, 8) and [152, 160), half inked → 4/8 = 0.5
  // in each of their 20 rows; the columns between get no ink.
  const g = rect(280, 280, 50, 54, 60, 220);
  const right = rect(280, 280, 206, 210, 60, 220);
  for (let p = 0; p < g.length; p++) g[p] += right[p];
  const values = [...centreLikeMnist(g, 280, 280)].filter((v) => v > 0);
  assert.equal(values.length, 40);
  for (const v of values) assert.ok(Math.abs(v - 0.5) < 1e-12, `bar ink ${v}`);
});

test('an empty drawing gives an empty image', () => {
  assert.ok(centreLikeMnist(new Float64Array(100), 10, 10).every((v) => v === 0));
});
