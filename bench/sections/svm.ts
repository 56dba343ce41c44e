import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { svmComparison, toLibsvm } from '../svm.js';
import { exactSvmComparison } from '../svm-exact.js';
import { fmtSummary } from '../stats.js';
import { type BenchContext } from '../context.js';

export function run({ md, train, test, dir, SLOW_RUNS, quick }: BenchContext): void {
  // 6. Multiclass SVM and reductions, side by side with LIBLINEAR.
  md('## Multiclass SVM and reductions on MNIST, side by side with LIBLINEAR');
  md();
  md('argmax from the command line with its defaults (`argmax train mnist:train --model svm|ova|ava`, then `argmax test`); LIBLINEAR\'s Crammer–Singer solver on the same images written as LibSVM files (pixels in [0, 1]). Training wall time (for LIBLINEAR the whole `liblinear-train` command), accuracy on the 10,000 test images.');
  md();
  md('| trainer | training seconds | test accuracy | settings |');
  md('| --- | --- | --- | --- |');
  for (const r of svmComparison(train, test)) md(`| ${r.tool} | ${r.seconds.toFixed(1)} | ${r.testAccuracy.toFixed(4)} | ${r.note} |`);
  md();

  md('### The exact Crammer–Singer solver against LIBLINEAR -s 4, same problem');
  md();
  md('C = 1, 0/1 costs, no bias (`-B -1`), the same LibSVM file for both (pixels in [0, 1], 6 decimals). argmax: `crammerSingerDual` in process (the `--optimizer dual-cd` solver), stopping on the relative duality gap; LIBLINEAR: `liblinear-train -s 4` as a command (reading the file included), stopping on its violation test `-e`. Seconds are the median (range) of the runs; the primal ½‖W‖² + C Σ ξ is recomputed from each model\'s weights by the same function; the dual is what each solver reports; a lower primal is closer to the optimum, and every primal is ≥ every dual.');
  md();
  const trainFile = join(dir, 'mnist-train.svm');
  const testFile = join(dir, 'mnist-test.svm');
  writeFileSync(trainFile, toLibsvm(train));
  writeFileSync(testFile, toLibsvm(test));
  const runs = quick ? 1 : SLOW_RUNS;
  md(`| solver | stopping | seconds (${runs} runs) | primal | dual | test accuracy |`);
  md('| --- | --- | --- | --- | --- | --- |');
  for (const r of exactSvmComparison(trainFile, testFile, dir, runs)) {
    md(`| ${r.tool} | ${r.setting} | ${fmtSummary(r.seconds)} | ${r.primal.toFixed(2)} | ${r.dual.toFixed(2)} | ${r.testAccuracy.toFixed(4)} |`);
  }
  md();
}
