// Takes the README's screenshot of the playground (docs/playground.png): trains
// on 20,000 MNIST images for 5 SGD epochs, draws a 7, opens a confusion cell.
// Needs `npm run build` and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPlayground } from '../dist/src/cli/playground-server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = await startPlayground({ port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1240, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(server.url);
  await page.fill('#digits-form [name="size"]', '20000');
  await page.fill('#digits-form [name="epochs"]', '5');
  await page.click('[data-testid="train"]');
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'done', undefined, { timeout: 300_000 });
  await page.click('[data-testid="confusion"] tr:nth-child(10) td:nth-child(5) button'); // true 8, predicted 3
  await page.waitForFunction(() => /predicted as/.test(document.getElementById('cell-caption').textContent));
  const box = await page.locator('[data-testid="draw"]').boundingBox();
  const at = (x, y) => [box.x + box.width * x, box.y + box.height * y];
  const stroke = async (points) => {
    await page.mouse.move(...at(...points[0]));
    await page.mouse.down();
    for (let k = 1; k < points.length; k++) {
      const [[x0, y0], [x1, y1]] = [points[k - 1], points[k]];
      for (let t = 1; t <= 8; t++) await page.mouse.move(...at(x0 + ((x1 - x0) * t) / 8, y0 + ((y1 - y0) * t) / 8));
    }
    await page.mouse.up();
  };
  await stroke([[0.25, 0.2], [0.75, 0.2], [0.45, 0.85]]);
  await page.waitForFunction(() => /^\d$/.test(document.querySelector('[data-testid="prediction"]').textContent));
  await page.screenshot({ path: join(root, 'docs', 'playground.png'), fullPage: true });
  console.log('docs/playground.png:', await page.textContent('#status'));
} finally {
  await browser.close();
  await server.close();
}
