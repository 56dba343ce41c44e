/**
 * A drawing made to look like an MNIST digit, as LeCun et al. prepared theirs:
 * the digit's bounding box is scaled (keeping its aspect ratio, averaging over
 * areas, which anti-aliases) so its longer side is 20 pixels, then placed in a
 * 28×28 image with its centre of mass at the centre (14, 14).
 */
export const SIDE = 28;
const BOX = 20;

/**
 * gray: w×h intensities in [0, 1] (row-major, ink high). Returns 28×28 values
 * in [0, 1]; all zeros when nothing is drawn (no value above `threshold`).
 */
export function centreLikeMnist(gray: ArrayLike<number>, w: number, h: number, threshold = 0.05): Float64Array {
  const out = new Float64Array(SIDE * SIDE);
  let [x0, y0, x1, y1] = [w, h, -1, -1];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (gray[y * w + x] > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return out;
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const s = BOX / Math.max(bw, bh);
  const tw = Math.max(1, Math.round(bw * s));
  const th = Math.max(1, Math.round(bh * s));
  // Separable area averaging: rows first (bh × tw), then columns (th × tw).
  const colWeights = areaWeights(bw, tw);
  const rowWeights = areaWeights(bh, th);
  const tmp = new Float64Array(bh * tw);
  for (let y = 0; y < bh; y++) {
    for (let u = 0; u < tw; u++) {
      let acc = 0;
      for (const [i, wt] of colWeights[u]) acc += wt * gray[(y0 + y) * w + x0 + i];
      tmp[y * tw + u] = acc;
    }
  }
  const small = new Float64Array(th * tw);
  for (let v = 0; v < th; v++) {
    for (let u = 0; u < tw; u++) {
      let acc = 0;
      for (const [j, wt] of rowWeights[v]) acc += wt * tmp[j * tw + u];
      small[v * tw + u] = acc;
    }
  }
  // Centre of mass of the small image, pixel centres at index + ½.
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let v = 0; v < th; v++) {
    for (let u = 0; u < tw; u++) {
      const m = small[v * tw + u];
      mass += m;
      mx += (u + 0.5) * m;
      my += (v + 0.5) * m;
    }
  }
  const ox = Math.round(SIDE / 2 - mx / mass);
  const oy = Math.round(SIDE / 2 - my / mass);
  for (let v = 0; v < th; v++) {
    for (let u = 0; u < tw; u++) {
      const X = u + ox;
      const Y = v + oy;
      if (X >= 0 && X < SIDE && Y >= 0 && Y < SIDE) out[Y * SIDE + X] = Math.min(1, small[v * tw + u]);
    }
  }
  return out;
}

/**
 * Weights that average n source pixels down (or up) to m: target pixel u covers
 * source interval [u·n/m, (u+1)·n/m); each source pixel i counts by its overlap
 * with that interval divided by the interval's length.
 */
function areaWeights(n: number, m: number): Array<Array<[number, number]>> {
  const step = n / m;
  const out: Array<Array<[number, number]>> = [];
  for (let u = 0; u < m; u++) {
    const a = u * step;
    const b = (u + 1) * step;
    const row: Array<[number, number]> = [];
    for (let i = Math.floor(a); i < Math.min(n, Math.ceil(b)); i++) {
      const overlap = Math.min(b, i + 1) - Math.max(a, i);
      if (overlap > 0) row.push([i, overlap / step]);
    }
    out.push(row);
  }
  return out;
}
