import { type LabelTable } from '../data/labels.js';
import { type RowCache, RowCacheWriter } from '../data/row-cache.js';
import { type FeaturizerOptions, TextFeaturizer } from '../text/featurizer.js';
import { fitTextFile, transformTextFile } from '../text/text-stream.js';
import { emptyVocabularyReason } from './data-source.js';

/** A fastText file's examples featurized into a disk cache, with the fitted featurizer and the label table. */
export interface CachedText {
  cache: RowCache;
  featurizer: TextFeaturizer;
  labels: LabelTable;
  /** Training examples (lines, once per label). */
  lines: number;
}

/**
 * Two streaming passes over a fastText file as bytes, holding neither its
 * text nor its rows: the first fits the vocabulary and idf exactly as the
 * in-memory path does (a line with several labels counts once per label);
 * the second featurizes each line once and writes its row, once per label,
 * to a disk cache. Only the vocabulary and the cache's block buffer are in
 * memory. Vocabulary features only (not --hash-buckets).
 */
export function streamTextToCache(
  path: string,
  featurizerOptions: Partial<FeaturizerOptions>,
  o: { dir?: string; onProgress?: (stage: string, fraction: number) => void } = {},
): CachedText {
  const probe = new TextFeaturizer(featurizerOptions);
  if (probe.options.hashBuckets !== null) throw new RangeError('out-of-core text training builds a vocabulary; drop --hash-buckets (or train in memory)');
  const fit = fitTextFile(path, featurizerOptions, { onProgress: (f) => o.onProgress?.('counting terms', f) });
  const { featurizer, labels: table, examples } = fit;
  if (examples === 0) throw new RangeError(`${path}: no labelled examples`);
  if (table.size < 2) throw new RangeError(`${path}: every example has the label ${JSON.stringify(table.labels[0])}; a classifier needs examples of at least 2 classes`);
  if (featurizer.numFeatures === 0) throw new RangeError(`${path}: ${emptyVocabularyReason(featurizer, fit.termSummary)}; no model written`);
  const writer = new RowCacheWriter({ dir: o.dir });
  try {
    transformTextFile(path, featurizer, writer, {
      requireLabels: true,
      rowsOf: (labels) => labels.map((l) => table.indexOf(l)),
      onProgress: (f) => o.onProgress?.('writing the row cache', f),
    });
    return { cache: writer.finish(featurizer.numFeatures), featurizer, labels: table, lines: examples };
  } catch (e) {
    writer.abort();
    throw e;
  }
}
