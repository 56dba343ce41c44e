import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
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
  md('C = 1, 0/1 costs, no bias (`-B -1`), the same LibSVM file for both (pixels in [0, 1], 6 decimals). LIBLINEAR: `liblinear-train -s 4` as a command (reading the file included), stopping on its violation test `-e`. argmax: `crammerSingerDual` in process (the `--optimizer dual-cd` solver: WebAssembly sweeps inside its accelerated proximal-point outer loop; its set-up from the parsed file included), stopping on the relative duality gap, then stopping as soon as a gap check finds its primal at or below LIBLINEAR\'s -e 0.1 primal (the time to the same objective; checks every 2N example visits), and the same with the outer loop off (`proximal: 0`: LIBLINEAR\'s own iterates, checked also after every full sweep). The primal ½‖W‖² + C Σ ξ is recomputed from each model\'s weights by the same function; the dual is what each solver reports; every primal is ≥ every dual. CPU seconds are user + system of the process (LIBLINEAR\'s from its child\'s rusage): the machine is shared by other jobs, so wall time carries their load. "× LIBLINEAR" is LIBLINEAR -e 0.1\'s time divided by the row\'s (above 1: faster than LIBLINEAR), wall and CPU, same run.');
  md();
  const trainFile = join(dir, 'mnist-train.svm');
  const testFile = join(dir, 'mnist-test.svm');
  writeFileSync(trainFile, toLibsvm(train));
  writeFileSync(testFile, toLibsvm(test));
  // Each run takes a minute or more on this machine: one run each (no range).
  const runs = quick ? 1 : Math.min(SLOW_RUNS, 1);
  const rows = exactSvmComparison(trainFile, testFile, dir, runs);
  const ref = rows.find((r) => r.tool.startsWith('LIBLINEAR'));
  md(`| solver | stopping | wall seconds (${runs} run) | CPU seconds | × LIBLINEAR -e 0.1 (wall / CPU) | primal | dual | gap | test accuracy |`);
  md('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const ratio = ref ? `${(ref.seconds.median / r.seconds.median).toFixed(2)} / ${(ref.cpuSeconds / r.cpuSeconds).toFixed(2)}` : '–';
    md(`| ${r.tool} | ${r.setting} | ${fmtSummary(r.seconds)} | ${r.cpuSeconds.toFixed(1)} | ${ratio} | ${r.primal.toFixed(2)} | ${r.dual.toFixed(2)} | ${(r.primal - r.dual).toFixed(2)} | ${r.testAccuracy.toFixed(4)} |`);
  }
  md();
  md(`Load during the section: \`uptime\` ${loadAverage()}.`);
  md();
}

function loadAverage(): string {
  return `load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`;
}
