/**
 * The text task's data, loaded and featurized inside the worker (tokenizing
 * thousands of texts would hold up the page): SOTU or spam from the server,
 * or pasted labelled lines. The fitted featurizer comes back with the model.
 */
import { type Dataset, makeDataset } from '../../src/data/dataset.js';
import { Random } from '../../src/random.js';
import { type FeaturizerJson, TextFeaturizer } from '../../src/text/featurizer.js';
import { type WorkerData } from '../../src/worker/serve.js';

export interface Example {
  text: string;
  label: string;
}

export interface TextSource {
  kind: 'text';
  /** 'sotu' or 'spam' from the server, or null for `pasted`. */
  dataset: 'sotu' | 'spam' | null;
  pasted: string;
  /** At most this many training texts (a seeded random choice). */
  limit: number;
}

/** What the worker hands back with the model. */
export interface TextExtra {
  featurizer: FeaturizerJson;
  description: string;
  trainCount: number;
  testCount: number;
}

/** "__label__x text" (fastText) or "x<TAB>text" lines; the error names `what` (the box, or a file) and the first bad line. */
export function parseLabelled(text: string, what = 'pasted texts'): Example[] {
  const out: Example[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const ft = /^__label__(\S+)\s+(.*)$/.exec(line);
    const tab = line.indexOf('\t');
    if (ft) out.push({ label: ft[1], text: ft[2] });
    else if (tab > 0) out.push({ label: line.slice(0, tab).trim(), text: line.slice(tab + 1) });
    else throw new Error(`${what}, line ${i + 1}: expected "__label__<label> <text>" or "<label><TAB><text>", got ${JSON.stringify(line.slice(0, 60))}`);
  });
  return out;
}

/** The labelled lines of `text`, at least 4 of them (fewer cannot be split into classes to learn). */
export function labelledExamples(text: string, what = 'pasted texts'): Example[] {
  const all = parseLabelled(text, what);
  if (all.length < 4) throw new Error(`${what}: ${all.length} labelled line${all.length === 1 ? '' : 's'}; at least 4 are needed`);
  return all;
}

async function examples(s: TextSource): Promise<{ train: Example[]; test: Example[]; description: string }> {
  if (s.dataset === null) {
    const all = labelledExamples(s.pasted);
    return { train: all, test: [], description: `${all.length} pasted texts` };
  }
  const res = await fetch(`data/text/${s.dataset}.json`);
  if (!res.ok) throw new Error(`the ${s.dataset} dataset could not be loaded (${res.status}): ${await res.text()}`);
  return res.json();
}

/** At most `limit` examples, a seeded random choice (the files are ordered by speech or folder). */
function sample(list: Example[], limit: number): Example[] {
  if (list.length <= limit) return list;
  return Array.from(new Random(0).permutation(list.length).subarray(0, limit), (i) => list[i]);
}

export async function loadTextSource(source: unknown): Promise<WorkerData> {
  const s = source as TextSource;
  const data = await examples(s);
  const train = sample(data.train, s.limit);
  // Pasted sets are small: keep terms seen once. They may be in any language: Chinese, Japanese or Thai
  // phrases are cut into words (text in spaced scripts tokenizes the same either way).
  const featurizer = new TextFeaturizer(s.dataset === null ? { minCount: 1, segmentWords: true } : {});
  const X = featurizer.fitTransform(train.map((t) => t.text));
  const trainSet = makeDataset(X, train.map((t) => t.label), { name: 'training texts' });
  // Test texts whose label the training sample lacks cannot be scored by this model.
  const test = sample(data.test, Math.min(2000, s.limit)).filter((t) => trainSet.labels.has(t.label));
  const testSet: Dataset | undefined = test.length
    ? makeDataset(featurizer.transform(test.map((t) => t.text)), test.map((t) => t.label), { labelTable: trainSet.labels, name: 'test texts' })
    : undefined;
  const extra: TextExtra = { featurizer: featurizer.toJSON(), description: data.description, trainCount: train.length, testCount: test.length };
  return { train: trainSet, test: testSet, extra };
}
