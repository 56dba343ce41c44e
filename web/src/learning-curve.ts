/**
 * The Learning-curve tab: train and test accuracy against the number of
 * training images, each size trained in the worker, one after the other.
 */
import { lineChart } from '../../src/plot/svg.js';
import { type OptimizerName } from '../../src/train/options.js';
import { trainInWorker } from '../../src/worker/browser.js';
import { type TrainingRun, type WorkerTrainResult } from '../../src/worker/run.js';
import { byId, el, field, integerList, lockSettings, numberField, warn } from './dom.js';
import { trainingWorker } from './digits.js';
import { type MnistSource } from './mnist-data.js';

interface Point {
  size: number;
  train: number;
  test: number;
  seconds: number;
}

export function setupLearningCurve(): void {
  const form = byId<HTMLFormElement>('curve-form');
  const status = byId('curve-status');
  const bar = byId<HTMLProgressElement>('curve-progress');
  const stop = byId<HTMLButtonElement>('curve-stop');
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  let current: TrainingRun | null = null;
  let stopped = false;
  stop.addEventListener('click', () => {
    stopped = true;
    current?.cancel();
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    let sizes: number[];
    let epochs: number;
    try {
      sizes = integerList(field(form, 'sizes'), 'Training-set sizes');
      if (sizes.some((s) => s > 60000 || s < 20)) throw new Error('Training-set sizes: each between 20 and 60,000');
      epochs = numberField(form, 'epochs', { integer: true, min: 1 }) ?? 5;
    } catch (err) {
      status.textContent = (err as Error).message;
      return;
    }
    const optimizer = field(form, 'optimizer') as OptimizerName;
    sizes = [...new Set(sizes)].sort((a, b) => a - b);
    submit.disabled = true;
    lockSettings(form, true);
    stop.disabled = false;
    stopped = false;
    const points: Point[] = [];
    try {
      for (const [n, size] of sizes.entries()) {
        if (stopped) break;
        status.textContent = `Training on ${size.toLocaleString('en-US')} images (${n + 1} of ${sizes.length})…`;
        const budget = optimizer === 'lbfgs' ? { maxIter: epochs * 10, C: 10 } : { maxEpochs: epochs };
        const source: MnistSource = { kind: 'mnist', size, validation: false };
        let testAccuracy = NaN;
        current = trainInWorker({ source }, { optimizer, ...budget }, { worker: trainingWorker(), snapshots: false });
        // Without validation the model returned is the last epoch's: its test accuracy is that epoch's.
        current.on('epoch', (ev) => {
          testAccuracy = ev.test?.accuracy ?? NaN;
        });
        current.on('warning', warn);
        current.on('progress', (p) => {
          bar.value = (n + Math.min(1, (p.epoch - 1 + p.fraction) / (optimizer === 'lbfgs' ? epochs * 10 : epochs))) / sizes.length;
        });
        let r: WorkerTrainResult;
        try {
          r = await current.done;
        } catch (err) {
          // Without cross-origin isolation Stop ends the worker, which had sent no model (no snapshots): stopped, not failed.
          if (stopped) break;
          throw err;
        }
        // A run cut short by Stop trained fewer epochs than the others: not a point of this curve.
        if (r.stopReason === 'cancelled') break;
        points.push({ size, train: r.history.at(-1)!.trainAccuracy, test: testAccuracy, seconds: r.seconds });
        draw(points);
        bar.value = (n + 1) / sizes.length;
      }
      const count = `${points.length} size${points.length === 1 ? '' : 's'}`;
      status.textContent = stopped ? `Stopped: ${count} computed (a size cut short by Stop is left out).` : `Done: ${count}.`;
    } catch (err) {
      status.textContent = `Failed: ${(err as Error).message}`;
    } finally {
      current = null;
      lockSettings(form, false);
      submit.disabled = false;
      stop.disabled = true;
    }
  });
}

function draw(points: Point[]): void {
  byId('curve-chart').innerHTML = lineChart(
    [
      { name: 'train', points: points.map((p) => [p.size, p.train] as const) },
      { name: 'test', points: points.map((p) => [p.size, p.test] as const) },
    ],
    { title: 'Accuracy against training-set size', xLabel: 'training images', yLabel: 'accuracy', logX: true, width: 640, height: 340 },
  );
  const table = byId('curve-table');
  const head = el('tr');
  head.append(...['training images', 'train accuracy', 'test accuracy', 'seconds'].map((h) => el('th', { scope: 'col' }, h)));
  table.replaceChildren(
    head,
    ...points.map((p) => {
      const tr = el('tr');
      tr.append(el('td', {}, p.size.toLocaleString('en-US')), el('td', {}, p.train.toFixed(4)), el('td', {}, p.test.toFixed(4)), el('td', {}, p.seconds.toFixed(2)));
      return tr;
    }),
  );
}
