import { type Label, LabelTable } from '../data/labels.js';
import { type RowCache, RowCacheWriter } from '../data/row-cache.js';
import { parseFastText } from '../io/readers/fasttext.js';
import { readLines } from '../io/readers/read-lines.js';
import { type FeaturizerOptions, TextFeaturizer } from '../text/featurizer.js';

/** A fastText file's examples featurized into a disk cache, with the fitted featurizer and the label table. */
export interface CachedText {
  cache: RowCache;
  featurizer: TextFeaturizer;
  labels: LabelTable;
  /** Lines read (non-empty). */
  lines: number;
}

/** The (text, labels) of each non-empty line, parsed exactly as the in-memory fastText reader parses it. */
function* examples(path: string): Generator<{ text: string; labels: string[] }> {
  for (const line of readLines(path)) {
    const r = parseFastText([line], path);
    if (r.texts.length === 1) yield { text: r.texts[0], labels: r.labels[0] };
  }
}

/**
 * Two streaming passes over a fastText file, holding neither its text nor its
 * rows: the first counts each term (and its document frequency) to fit the
 * vocabulary and idf exactly as TextFeaturizer.fitTransform does on the same
 * lines (a line with several labels counts once per label, as in memory);
 * the second featurizes each line and writes its row, once per label, to a
 * disk cache. Only the vocabulary's counts and the cache's block buffer are
 * in memory. Vocabulary features only (not --hash-buckets).
 */
export function streamTextToCache(
  path: string,
  featurizerOptions: Partial<FeaturizerOptions>,
  o: { dir?: string; onProgress?: (stage: string, fraction: number) => void } = {},
): CachedText {
  const probe = new TextFeaturizer(featurizerOptions);
  if (probe.options.hashBuckets !== null) throw new RangeError('out-of-core text training builds a vocabulary; drop --hash-buckets (or train in memory)');
  const { featurizer, table, lines } = fitStreaming(path, probe, o.onProgress);
  // Pass 2: each line's row, once per label, into the cache.
  const writer = new RowCacheWriter({ dir: o.dir });
  try {
    let done = 0;
    for (const { text, labels } of examples(path)) {
      if ((++done & 8191) === 0) o.onProgress?.('writing the row cache', done / lines);
      const row = featurizer.transform([text]);
      const n = row.indptr[1];
      for (const l of labels) writer.push(row.indices, row.values as Float64Array, n, table.indexOf(l));
    }
    return { cache: writer.finish(featurizer.numFeatures), featurizer, labels: table, lines };
  } catch (e) {
    writer.abort();
    throw e;
  }
}

/**
 * Pass 1: term counts and document frequencies (ids interned as in fitTransform), then the
 * fitted featurizer; the counts of every distinct term are dropped when it returns.
 */
function fitStreaming(path: string, probe: TextFeaturizer, onProgress?: (stage: string, fraction: number) => void): { featurizer: TextFeaturizer; table: LabelTable; lines: number } {
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const count: number[] = [];
  const df: number[] = [];
  const lastDoc: number[] = [];
  const labelSet = new Set<Label>();
  let docs = 0;
  let lines = 0;
  for (const { text, labels } of examples(path)) {
    lines++;
    if ((lines & 8191) === 0) onProgress?.('counting terms', 0);
    for (const l of labels) labelSet.add(l);
    const copies = labels.length;
    docs += copies;
    for (const t of probe.termsOf(text)) {
      let id = ids.get(t);
      if (id === undefined) {
        id = terms.length;
        ids.set(t, id);
        terms.push(t);
        count.push(0);
        df.push(0);
        lastDoc.push(-1);
      }
      count[id] += copies;
      if (lastDoc[id] !== lines) {
        df[id] += copies;
        lastDoc[id] = lines;
      }
    }
  }
  if (docs === 0) throw new RangeError(`${path}: no labelled examples`);
  const table = LabelTable.fromValues(labelSet);
  if (table.size < 2) throw new RangeError(`${path}: every example has the label ${JSON.stringify(table.labels[0])}; a classifier needs examples of at least 2 classes`);
  const opts = probe.options;
  let kept = terms.map((_, id) => id).filter((id) => count[id] >= opts.minCount);
  kept.sort((x, y) => count[y] - count[x] || (terms[x] < terms[y] ? -1 : terms[x] > terms[y] ? 1 : 0));
  if (opts.maxFeatures !== null) kept = kept.slice(0, opts.maxFeatures);
  if (kept.length === 0) throw new RangeError(`${path}: all ${terms.length.toLocaleString('en-US')} terms occur fewer than --min-count ${opts.minCount} times; lower --min-count; no model written`);
  const featurizer = TextFeaturizer.fromJSON({
    options: opts,
    vocabulary: kept.map((id) => terms[id]),
    idf: opts.weighting === 'tfidf' ? kept.map((id) => Math.log((1 + docs) / (1 + df[id])) + 1) : null,
  });
  return { featurizer, table, lines };
}
