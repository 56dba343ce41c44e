import { textTask } from '../text.js';
import { type BenchContext } from '../context.js';

export function run({ md, test }: BenchContext): void {
  // 8. Text classification, side by side with fastText.
  md('## Text classification: State of the Union and SpamAssassin, side by side with fastText');
  md();
  md('Splits written by `argmax datasets sotu|spam` (SOTU: 3-sentence chunks labelled by party, split by whole speech; spam: seeded 80/20). Training time includes reading and vectorizing (whole command, wall clock); peak memory is the training process\'s; fastText uses its default threads on the 2 vCPUs.');
  md();
  for (const task of ['sotu', 'spam'] as const) {
    const r = textTask(task);
    md(`### ${task} (${r.trainExamples} training, ${r.testExamples} test examples)`);
    md();
    md('| tool | accuracy | macro-F1 | training seconds | peak memory MB | settings |');
    md('| --- | --- | --- | --- | --- | --- |');
    for (const x of r.runs) md(`| ${x.tool} | ${x.accuracy.toFixed(4)} | ${x.macroF1.toFixed(4)} | ${x.trainSeconds.toFixed(1)} | ${x.peakMb.toFixed(0)} | ${x.note} |`);
    const ours = r.runs.find((x) => x.tool.startsWith('argmax'));
    const tuned = r.runs.find((x) => x.tool === 'fastText tuned');
    if (ours && tuned && Number.isFinite(tuned.trainSeconds)) {
      md();
      md(`argmax vs tuned fastText: macro-F1 ${(ours.macroF1 - tuned.macroF1 >= 0 ? '+' : '')}${(ours.macroF1 - tuned.macroF1).toFixed(4)}, training ${(tuned.trainSeconds / ours.trainSeconds).toFixed(1)}× faster.`);
    }
    md();
    md(`Prediction throughput: ${r.predictPerSecond ? `${Math.round(r.predictPerSecond)} examples/s` : 'n/a'} (${r.predictNote}).`);
    md();
  }
}
