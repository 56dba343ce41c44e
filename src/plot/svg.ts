/**
 * Small SVG charts written as strings: no DOM, so they render the same in
 * Node (for reports) and in a browser.
 */

export interface Series {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
  color?: string;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** Logarithmic x axis (e.g. training-set sizes). */
  logX?: boolean;
  /** x takes integer values only (epochs): no fractional ticks (default: when every x is an integer). */
  integerX?: boolean;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A line chart with markers, axes, ticks and a legend. */
export function lineChart(series: readonly Series[], o: LineChartOptions): string {
  const W = o.width ?? 520;
  const H = o.height ?? 320;
  // The legend sits in its own rows between the title and the plot, so it never covers a curve.
  const legend = legendLayout(series.map((s) => s.name), W - 64 - 32);
  const m = { left: 64, right: 32, top: 32 + legend.height, bottom: 48 };
  const pts = series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const fx = o.logX ? Math.log10 : (x: number) => x;
  const integerX = o.integerX ?? pts.every(([x]) => Number.isInteger(x));
  const xs = pts.map(([x]) => fx(x));
  const ys = pts.map(([, y]) => y);
  let [x0, x1] = extent(xs);
  let [y0, y1] = extent(ys);
  if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
  if (y0 === y1) [y0, y1] = [y0 - 0.5, y1 + 0.5];
  const pad = (y1 - y0) * 0.05;
  y0 -= pad;
  y1 += pad;
  const sx = (x: number) => m.left + ((fx(x) - x0) / (x1 - x0)) * (W - m.left - m.right);
  const sy = (y: number) => H - m.bottom - ((y - y0) / (y1 - y0)) * (H - m.top - m.bottom);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  out.push(`<text x="${W / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(o.title)}</text>`);
  // Axes and ticks.
  const yTicks = niceTicks(y0, y1, 5);
  for (const t of yTicks) {
    out.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${sy(t)}" y2="${sy(t)}" stroke="#eee"/>`);
    out.push(`<text x="${m.left - 6}" y="${sy(t) + 4}" text-anchor="end">${fmtTick(t)}</text>`);
  }
  const xTickValues = o.logX ? logTicks(10 ** x0, 10 ** x1) : niceTicks(x0, x1, 6).filter((t) => !integerX || Number.isInteger(t));
  for (const t of xTickValues) {
    out.push(`<line x1="${sx(t)}" x2="${sx(t)}" y1="${H - m.bottom}" y2="${H - m.bottom + 4}" stroke="#333"/>`);
    out.push(`<text x="${sx(t)}" y="${H - m.bottom + 16}" text-anchor="middle">${fmtTick(t)}</text>`);
  }
  out.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${H - m.bottom}" y2="${H - m.bottom}" stroke="#333"/>`);
  out.push(`<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${H - m.bottom}" stroke="#333"/>`);
  out.push(`<text x="${(m.left + W - m.right) / 2}" y="${H - 10}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`);
  out.push(`<text transform="translate(14 ${(m.top + H - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(o.yLabel)}</text>`);
  // Lines, markers, legend.
  series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    const p = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    if (p.length > 0) {
      const d = p.map(([x, y], j) => `${j ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join('');
      out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>`);
      if (p.length <= 60) for (const [x, y] of p) out.push(`<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="2.5" fill="${color}"/>`);
    }
    const [lx, ly] = legend.at[i];
    out.push(`<rect x="${m.left + lx}" y="${26 + ly}" width="14" height="3" fill="${color}"/>`);
    out.push(`<text x="${m.left + lx + 18}" y="${31 + ly}">${escapeXml(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}

/**
 * A grid of images on one diverging scale, e.g. the 10 weight vectors as 28×28
 * pictures: blue for negative, red for positive, white for zero, the scale
 * ±max|v| over all images (so the images compare), drawn as a legend below.
 */
export function imageGrid(
  images: ReadonlyArray<{ title: string; values: ArrayLike<number> }>,
  height: number,
  width: number,
  pixel = 4,
  legendLabel = 'weight',
): string {
  const cellW = width * pixel;
  const cellH = height * pixel + 18;
  const cols = Math.min(5, images.length);
  const rowsN = Math.ceil(images.length / cols);
  const W = Math.max(cols * (cellW + 10), 280);
  const gridH = rowsN * (cellH + 10);
  const H = gridH + 44;
  const maxAbs = sharedMaxAbs(images.map((img) => img.values));
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12" shape-rendering="crispEdges">`];
  images.forEach((img, n) => {
    const ox = (n % cols) * (cellW + 10);
    const oy = Math.floor(n / cols) * (cellH + 10);
    out.push(`<text x="${ox + cellW / 2}" y="${oy + 13}" text-anchor="middle">${escapeXml(img.title)}</text>`);
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        const v = maxAbs > 0 ? img.values[r * width + c] / maxAbs : 0;
        out.push(`<rect x="${ox + c * pixel}" y="${oy + 18 + r * pixel}" width="${pixel}" height="${pixel}" fill="${diverging(v)}"/>`);
      }
    }
  });
  out.push(`<g transform="translate(0 ${gridH})">${divergingLegend(maxAbs, 240, legendLabel)}</g>`);
  out.push('</svg>');
  return out.join('\n');
}

/** max |v| over several arrays (the half-width of a shared diverging scale). */
export function sharedMaxAbs(arrays: ReadonlyArray<ArrayLike<number>>): number {
  let m = 0;
  for (const a of arrays) for (let p = 0; p < a.length; p++) m = Math.max(m, Math.abs(a[p]));
  return m;
}

/** A confusion matrix as a heat map with counts; rows true class, columns predicted class. */
export function confusionChart(matrix: ReadonlyArray<ArrayLike<number>>, labels: readonly string[], title: string): string {
  const K = labels.length;
  const cell = 40;
  const left = 70;
  const top = 60;
  const W = left + K * cell + 20;
  const H = top + K * cell + 20;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`];
  out.push(`<text x="${W / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(title)}</text>`);
  out.push(`<text x="${left + (K * cell) / 2}" y="34" text-anchor="middle">predicted</text>`);
  out.push(`<text transform="translate(14 ${top + (K * cell) / 2}) rotate(-90)" text-anchor="middle">true</text>`);
  for (let i = 0; i < K; i++) {
    let rowSum = 0;
    for (let j = 0; j < K; j++) rowSum += matrix[i][j];
    out.push(`<text x="${left - 6}" y="${top + i * cell + cell / 2 + 4}" text-anchor="end">${escapeXml(labels[i])}</text>`);
    out.push(`<text x="${left + i * cell + cell / 2}" y="${top - 6}" text-anchor="middle">${escapeXml(labels[i])}</text>`);
    for (let j = 0; j < K; j++) {
      const f = rowSum > 0 ? matrix[i][j] / rowSum : 0;
      const fill = i === j ? `rgba(31,119,180,${(0.15 + 0.85 * f).toFixed(3)})` : `rgba(214,39,40,${Math.min(1, f * 8).toFixed(3)})`;
      out.push(`<rect x="${left + j * cell}" y="${top + i * cell}" width="${cell}" height="${cell}" fill="${fill}" stroke="#fff"/>`);
      out.push(`<text x="${left + j * cell + cell / 2}" y="${top + i * cell + cell / 2 + 4}" text-anchor="middle">${matrix[i][j]}</text>`);
    }
  }
  out.push('</svg>');
  return out.join('\n');
}

/** Legend entries left to right, wrapping to a new row when `width` is full: offsets and total height. */
function legendLayout(names: readonly string[], width: number): { at: Array<[number, number]>; height: number } {
  const at: Array<[number, number]> = [];
  let x = 0;
  let y = 0;
  for (const name of names) {
    const w = 18 + name.length * 6.5 + 16; // swatch, text at ~6.5 px per character (11 px sans-serif), gap
    if (x > 0 && x + w > width) {
      x = 0;
      y += 15;
    }
    at.push([x, y]);
    x += w;
  }
  return { at, height: names.length ? y + 15 : 0 };
}

/**
 * The diverging colour of v ∈ [−1, 1]: blue (33,102,172) at −1, white at 0,
 * red (178,24,43) at +1, mixed linearly in |v|. Shared by the report's SVG
 * weight images and the playground's canvases.
 */
export function divergingRgb(v: number): [number, number, number] {
  const t = Math.min(1, Math.abs(v));
  const [r, g, b] = v < 0 ? [33, 102, 172] : [178, 24, 43];
  const mix = (c: number) => Math.round(255 + (c - 255) * t);
  return [mix(r), mix(g), mix(b)];
}

/**
 * The legend of the diverging scale: a colour bar from −max to +max with three
 * labelled ticks (−max, 0, +max), `width` pixels wide.
 */
export function divergingLegend(maxAbs: number, width = 240, label = 'weight'): string {
  const H = 40;
  const steps = 32;
  const pad = 30; // room for the end labels, centred on the bar's ends
  const m = Number(maxAbs.toPrecision(3));
  // All-zero weights (before training) have no sign: the ends read 0, not −0 and +0.
  const end = (sign: string) => (m > 0 ? `${sign}${fmtTick(m)}` : '0');
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width + 2 * pad}" height="${H}" viewBox="0 0 ${width + 2 * pad} ${H}" font-family="sans-serif" font-size="11" role="img" aria-label="${escapeXml(`colour scale of the ${label}: blue ${end('−')}, white 0, red ${end('+')}`)}">`];
  for (let i = 0; i < steps; i++) {
    const [r, g, b] = divergingRgb(-1 + (2 * (i + 0.5)) / steps);
    out.push(`<rect x="${pad + (i * width) / steps}" y="4" width="${width / steps + 0.5}" height="12" fill="rgb(${r},${g},${b})"/>`);
  }
  out.push(`<rect x="${pad}" y="4" width="${width}" height="12" fill="none" stroke="#888"/>`);
  const ticks: Array<[number, string]> = [[0, end('−')], [width / 2, `0 ${label}`], [width, end('+')]];
  for (const [x, text] of ticks) {
    out.push(`<line x1="${pad + x}" x2="${pad + x}" y1="16" y2="20" stroke="#333"/>`);
    out.push(`<text x="${pad + x}" y="32" text-anchor="middle">${escapeXml(text)}</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

function diverging(v: number): string {
  const [r, g, b] = divergingRgb(v);
  return `rgb(${r},${g},${b})`;
}


function extent(v: number[]): [number, number] {
  if (v.length === 0) return [0, 1];
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of v) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const f of [1, 2, 5]) {
      const t = f * 10 ** e;
      if (t >= lo * 0.999 && t <= hi * 1.001) ticks.push(t);
    }
  }
  return ticks;
}

export function fmtTick(t: number): string {
  if (Math.abs(t) >= 1000) return t.toLocaleString('en-US');
  return Number(t.toPrecision(6)).toString();
}
