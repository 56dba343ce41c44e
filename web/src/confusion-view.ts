/**
 * The confusion matrix as a table of buttons (keyboard reachable): rows are the
 * true classes, columns the predicted; choosing a cell shows its test images.
 */
import { el } from './dom.js';

export function showConfusion(
  container: HTMLElement,
  labels: readonly string[],
  truth: Int32Array,
  predicted: Int32Array,
  onChoose: (trueClass: number, predictedClass: number, examples: number[]) => void,
): void {
  const K = labels.length;
  const cells: number[][][] = Array.from({ length: K }, () => Array.from({ length: K }, () => []));
  for (let i = 0; i < truth.length; i++) cells[truth[i]][predicted[i]].push(i);
  const table = el('table', { class: 'confusion', 'data-testid': 'confusion' });
  const head = el('tr');
  head.append(el('th', { scope: 'col' }, 'true \\ predicted'), ...labels.map((l) => el('th', { scope: 'col' }, l)));
  table.append(head);
  for (let i = 0; i < K; i++) {
    const rowTotal = cells[i].reduce((s, c) => s + c.length, 0);
    const tr = el('tr');
    tr.append(el('th', { scope: 'row' }, labels[i]));
    for (let j = 0; j < K; j++) {
      const n = cells[i][j].length;
      const f = rowTotal > 0 ? n / rowTotal : 0;
      const button = el('button', { type: 'button', 'aria-pressed': 'false', 'aria-label': `${n} test images of ${labels[i]} predicted as ${labels[j]}` }, String(n));
      // Diagonal: blue by the fraction right; off the diagonal: red, scaled up so rare mistakes show.
      button.style.background = i === j ? `rgba(31,119,180,${(0.1 + 0.8 * f).toFixed(3)})` : `rgba(214,39,40,${Math.min(0.9, f * 8).toFixed(3)})`;
      if (i === j && f > 0.6) button.style.color = '#fff';
      button.addEventListener('click', () => {
        for (const b of table.querySelectorAll('button[aria-pressed="true"]')) b.setAttribute('aria-pressed', 'false');
        button.setAttribute('aria-pressed', 'true');
        onChoose(i, j, cells[i][j]);
      });
      const td = el('td');
      td.append(button);
      tr.append(td);
    }
    table.append(tr);
  }
  container.replaceChildren(table);
}
