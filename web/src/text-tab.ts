/**
 * The Text tab: a bag-of-words softmax model on SOTU, spam or pasted labelled
 * texts; a typed sentence gets its top labels with probabilities, and each
 * word is highlighted by how much it pushed the top label's score (weight ×
 * feature value, summed over the word's terms; a bigram counts half for each
 * of its two words).
 */
import { referenceKernels } from '../../src/kernels/reference.js';
import { LinearModel } from '../../src/model/linear-model.js';
import { divergingRgb } from '../../src/plot/svg.js';
import { TextFeaturizer } from '../../src/text/featurizer.js';
import { wordSegments } from '../../src/text/tokenize.js';
import { trainInWorker } from '../../src/worker/browser.js';
import { type TrainingRun } from '../../src/worker/run.js';
import { showBars } from './bars.js';
import { byId, el, field, lockSettings, numberField, warn } from './dom.js';
import { trainingWorker } from './digits.js';
import { type TextExtra, type TextSource, labelledExamples } from './text-source.js';

/** The sentence explained while the box is empty, one per built-in dataset; pasted data: the first text's words. */
const EXAMPLE_SENTENCES: Record<string, string> = {
  sotu: 'We will cut taxes and strengthen our national defense.',
  spam: 'Act now: you have won a gift card, reply to claim it today.',
};

interface Trained {
  model: LinearModel;
  featurizer: TextFeaturizer;
  terms: readonly string[];
}

export function setupText(): void {
  const form = byId<HTMLFormElement>('text-form');
  const status = byId('text-status');
  const bar = byId<HTMLProgressElement>('text-progress');
  const sentence = byId<HTMLInputElement>('sentence');
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  const stop = byId<HTMLButtonElement>('text-stop');
  let trained: Trained | null = null;
  let run: TrainingRun | null = null;
  stop.addEventListener('click', () => {
    run?.cancel();
    stop.disabled = true;
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    delete status.dataset.state;
    bar.value = 0;
    try {
      const limit = numberField(form, 'limit', { integer: true, min: 4 }) ?? 4000;
      const maxEpochs = numberField(form, 'epochs', { integer: true, min: 1 }) ?? 5;
      const dataset = field(form, 'dataset');
      const source: TextSource = { kind: 'text', dataset: dataset === 'pasted' ? null : (dataset as 'sotu' | 'spam'), pasted: field(form, 'pasted'), limit };
      lockSettings(form, true);
      status.textContent = 'Loading and featurizing the texts in the worker…';
      let testAccuracy = NaN;
      // AdaGrad by default: its per-feature steps suit sparse text features, where a rare word's weight
      // would barely move under SGD's one step size (5 epochs on spam: test accuracy 0.99 against SGD's 0.82).
      const optimizer = field(form, 'optimizer') as 'adagrad' | 'adam' | 'sgd';
      run = trainInWorker({ source }, { optimizer, maxEpochs }, { worker: trainingWorker(), snapshots: false });
      // Without shared memory Stop would end the worker, and the model and featurizer with it.
      stop.disabled = !run.cooperative;
      stop.title = run.cooperative ? '' : 'Stopping needs a cross-origin-isolated page (served by argmax playground)';
      run.on('warning', warn);
      run.on('progress', (p) => {
        status.textContent = `Training, epoch ${p.epoch} of ${maxEpochs}…`;
        bar.value = Math.min(1, (p.epoch - 1 + p.fraction) / maxEpochs);
      });
      // No validation: the model returned is the last epoch's, whose test accuracy this is.
      run.on('epoch', (ev) => {
        testAccuracy = ev.test?.accuracy ?? NaN;
      });
      const r = await run.done;
      if (!(r.model instanceof LinearModel)) throw new Error('the text tab explains linear models only');
      const extra = r.extra as TextExtra;
      const featurizer = TextFeaturizer.fromJSON(extra.featurizer, 'the worker\'s featurizer');
      trained = { model: r.model, featurizer, terms: extra.featurizer.vocabulary ?? [] };
      const acc = r.history.at(-1)?.trainAccuracy ?? NaN;
      const testNote = extra.testCount ? `, test accuracy ${testAccuracy.toFixed(3)} on ${extra.testCount} held-out texts` : '';
      const stopped = r.stopReason === 'cancelled' ? `Stopped after ${r.epochs} of ${maxEpochs} epochs. ` : '';
      status.textContent = `${stopped}Trained on ${extra.trainCount} texts, ${featurizer.numFeatures.toLocaleString('en-US')} features, ${r.model.numClasses} labels (${extra.description}): train accuracy ${acc.toFixed(3)}${testNote}. Type a sentence.`;
      status.dataset.state = 'done';
      sentence.placeholder = EXAMPLE_SENTENCES[dataset] ?? firstText(field(form, 'pasted')) ?? '';
      sentence.disabled = false;
      sentence.focus();
      explain();
    } catch (err) {
      status.textContent = `Failed: ${(err as Error).message}`;
      status.dataset.state = 'failed';
    } finally {
      run = null;
      lockSettings(form, false);
      submit.disabled = false;
      stop.disabled = true;
      bar.value = 1;
    }
  });

  sentence.addEventListener('input', () => explain());
  // A chosen file fills the text box (read here, in the page: nothing is uploaded). It is checked
  // first, so a wrong file is named with its first bad line and the box keeps what it had.
  const file = form.elements.namedItem('file') as HTMLInputElement;
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    delete status.dataset.state;
    try {
      const text = await readLabelledFile(f);
      (form.elements.namedItem('pasted') as HTMLTextAreaElement).value = text;
      (form.elements.namedItem('dataset') as HTMLSelectElement).value = 'pasted';
      status.textContent = `${f.name}: ${(f.size / 1024).toFixed(0)} kB loaded; press Train.`;
    } catch (err) {
      status.textContent = `Not loaded: ${(err as Error).message}`;
      status.dataset.state = 'failed';
    } finally {
      file.value = ''; // choosing the same file again, after fixing it, loads it again
    }
  });

  function explain(): void {
    const out = byId('text-prediction');
    const text = sentence.value.trim() || sentence.placeholder;
    if (!trained) return;
    const { model, featurizer, terms } = trained;
    const X = featurizer.transform([text]);
    const labels = model.labels.labels.map(String);
    const p = model.predictProba(X, referenceKernels).data as Float64Array;
    const order = labels.map((_, k) => k).sort((a, b) => p[b] - p[a]);
    const top = order.slice(0, Math.min(3, labels.length));
    const bars = el('div', { class: 'bars' });
    showBars(bars, top.map((k) => labels[k]), top.map((k) => p[k]));
    out.replaceChildren(el('p', {}, 'Top labels: '), bars);
    out.querySelector('p')!.append(el('strong', { 'data-testid': 'text-label' }, labels[order[0]]));
    // Without a known term the scores are the biases alone: say so, rather than show empty tables as an explanation.
    if (X.indptr[1] === X.indptr[0]) out.append(el('p', { class: 'note', 'data-testid': 'no-known-terms' }, `None of these words is in the model's vocabulary: the probabilities come from the labels' biases alone.`));
    // Contributions weight × value of the sentence's features, per label.
    const D = model.numFeatures;
    const contributions = (k: number) => {
      const m = new Map<string, { value: number; weight: number; product: number }>();
      for (let q = X.indptr[0]; q < X.indptr[1]; q++) {
        const col = X.indices[q];
        const value = X.values[q] * X.scale;
        const weight = model.W[k * D + col];
        m.set(terms[col] ?? `#${col}`, { value, weight, product: weight * value });
      }
      return m;
    };
    highlight(text, featurizer, contributions(order[0]), labels[order[0]]);
    const tables = el('div', { class: 'contrib' });
    for (const k of top) {
      const rows = [...contributions(k)].sort((a, b) => Math.abs(b[1].product) - Math.abs(a[1].product)).slice(0, 8);
      const table = el('table');
      const caption = el('caption', {}, `${labels[k]}: score ${(model.b ? model.b[k] : 0).toFixed(3)} (bias) + Σ weight × value`);
      const head = el('tr');
      head.append(...['term', 'value', 'weight', 'weight × value'].map((h) => el('th', { scope: 'col' }, h)));
      table.append(caption, head, ...rows.map(([term, c]) => {
        const tr = el('tr');
        tr.append(el('td', {}, term), el('td', {}, c.value.toFixed(3)), el('td', {}, c.weight.toFixed(3)), el('td', {}, c.product.toFixed(3)));
        return tr;
      }));
      tables.append(table);
    }
    byId('contributions').replaceChildren(tables);
  }
}

/**
 * Colours each word by its share of the contributions to `label`'s score (red pushes up, blue down).
 * Words are the text's runs between spaces, cut into dictionary words as the featurizer cuts them
 * (Chinese, Japanese, Thai… with segmentWords), so each word has its own colour.
 */
function highlight(text: string, featurizer: TextFeaturizer, contrib: Map<string, { product: number }>, label: string): void {
  const isWord = (piece: string) => /\S/.test(piece);
  const pieces = text.split(/(\s+)/).filter((p) => p !== '')
    .flatMap((p) => (isWord(p) && featurizer.options.segmentWords ? wordSegments(p) : [p]));
  const termsOf = pieces.map((w) => (isWord(w) ? featurizer.termsOf(w).filter((t) => !t.includes(' ')) : []));
  // A bigram's two words are neighbouring pieces that have terms (spaces and punctuation have none).
  const neighbour = (i: number, step: -1 | 1) => {
    for (let j = i + step; j >= 0 && j < pieces.length; j += step) if (termsOf[j].length) return j;
    return -1;
  };
  const score = pieces.map((_, i) => {
    let s = 0;
    for (const t of termsOf[i]) s += contrib.get(t)?.product ?? 0;
    for (const j of [neighbour(i, -1), neighbour(i, 1)]) {
      if (j < 0 || !termsOf[i].length) continue;
      for (const a of termsOf[Math.min(i, j)]) for (const b of termsOf[Math.max(i, j)]) s += 0.5 * (contrib.get(`${a} ${b}`)?.product ?? 0);
    }
    return s;
  });
  const max = Math.max(1e-12, ...score.map(Math.abs));
  const box = byId('highlighted');
  box.replaceChildren(el('span', {}, `Words pushing “${label}”: `));
  pieces.forEach((w, i) => {
    if (!isWord(w)) return box.append(w);
    const [r, g, b] = divergingRgb(score[i] / max);
    const mark = el('mark', { title: `${score[i] >= 0 ? '+' : ''}${score[i].toFixed(3)} to the score of ${label}` }, w);
    mark.style.background = `rgb(${r},${g},${b})`;
    box.append(mark);
  });
}

/** A file's text, if it is UTF-8 text of labelled lines (at least 4); the error names the file and what is wrong with it. */
async function readLabelledFile(f: File): Promise<string> {
  const bytes = new Uint8Array(await f.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${f.name} is not UTF-8 text (an image, a spreadsheet or a compressed file?); expected labelled lines`);
  }
  if (text.includes('\0')) throw new Error(`${f.name} is not a text file (it holds NUL bytes); expected labelled lines`);
  labelledExamples(text, f.name);
  return text;
}

/** The text of the first non-empty pasted line (after its label: a tab, or fastText's __label__ prefixes). */
function firstText(pasted: string): string | undefined {
  const line = pasted.split(/\r?\n/).find((l) => l.trim() !== '');
  if (line === undefined) return undefined;
  const text = line.includes('\t') ? line.slice(line.indexOf('\t') + 1) : line.replace(/^(\s*__label__\S+)+\s*/, '');
  return text.trim() || undefined;
}
