/** The live learning curves: the report's SVG line charts, redrawn after each epoch. */
import { lineChart, type Series } from '../../src/plot/svg.js';
import { type EpochEvent } from '../../src/worker/run.js';

export function drawCurves(lossBox: HTMLElement, accuracyBox: HTMLElement, epochs: readonly EpochEvent[], xLabel: string): void {
  const pick = (name: string, f: (e: EpochEvent) => number | null | undefined): Series => ({
    name,
    points: epochs.flatMap((e) => {
      const v = f(e);
      return v === null || v === undefined || !Number.isFinite(v) ? [] : [[e.record.epoch, v] as const];
    }),
  });
  const keep = (s: Series[]) => s.filter((x) => x.points.length > 0);
  lossBox.innerHTML = lineChart(
    keep([pick('train', (e) => e.record.trainLoss), pick('validation', (e) => e.record.valLoss), pick('test', (e) => e.test?.crossEntropy)]),
    { title: 'Loss (cross-entropy)', xLabel, yLabel: 'loss', width: 540, height: 300, integerX: true },
  );
  accuracyBox.innerHTML = lineChart(
    keep([pick('train', (e) => e.record.trainAccuracy), pick('validation', (e) => e.record.valAccuracy), pick('test', (e) => e.test?.accuracy)]),
    { title: 'Accuracy', xLabel, yLabel: 'accuracy', width: 540, height: 300, integerX: true },
  );
  lossBox.dataset.points = String(epochs.length);
  accuracyBox.dataset.points = String(epochs.length);
}
