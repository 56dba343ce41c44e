/**
 * The Digits tab: train on an MNIST subset in a worker and watch the curves,
 * the weight images and the confusion matrix; draw a digit to classify it.
 */
import { denseMatrix } from '../../src/data/dense.js';
import { referenceKernels } from '../../src/kernels/reference.js';
import { LinearModel } from '../../src/model/linear-model.js';
import { NetworkModel } from '../../src/model/network-model.js';
import { type OptimizerName } from '../../src/train/options.js';
import { trainInWorker } from '../../src/worker/browser.js';
import { type EpochEvent, type InWorkerOptions, type TrainingRun, type WorkerTrainResult } from '../../src/worker/run.js';
import { showBars } from './bars.js';
import { drawCurves } from './charts.js';
import { showConfusion } from './confusion-view.js';
import { byId, field, integerList, lockSettings, numberField, warn } from './dom.js';
import { drawPad } from './draw-pad.js';
import { type MnistSource, mnist, subsetSizes, testLabels } from './mnist-data.js';
import { paintGray, showPictures } from './weights-view.js';

const LABELS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const FULL_BATCH = new Set(['gd', 'lbfgs', 'newton']);

let spare: Worker | null = null;

/**
 * A training worker, started ahead of time: the next one is made once the page
 * is idle, so pressing Start does not wait for (or contend with) a worker's start-up.
 */
export function trainingWorker(): Worker {
  const w = spare ?? newWorker();
  spare = null;
  setTimeout(() => {
    spare ??= newWorker();
  }, 500);
  return w;
}

function newWorker(): Worker {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}

/** The form's settings as training options (an error names the field at fault). */
function readSettings(form: HTMLFormElement): { size: number; options: InWorkerOptions } {
  const optimizer = field(form, 'optimizer') as OptimizerName;
  const size = numberField(form, 'size', { integer: true, min: 100 }) ?? 10000;
  if (size > 60000) throw new Error(`Training images: at most 60,000 (MNIST's training set), got ${size}`);
  const epochs = numberField(form, 'epochs', { integer: true, min: 1 }) ?? 10;
  const options: InWorkerOptions = {
    optimizer,
    learningRate: numberField(form, 'learningRate', { positive: true }),
    batchSize: numberField(form, 'batchSize', { integer: true, min: 1 }),
    patience: numberField(form, 'patience', { integer: true, min: 1 }),
    ...(FULL_BATCH.has(optimizer) ? { maxIter: epochs } : { maxEpochs: epochs }),
  };
  if (field(form, 'model') === 'mlp') options.mlp = { hidden: networkSizes(field(form, 'hidden')), activation: 'relu' };
  const reg = field(form, 'regKind');
  const strength = numberField(form, 'regValue', { min: 0 });
  if (reg === 'l2' && strength !== undefined) options.l2 = strength;
  if (reg === 'C') {
    if (!strength) throw new Error('Strength: C must be > 0');
    options.C = strength;
  }
  if (reg === 'none' && (optimizer === 'lbfgs' || optimizer === 'newton')) options.l2 = 0;
  return { size, options };
}

/**
 * The worker holds a network's weights, its optimizer's state and the activations of up to 5,000
 * validation images in WebAssembly memory, and sends the weights as a model file (about 11
 * characters a weight) after every epoch. One hidden layer of 65,536 units (51 million weights)
 * failed in Chromium after 2.5 minutes of its first epoch ("Invalid string length", or memory
 * that could not grow); 16,384 units (13 million) trained, a minute an epoch. Refused up front.
 */
const MAX_NETWORK_WEIGHTS = 16_000_000;

/** The hidden sizes of an MLP on MNIST's 784 pixels and 10 classes, refused if its weights exceed the page's bound. */
function networkSizes(text: string): number[] {
  const hidden = integerList(text, 'Hidden sizes');
  const widths = [784, ...hidden, 10];
  let weights = 0;
  for (let l = 1; l < widths.length; l++) weights += (widths[l - 1] + 1) * widths[l];
  if (weights > MAX_NETWORK_WEIGHTS) {
    throw new Error(`Hidden sizes: ${hidden.join(',')} makes ${weights.toLocaleString('en-US')} weights; the playground trains networks of at most ${MAX_NETWORK_WEIGHTS.toLocaleString('en-US')} (e.g. 4096 or 1024,1024)`);
  }
  return hidden;
}

export function setupDigits(): void {
  const form = byId<HTMLFormElement>('digits-form');
  const modelChoice = form.elements.namedItem('model') as HTMLSelectElement;
  const hiddenField = form.querySelector<HTMLElement>('.mlp-only')!;
  modelChoice.addEventListener('change', () => {
    hiddenField.hidden = modelChoice.value !== 'mlp';
  });
  const start = byId<HTMLButtonElement>('start');
  const pause = byId<HTMLButtonElement>('pause');
  const stop = byId<HTMLButtonElement>('stop');
  const status = byId('status');
  const epochOut = byId('epoch');
  const accuracyOut = byId('test-accuracy');
  const progress = byId<HTMLProgressElement>('epoch-progress');
  let run: TrainingRun | null = null;
  let model: LinearModel | NetworkModel | null = null;

  // Empty charts and weight pictures from the start: the page's layout does not jump, and the
  // first epoch does not pay for creating them.
  spare ??= newWorker();
  drawCurves(byId('loss-chart'), byId('accuracy-chart'), [], 'epoch');
  showPictures(byId('weights'), byId('weights-legend'), LABELS.map((title) => ({ title, values: new Float64Array(784) })), 28);

  const pad = drawPad(byId<HTMLCanvasElement>('draw'), byId<HTMLCanvasElement>('draw-preview'), () => classifyDrawing());
  byId('clear').addEventListener('click', () => {
    pad.clear();
    byId('prediction').textContent = '–';
    byId('probabilities').replaceChildren();
  });

  function classifyDrawing(): void {
    const x = pad.image();
    const out = byId('prediction');
    if (!x) return;
    if (!model) {
      out.textContent = 'train first';
      return;
    }
    // One image: the plain-JavaScript kernels, so the page never compiles WebAssembly on its main thread.
    const X = denseMatrix(x, 1, 784);
    const p = (model instanceof LinearModel ? model.predictProba(X, referenceKernels) : model.predictProba(X)).data as Float64Array;
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
    out.textContent = LABELS[best];
    showBars(byId('probabilities'), LABELS, p);
  }

  function showModel(m: LinearModel | NetworkModel): void {
    model = m;
    if (m instanceof LinearModel) {
      byId('weights-note').textContent = 'One picture per class: the weight each pixel gives to the class (red favours it, blue speaks against it).';
      const pictures = LABELS.map((title, k) => ({ title, values: m.W.subarray(k * 784, (k + 1) * 784) }));
      showPictures(byId('weights'), byId('weights-legend'), pictures, 28);
      return;
    }
    // A network: what its first hidden units look for, one picture per unit (the first 20).
    const units = Math.min(20, m.scores.spec().find((l) => l.type === 'dense')?.outputs ?? 0);
    byId('weights-note').textContent = `First layer of the network: the weights into hidden unit 1…${units} from each pixel (red excites the unit, blue inhibits it).`;
    const pictures = Array.from({ length: units }, (_, h) => ({ title: `unit ${h + 1}`, values: m.firstLayerUnit(h) }));
    showPictures(byId('weights'), byId('weights-legend'), pictures, 28);
  }

  function showConfusionOf(truth: Int32Array, predicted: Int32Array): void {
    showConfusion(byId('confusion'), LABELS, truth, predicted, async (i, j, examples) => {
      const shown = examples.slice(0, 60);
      const caption = byId('cell-caption');
      caption.textContent = 'Loading the test images…';
      // The images are fetched when first asked for (7.8 MB), not while training runs.
      const test = await mnist('test');
      caption.textContent = `${examples.length} test images of ${LABELS[i]} predicted as ${LABELS[j]}${examples.length > shown.length ? ` (the first ${shown.length})` : ''}`;
      const pixels = shown.map((r) => Array.from(test.X.data.subarray(r * 784, (r + 1) * 784), (v) => v / 255));
      paintGray(byId<HTMLCanvasElement>('cell-images'), pixels, 28, 12, 1.5);
    });
  }

  pause.addEventListener('click', () => {
    if (!run) return;
    if (pause.textContent === 'Pause') {
      if (run.pause()) {
        pause.textContent = 'Resume';
        status.textContent = 'Paused.';
      }
    } else {
      run.resume();
      pause.textContent = 'Pause';
      status.textContent = 'Training…';
    }
  });
  stop.addEventListener('click', () => {
    if (!run) return;
    run.resume();
    run.cancel();
    // Full-batch solvers stop at the end of an iteration: the counter's own word.
    status.textContent = `Stopping at the end of this ${byId('epoch-label').textContent!.toLowerCase()}…`;
    stop.disabled = true;
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (run) return;
    let settings: ReturnType<typeof readSettings>;
    try {
      settings = readSettings(form);
    } catch (err) {
      status.textContent = (err as Error).message;
      return;
    }
    start.disabled = true;
    lockSettings(form, true);
    delete status.dataset.state;
    const epochs: EpochEvent[] = [];
    const xLabel = FULL_BATCH.has(settings.options.optimizer ?? 'sgd') ? 'iteration' : 'epoch';
    epochOut.textContent = '0';
    // Full-batch solvers count iterations: the counter says which.
    byId('epoch-label').textContent = xLabel === 'epoch' ? 'Epoch' : 'Iteration';
    accuracyOut.textContent = '–';
    // The previous run's curves and confusion matrix go: they would pass for this run's until its first epoch, or its end.
    drawCurves(byId('loss-chart'), byId('accuracy-chart'), [], xLabel);
    byId('confusion').replaceChildren();
    byId('cell-caption').textContent = '';
    paintGray(byId<HTMLCanvasElement>('cell-images'), [], 28, 12, 1.5);
    try {
      const sizes = subsetSizes(settings.size);
      status.textContent = `Training on ${sizes.train.toLocaleString('en-US')} images${sizes.validation ? `, early stopping on ${sizes.validation.toLocaleString('en-US')} others` : ''} (the worker loads MNIST)…`;
      const source: MnistSource = { kind: 'mnist', size: settings.size, validation: true };
      const r = trainInWorker({ source }, settings.options, { worker: trainingWorker() });
      run = r;
      pause.disabled = !r.cooperative;
      pause.title = r.cooperative ? '' : 'Pausing needs a cross-origin-isolated page (served by argmax playground)';
      stop.disabled = false;
      r.on('warning', warn);
      r.on('progress', (p) => {
        progress.value = p.fraction;
      });
      r.on('epoch', (ev) => {
        epochs.push(ev);
        epochOut.textContent = String(ev.record.epoch);
        if (ev.test) accuracyOut.textContent = ev.test.accuracy.toFixed(4);
        drawCurves(byId('loss-chart'), byId('accuracy-chart'), epochs, xLabel);
        if (ev.model) showModel(ev.model);
        classifyDrawing();
      });
      const result = await r.done;
      showModel(result.model);
      const predicted = result.testPredictions;
      if (predicted) {
        const truth = await testLabels();
        let hits = 0;
        for (let i = 0; i < predicted.length; i++) if (predicted[i] === truth[i]) hits++;
        accuracyOut.textContent = (hits / predicted.length).toFixed(4);
        showConfusionOf(truth, predicted);
      } else {
        // Stopped by ending the worker (a page without cross-origin isolation cannot ask it to finish):
        // the model kept is one it sent after an epoch, with that epoch's test accuracy, and no test predictions.
        const kept = epochs.find((e) => e.record.epoch === result.bestEpoch)?.test?.accuracy;
        accuracyOut.textContent = kept === undefined ? '–' : kept.toFixed(4);
        byId('cell-caption').textContent = 'No confusion matrix: Stop ended the worker before it predicted the test images (served with cross-origin isolation, as by argmax playground, Stop lets it finish).';
      }
      classifyDrawing();
      status.textContent = summary(result, xLabel);
      status.dataset.state = 'done';
    } catch (err) {
      status.textContent = `Training failed: ${(err as Error).message}`;
      status.dataset.state = 'failed';
    } finally {
      run = null;
      lockSettings(form, false);
      start.disabled = false;
      pause.disabled = true;
      pause.textContent = 'Pause';
      stop.disabled = true;
      progress.value = 0;
    }
  });
}

/** The status line once training ended: why it stopped, after how long, and which weights the page now shows. */
function summary(r: WorkerTrainResult, unit: string): string {
  const count = (n: number) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  // A worker ended by Stop (no cross-origin isolation) never said which kernels it ran: nothing to show.
  const how = `${count(r.epochs)}, ${r.seconds.toFixed(1)} s${r.kernels === 'unknown' ? '' : ` (kernels: ${r.kernels})`}`;
  if (r.stopReason === 'diverged') {
    // Training keeps the last finite weights: early stopping's best, else those from before the failing epoch (bestEpoch says which).
    const kept = r.bestEpoch > 0 ? `the model of ${unit} ${r.bestEpoch}` : 'the starting weights';
    return `Done: DIVERGED in ${unit} ${r.epochs} (the loss became NaN or infinite): lower the learning rate. Shown: ${kept}; ${how}.`;
  }
  const kept = r.bestEpoch > 0 ? `the model of ${unit} ${r.bestEpoch}` : 'the starting weights (no step was taken)';
  return `Done: ${describe(r.stopReason, unit)} after ${how}; ${kept}.`;
}

function describe(reason: string, unit: string): string {
  switch (reason) {
    case 'patience': return 'early stopping (validation loss stopped improving)';
    case 'max_epochs':
    case 'max_iter': return `ran its ${unit}s`;
    case 'cancelled': return 'stopped';
    case 'converged': return 'converged';
    case 'line_search_failed': return 'the line search found no step that lowers the loss';
    default: return reason.replace(/_/g, ' ');
  }
}
