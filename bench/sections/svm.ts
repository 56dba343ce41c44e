import { svmComparison } from '../svm.js';
import { type BenchContext } from '../context.js';

export function run({ md, train, test }: BenchContext): void {
  // 6. Multiclass SVM and reductions, side by side with LIBLINEAR.
  md('## Multiclass SVM and reductions on MNIST, side by side with LIBLINEAR');
  md();
  md('argmax from the command line with its defaults (`argmax train mnist:train --model svm|ova|ava`, then `argmax test`); LIBLINEAR\'s Crammer–Singer solver on the same images written as LibSVM files (pixels in [0, 1]). Training wall time (for LIBLINEAR the whole `liblinear-train` command), accuracy on the 10,000 test images.');
  md();
  md('| trainer | training seconds | test accuracy | settings |');
  md('| --- | --- | --- | --- |');
  for (const r of svmComparison(train, test)) md(`| ${r.tool} | ${r.seconds.toFixed(1)} | ${r.testAccuracy.toFixed(4)} | ${r.note} |`);
  md();
}
