/** Weight vectors as pictures on one diverging colour scale, with its legend. */
import { divergingLegend, divergingRgb, sharedMaxAbs } from '../../src/plot/svg.js';
import { el } from './dom.js';

const LEVELS = 255;
/** The diverging colours of −1 … +1 in 2·LEVELS + 1 steps, rgb triples. */
const LUT = Uint8Array.from({ length: 3 * (2 * LEVELS + 1) }, (_, i) => divergingRgb(Math.floor(i / 3) / LEVELS - 1)[i % 3]);

export interface Picture {
  title: string;
  values: ArrayLike<number>;
}

/** Paints `pictures` (side×side each) into `container`, reusing its canvases; the legend shows ±max|w|. */
export function showPictures(container: HTMLElement, legend: HTMLElement, pictures: Picture[], side: number, what = 'weight'): void {
  if (container.children.length !== pictures.length) {
    container.replaceChildren(
      ...pictures.map(() => {
        const figure = el('figure');
        figure.append(el('canvas', { width: String(side), height: String(side), role: 'img' }), el('figcaption'));
        return figure;
      }),
    );
  }
  const maxAbs = sharedMaxAbs(pictures.map((p) => p.values));
  pictures.forEach((p, n) => {
    const figure = container.children[n];
    const canvas = figure.querySelector('canvas')!;
    figure.querySelector('figcaption')!.textContent = p.title;
    canvas.setAttribute('aria-label', `${what}s of ${p.title}`);
    const ctx = canvas.getContext('2d')!;
    const img = ctx.createImageData(side, side);
    const px = img.data;
    const scale = maxAbs > 0 ? LEVELS / maxAbs : 0;
    for (let q = 0; q < side * side; q++) {
      // Quantized to 2·LEVELS + 1 colours: no allocation per pixel (this runs every epoch).
      const c = 3 * (LEVELS + Math.max(-LEVELS, Math.min(LEVELS, Math.round(p.values[q] * scale))));
      px[4 * q] = LUT[c];
      px[4 * q + 1] = LUT[c + 1];
      px[4 * q + 2] = LUT[c + 2];
      px[4 * q + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  });
  legend.innerHTML = divergingLegend(maxAbs, 240, what);
}

/** Grayscale images (values in [0, 1]) in a grid on one canvas, `zoom` screen pixels per image pixel. */
export function paintGray(canvas: HTMLCanvasElement, images: ArrayLike<number>[], side: number, perRow: number, zoom: number): void {
  const rows = Math.ceil(images.length / perRow);
  canvas.width = Math.min(images.length, perRow) * (side + 2);
  canvas.height = rows * (side + 2);
  canvas.style.width = `${canvas.width * zoom}px`; // height follows (CSS height: auto keeps the aspect)
  const ctx = canvas.getContext('2d')!;
  if (images.length === 0) return;
  const img = ctx.createImageData(canvas.width, canvas.height);
  img.data.fill(255);
  images.forEach((values, n) => {
    const ox = (n % perRow) * (side + 2);
    const oy = Math.floor(n / perRow) * (side + 2);
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const v = 255 - Math.round(255 * values[y * side + x]);
        const p = 4 * ((oy + y) * canvas.width + ox + x);
        img.data[p] = img.data[p + 1] = img.data[p + 2] = v;
      }
    }
  });
  ctx.putImageData(img, 0, 0);
}
