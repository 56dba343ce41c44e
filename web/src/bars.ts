/** Class probabilities as horizontal bars, the most probable in bold. */
import { el } from './dom.js';

export function showBars(container: HTMLElement, labels: readonly string[], probabilities: ArrayLike<number>): void {
  let top = 0;
  for (let k = 1; k < labels.length; k++) if (probabilities[k] > probabilities[top]) top = k;
  container.replaceChildren(
    ...labels.flatMap((label, k) => {
      const p = probabilities[k];
      const bar = el('div', { class: 'bar', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '1', 'aria-valuenow': p.toFixed(4), 'aria-label': `probability of ${label}` });
      const fill = el('span');
      fill.style.width = `${(100 * p).toFixed(1)}%`;
      bar.append(fill);
      const cls = k === top ? 'top' : '';
      return [el('span', { class: cls }, label), bar, el('span', { class: cls, 'data-testid': 'probability', 'data-value': String(p) }, p.toFixed(3))];
    }),
  );
}
