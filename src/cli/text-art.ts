import { type DenseMatrix } from '../data/dense.js';

const SHADES = ' .:-=+*#%@';

/**
 * Draws images (rows of X, each height×width) as text, side by side, with
 * one character per pixel column and two pixel rows per line (terminal
 * cells are about twice as tall as wide).
 */
export function imagesAsText(
  X: DenseMatrix,
  rows: number[],
  height: number,
  width: number,
  captions: string[],
  maxColumns = 80,
): string {
  const gap = 2;
  const perLine = Math.max(1, Math.floor((maxColumns + gap) / (width + gap)));
  const blocks: string[] = [];
  for (let start = 0; start < rows.length; start += perLine) {
    const group = rows.slice(start, start + perLine);
    const lines: string[] = [];
    lines.push(group.map((_, g) => captions[start + g].slice(0, width).padEnd(width)).join(' '.repeat(gap)));
    for (let r = 0; r < height; r += 2) {
      lines.push(
        group
          .map((i) => {
            let s = '';
            for (let c = 0; c < width; c++) {
              const a = X.data[i * X.cols + r * width + c] * X.scale;
              const b = r + 1 < height ? X.data[i * X.cols + (r + 1) * width + c] * X.scale : 0;
              const v = Math.max(0, Math.min(1, (a + b) / 2));
              s += SHADES[Math.min(SHADES.length - 1, Math.floor(v * SHADES.length))];
            }
            return s;
          })
          .join(' '.repeat(gap))
          .trimEnd(),
      );
    }
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}
