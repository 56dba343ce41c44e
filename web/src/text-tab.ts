/**
 * The Text tab: a bag-of-words softmax model on SOTU, spam or pasted labelled
 * texts; a typed sentence gets its top labels with probabilities, and each
 * word is highlighted by how much it pushed the top label's score (weight ×
 * feature value, summed over the word's terms; a bigram counts half for each
 * of its two words).
 */
import { type Dataset, makeDataset } from '../../src/data/dataset.js';
import { referenceKernels } from '../../src/kernels/reference.js';
import { LinearModel } from '../../src/model/linear-model.js';
import { divergingRgb } from '../../src/plot/svg.js';
import { Random } from '../../src/random.js';
import { TextFeaturizer } from '../../src/text/featurizer.js';
import { trainInWorker } from '../../src/worker/browser.js';
import { showBars } from './bars.js';
import { byId, el, field, numberField, warn } from './dom.js';
import { trainingWorker } from './digits.js';

interface Example {
  text: string;
  label: string;
}

interface Trained {
  model: LinearModel;
  featurizer: TextFeaturizer;
  terms: readonly string[];
}

/** "__label__x text" (fastText) or "x<TAB>text" lines; the error names the first bad line. */
export function parseLabelled(text: string): Example[] {
  const out: Example[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const ft = /^__label__(\S+)\s+(.*)$/.exec(line);
    const tab = line.indexOf('\t');
    if (ft) out.push({ label: ft[1], text: ft[2] });
    else if (tab > 0) out.push({ label: line.slice(0, tab).trim(), text: line.slice(tab + 1) });
    else throw new Error(`pasted texts, line ${i + 1}: expected "__label__<label> <text>" or "<label><TAB><text>", got ${JSON.stringify(line.slice(0, 60))}`);
  });
  return out;
}

async function examples(form: HTMLFormElement): Promise<{ train: Example[]; test: Example[]; description: string }> {
  const name = field(form, 'dataset');
  if (name === 'pasted') {
    const all = parseLabelled(field(form, 'pasted'));
    if (all.length < 4) throw new Error(`pasted texts: ${all.length} labelled lines; at least 4 are needed`);
    return { train: all, test: [], description: `${all.length} pasted texts` };
  }
  const res = await fetch(`data/text/${name}.json`);
  if (!res.ok) throw new Error(`the ${name} dataset could not be loaded (${res.status}): ${await res.text()}`);
  return res.json();
}

/** At most `limit` examples, a seeded random choice (the files are ordered by speech or folder). */
function sample(list: Example[], limit: number): Example[] {
  if (list.length <= limit) return list;
  return Array.from(new Random(0).permutation(list.length).subarray(0, limit), (i) => list[i]);
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

export function setupText(): void {
  const form = byId<HTMLFormElement>('text-form');
  const status = byId('text-status');
  const bar = byId<HTMLProgressElement>('text-progress');
  const sentence = byId<HTMLInputElement>('sentence');
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  let trained: Trained | null = null;

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    bar.value = 0;
    try {
      const limit = numberField(form, 'limit', { integer: true, min: 4 }) ?? 4000;
      const maxEpochs = numberField(form, 'epochs', { integer: true, min: 1 }) ?? 5;
      status.textContent = 'Loading texts…';
      const data = await examples(form);
      const train = sample(data.train, limit);
      const test = sample(data.test, Math.min(2000, limit));
      status.textContent = `Featurizing ${train.length} texts…`;
      await pause();
      const pasted = field(form, 'dataset') === 'pasted';
      const featurizer = new TextFeaturizer(pasted ? { minCount: 1 } : {});
      const X = featurizer.fitTransform(train.map((t) => t.text));
      const trainSet = makeDataset(X, train.map((t) => t.label), { name: 'training texts' });
      // Test texts whose label the training sample lacks cannot be scored by this model.
      const known = test.filter((t) => trainSet.labels.has(t.label));
      const testSet: Dataset | undefined = known.length
        ? makeDataset(featurizer.transform(known.map((t) => t.text)), known.map((t) => t.label), { labelTable: trainSet.labels, name: 'test texts' })
        : undefined;
      status.textContent = `Training on ${train.length} texts, ${featurizer.numFeatures.toLocaleString('en-US')} features, ${trainSet.labels.size} labels…`;
      const run = trainInWorker(trainSet, { optimizer: 'sgd', maxEpochs }, { worker: trainingWorker(), test: testSet, snapshots: false });
      run.on('warning', warn);
      run.on('progress', (p) => {
        bar.value = Math.min(1, (p.epoch - 1 + p.fraction) / maxEpochs);
      });
      const r = await run.done;
      if (!(r.model instanceof LinearModel)) throw new Error('the text tab explains linear models only');
      trained = { model: r.model, featurizer, terms: featurizer.toJSON().vocabulary ?? [] };
      const acc = r.history.at(-1)?.trainAccuracy ?? NaN;
      let testNote = '';
      if (testSet && r.testPredictions) {
        let hits = 0;
        for (let i = 0; i < testSet.y.length; i++) if (r.testPredictions[i] === testSet.y[i]) hits++;
        testNote = `, test accuracy ${(hits / testSet.y.length).toFixed(3)} on ${testSet.y.length} held-out texts`;
      }
      status.textContent = `Trained (${data.description}): train accuracy ${acc.toFixed(3)}${testNote}. Type a sentence.`;
      status.dataset.state = 'done';
      sentence.disabled = false;
      sentence.focus();
      explain();
    } catch (err) {
      status.textContent = `Failed: ${(err as Error).message}`;
    } finally {
      submit.disabled = false;
      bar.value = 1;
    }
  });

  sentence.addEventListener('input', () => explain());

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

/** Colours each word by its share of the contributions to `label`'s score (red pushes up, blue down). */
function highlight(text: string, featurizer: TextFeaturizer, contrib: Map<string, { product: number }>, label: string): void {
  const words = text.split(/(\s+)/);
  const termsOf = words.map((w) => (/\S/.test(w) ? featurizer.termsOf(w).filter((t) => !t.includes(' ')) : []));
  const score = words.map((_, i) => {
    let s = 0;
    for (const t of termsOf[i]) s += contrib.get(t)?.product ?? 0;
    // Bigrams with the neighbouring words (skipping the whitespace entries between them).
    for (const j of [i - 2, i + 2]) {
      if (j < 0 || j >= words.length) continue;
      for (const a of termsOf[Math.min(i, j)]) for (const b of termsOf[Math.max(i, j)]) s += 0.5 * (contrib.get(`${a} ${b}`)?.product ?? 0);
    }
    return s;
  });
  const max = Math.max(1e-12, ...score.map(Math.abs));
  const box = byId('highlighted');
  box.replaceChildren(el('span', {}, `Words pushing “${label}”: `));
  words.forEach((w, i) => {
    if (!/\S/.test(w)) return box.append(w);
    const [r, g, b] = divergingRgb(score[i] / max);
    const mark = el('mark', { title: `${score[i] >= 0 ? '+' : ''}${score[i].toFixed(3)} to the score of ${label}` }, w);
    mark.style.background = `rgb(${r},${g},${b})`;
    box.append(mark);
  });
}
