/** The chart module shared by the static report and the playground. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { divergingLegend, divergingRgb, imageGrid, lineChart } from '../src/plot/svg.js';

test('line-chart legend sits above the plot area, so it cannot cover a curve', () => {
  // Accuracy curves rise to the top right, where the legend used to be drawn.
  const svg = lineChart(
    [
      { name: 'train', points: [[1, 0.8], [2, 0.9], [3, 0.99]] },
      { name: 'validation', points: [[1, 0.79], [2, 0.88], [3, 0.97]] },
    ],
    { title: 'Accuracy', xLabel: 'epoch', yLabel: 'accuracy' },
  );
  // The y axis is the tallest vertical dark line (the others are x ticks); its top is the plot area's top.
  const verticals = [...svg.matchAll(/<line x1="([\d.]+)" x2="\1" y1="([\d.]+)" y2="([\d.]+)" stroke="#333"\/>/g)];
  const plotTop = Math.min(...verticals.map((m) => Number(m[2])));
  for (const name of ['train', 'validation']) {
    const y = Number(new RegExp(`<text x="[\\d.]+" y="([\\d.]+)">${name}</text>`).exec(svg)![1]);
    assert.ok(y < plotTop, `legend entry ${name} at y = ${y}, inside the plot area starting at ${plotTop}`);
  }
  // Every marker lies inside the plot area.
  for (const m of svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)) assert.ok(Number(m[1]) >= plotTop);
});

test('epoch axes get integer ticks only', () => {
  const svg = lineChart([{ name: 'loss', points: [[1, 0.5], [2, 0.4], [3, 0.35]] }], { title: 't', xLabel: 'epoch', yLabel: 'loss' });
  const xTicks = [...svg.matchAll(/<text x="[\d.]+" y="\d+" text-anchor="middle">([^<]+)<\/text>/g)].map((m) => m[1]);
  assert.ok(xTicks.length >= 2);
  for (const t of xTicks.filter((t) => /^[\d.]+$/.test(t))) assert.ok(Number.isInteger(Number(t)), `tick ${t}`);
});

test('weight images share one diverging scale, shown by a legend of ±max|w|', () => {
  const svg = imageGrid([{ title: 'a', values: [0.5, -2] }, { title: 'b', values: [1, 0] }], 1, 2);
  // max|w| = 2: 0.5 → a quarter of the way to red, −2 → full blue, 1 → halfway to red, 0 → white.
  const fills = [...svg.matchAll(/<rect x="\d+" y="\d+" width="4" height="4" fill="rgb\((\d+),(\d+),(\d+)\)"/g)].map((m) => m.slice(1).map(Number));
  assert.deepEqual(fills, [divergingRgb(0.25), divergingRgb(-1), divergingRgb(0.5), divergingRgb(0)]);
  assert.deepEqual(divergingRgb(0), [255, 255, 255]);
  assert.deepEqual(divergingRgb(-1), [33, 102, 172]);
  assert.match(svg, />−2</);
  assert.match(svg, />\+2</);
});

test('divergingLegend: its ends read −m and +m for weights up to m, and 0 (never −0 or +0) for all-zero weights', () => {
  const trained = divergingLegend(1.63);
  assert.match(trained, />−1\.63</);
  assert.match(trained, />\+1\.63</);
  const untrained = divergingLegend(0);
  assert.doesNotMatch(untrained, /[−+]0\b/, 'no signed zero in the text or the aria-label');
  assert.equal(untrained.match(/>0</g)?.length, 2, 'both ends read 0');
  assert.match(untrained, /aria-label="colour scale of the weight: blue 0, white 0, red 0"/);
});
