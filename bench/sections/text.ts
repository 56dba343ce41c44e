import { textTask, TEXT_RUNS, type TextTaskResult } from '../text.js';
import { type BenchContext } from '../context.js';
import { fmtSummary, type Summary } from '../stats.js';

const f1 = (s: Summary) => fmtSummary(s, 1);
const f0 = (s: Summary) => fmtSummary(s, 0);

export function run({ md }: BenchContext): void {
  // 8. Text classification, side by side with fastText.
  md('## Text classification: State of the Union and SpamAssassin, side by side with fastText');
  md();
  md(`Splits written by \`argmax datasets sotu|spam\` (SOTU: 3-sentence chunks labelled by party, split by whole speech; spam: seeded 80/20). Each command runs ${TEXT_RUNS} times (fastText defaults once): median (min–max). Training time is the whole command (reading and vectorizing included), wall clock, with its CPU time (user + system) beside it; peak memory is the training process's (ru_maxrss). fastText uses its default threads on the 2 vCPUs. Prediction is the whole \`predict\` command over the test file (start-up and model loading included) for both tools.`);
  md();
  for (const task of ['sotu', 'spam'] as const) {
    const r = textTask(task);
    md(`### ${task} (${r.trainExamples} training, ${r.testExamples} test examples; training file ${r.megabytes.toFixed(1)} MB)`);
    md();
    md('| tool | accuracy | macro-F1 | training s (wall) | training CPU s | peak memory MB | predict examples/s (whole command: wall s; CPU s) | settings |');
    md('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const x of r.runs) {
      const p = x.predict ? `${Math.round(x.predict.perSecond)} (${fmtSummary(x.predict.seconds, 2)}; ${fmtSummary(x.predict.cpu, 2)})` : 'n/a';
      md(`| ${x.tool} | ${x.accuracy.toFixed(4)} | ${x.macroF1.toFixed(4)} | ${f1(x.trainSeconds)} | ${f1(x.cpuSeconds)} | ${f0(x.peakMb)} | ${p} | ${x.note} |`);
    }
    const ours = r.runs.find((x) => x.tool.startsWith('argmax'));
    const tuned = r.runs.find((x) => x.tool === 'fastText tuned');
    if (ours && tuned && Number.isFinite(tuned.trainSeconds.median)) {
      md();
      md(
        `argmax vs tuned fastText (medians, same run): macro-F1 ${(ours.macroF1 - tuned.macroF1 >= 0 ? '+' : '')}${(ours.macroF1 - tuned.macroF1).toFixed(4)}, ` +
          `accuracy ${(ours.accuracy - tuned.accuracy >= 0 ? '+' : '')}${(ours.accuracy - tuned.accuracy).toFixed(4)}; ` +
          `training time ${(ours.trainSeconds.median / tuned.trainSeconds.median).toFixed(2)}× fastText's (CPU ${(ours.cpuSeconds.median / tuned.cpuSeconds.median).toFixed(2)}×); ` +
          `peak memory ${(ours.peakMb.median / tuned.peakMb.median).toFixed(2)}× fastText's` +
          (ours.predict && tuned.predict ? `; prediction ${(ours.predict.perSecond / tuned.predict.perSecond).toFixed(2)}× fastText's examples/s.` : '.'),
      );
    }
    md();
    const paragraph = vectorizeParagraph(r);
    if (paragraph) {
      md(paragraph);
      md();
    }
  }
}

/** The reading + vectorizing paragraph of one task (null when not measured). */
export function vectorizeParagraph(r: Pick<TextTaskResult, 'megabytes' | 'vectorize' | 'fastTextRead' | 'wcSeconds'>): string | null {
  if (!r.vectorize) return null;
  const v = r.vectorize;
  const mbps = (s: Summary) => `${(r.megabytes / s.median).toFixed(1)} MB/s`;
  return (
    `Reading + tokenizing + vectorizing the ${r.megabytes.toFixed(1)} MB training file in-process (\`bench/text-vectorize.ts\`, a fresh process per run): ` +
    `streamed bytes into the interned CSR ${f1(v.stream)} s wall, ${f1(v.streamCpu)} s CPU (${mbps(v.stream)}); ` +
    `the previous string path (line strings, terms as strings, Map vocabulary) ${f1(v.strings)} s wall, ${f1(v.stringsCpu)} s CPU (${mbps(v.strings)}): ` +
    `${(v.strings.median / v.stream.median).toFixed(1)}× faster wall, ${(v.stringsCpu.median / v.streamCpu.median).toFixed(1)}× CPU.` +
    (r.fastTextRead ? ` fastText reading the same file (\`fasttext supervised -epoch 0 -dim 1\`, whole command: start-up, reading ${r.fastTextRead.words} words, building and pruning its dictionary, writing a 1-dimensional model; an upper bound on its reading time): ${f1(r.fastTextRead.seconds)} s wall, ${f1(r.fastTextRead.cpu)} s CPU (${mbps(r.fastTextRead.seconds)}).` : '') +
    (r.wcSeconds ? ` \`wc -w\`: ${fmtSummary(r.wcSeconds, 2)} s (${mbps(r.wcSeconds)}).` : '')
  );
}
