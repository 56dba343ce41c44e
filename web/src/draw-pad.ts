/** A canvas to draw a digit on with any pointer; reports the drawing as MNIST would store it. */
import { centreLikeMnist, SIDE } from './mnist-centre.js';

export interface DrawPad {
  clear(): void;
  /** The drawing as a 28×28 MNIST-style image (values in [0, 1]), or null when empty. */
  image(): Float64Array | null;
}

export function drawPad(canvas: HTMLCanvasElement, preview: HTMLCanvasElement, onStroke: () => void): DrawPad {
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const reset = () => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  };
  reset();
  let last: [number, number] | null = null;
  /** The 28×28 image of the drawing, recomputed only after something was drawn (the page asks after every epoch). */
  let cached: Float64Array | null = null;
  let dirty = false;
  const at = (e: PointerEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * canvas.width) / r.width, ((e.clientY - r.top) * canvas.height) / r.height];
  };
  const line = (from: [number, number], to: [number, number]) => {
    // About as thick, relative to the digit, as MNIST's pen strokes.
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = canvas.width / 14;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    if (from[0] === to[0] && from[1] === to[1]) {
      // A tap: Chromium draws no cap on a zero-length line, so the dot is a filled disc.
      ctx.fillStyle = '#fff';
      ctx.arc(from[0], from[1], ctx.lineWidth / 2, 0, 2 * Math.PI);
      ctx.fill();
    } else {
      ctx.moveTo(...from);
      ctx.lineTo(...to);
      ctx.stroke();
    }
    dirty = true;
  };
  canvas.addEventListener('pointerdown', (e) => {
    canvas.setPointerCapture(e.pointerId);
    last = at(e);
    line(last, last);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!last) return;
    const p = at(e);
    line(last, p);
    last = p;
  });
  const end = () => {
    if (!last) return;
    last = null;
    onStroke();
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  const image = (): Float64Array | null => {
    if (dirty) {
      cached = render();
      dirty = false;
    }
    return cached;
  };
  const render = (): Float64Array | null => {
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const gray = new Float64Array(width * height);
    for (let p = 0; p < gray.length; p++) gray[p] = data[4 * p] / 255;
    const x = centreLikeMnist(gray, width, height);
    const pctx = preview.getContext('2d')!;
    const img = pctx.createImageData(SIDE, SIDE);
    for (let p = 0; p < x.length; p++) img.data.set([255 * x[p], 255 * x[p], 255 * x[p], 255], 4 * p);
    pctx.putImageData(img, 0, 0);
    return x.some((v) => v > 0) ? x : null;
  };
  return {
    clear: () => {
      reset();
      dirty = true;
      image();
    },
    image,
  };
}
