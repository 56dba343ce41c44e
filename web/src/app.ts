/** The playground page: three tabs (keyboard: the arrow keys move between them, Home and End to the first and last). */
import { setupDigits } from './digits.js';
import { setupLearningCurve } from './learning-curve.js';
import { setupText } from './text-tab.js';

function setupTabs(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select = (tab: HTMLButtonElement) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute('aria-controls')!)!.hidden = !on;
    }
    tab.focus();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (e) => {
      const next = { ArrowRight: (i + 1) % tabs.length, ArrowLeft: (i + tabs.length - 1) % tabs.length, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault(); // Home and End would otherwise also scroll the page
      select(tabs[next]);
    });
  });
}

setupTabs();
setupDigits();
setupLearningCurve();
setupText();
