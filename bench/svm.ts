import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Dataset } from '../src/data/dataset.js';
import { type DenseMatrix } from '../src/data/dense.js';
import { lastJson, repoPath, runCommand } from './child.js';

export interface SvmRun {
  tool: string;
  seconds: number;
  testAccuracy: number;
  note: string;
}

/** MNIST as LibSVM text (1-based indices, pixels scaled to [0, 1], zeros omitted). */
export function toLibsvm(data: Dataset<DenseMatrix>): string {
  const { X, y } = data;
  const lines: string[] = [];
  for (let i = 0; i < X.rows; i++) {
    const parts = [String(y[i])];
    for (let j = 0; j < X.cols; j++) {
      const v = X.data[i * X.cols + j];
      if (v !== 0) parts.push(`${j + 1}:${+(v * X.scale).toFixed(6)}`);
    }
    lines.push(parts.join(' '));
  }
  return lines.join('\n') + '\n';
}

/**
 * Multiclass SVM on MNIST: argmax's --model svm (SGD on the Crammer–Singer
 * hinge, 0/1 costs, its defaults) from the command line, and LIBLINEAR's
 * Crammer–Singer solver (`liblinear-train -s 4`, default C = 1) on the same
 * data written as LibSVM files. Wall time of training, accuracy on mnist:test.
 */
export function svmComparison(train: Dataset<DenseMatrix>, test: Dataset<DenseMatrix>): SvmRun[] {
  const dir = mkdtempSync(join(tmpdir(), 'argmax-svm-'));
  const cli = repoPath('dist/src/cli/main.js');
  const runs: SvmRun[] = [];
  const model = join(dir, 'svm.json');
  const t = lastJson(runCommand(process.execPath, [cli, 'train', 'mnist:train', '--model', 'svm', '-o', model, '--json']).stdout);
  const e = lastJson(runCommand(process.execPath, [cli, 'test', model, 'mnist:test', '--json']).stdout);
  if (t && e) runs.push({ tool: 'argmax --model svm', seconds: t.seconds, testAccuracy: e.accuracy, note: `SGD, ${t.epochs} epochs, batch 128, cosine schedule` });
  for (const kind of ['ova', 'ava'] as const) {
    const m = join(dir, `${kind}.json`);
    const tk = lastJson(runCommand(process.execPath, [cli, 'train', 'mnist:train', '--model', kind, '-o', m, '--json']).stdout);
    const ek = lastJson(runCommand(process.execPath, [cli, 'test', m, 'mnist:test', '--json']).stdout);
    if (tk && ek) runs.push({ tool: `argmax --model ${kind}`, seconds: tk.seconds, testAccuracy: ek.accuracy, note: `${tk.classifiers} binary logistic classifiers, SGD` });
  }
  const trainFile = join(dir, 'train.svm');
  const testFile = join(dir, 'test.svm');
  writeFileSync(trainFile, toLibsvm(train));
  writeFileSync(testFile, toLibsvm(test));
  const ll = lastJson(runCommand('/usr/bin/python3', [repoPath('bench/measure.py'), 'liblinear-train', '-s', '4', '-q', trainFile, join(dir, 'll.model')]).stdout);
  if (ll && ll.code === 0) {
    const out = runCommand('liblinear-predict', [testFile, join(dir, 'll.model'), join(dir, 'll.out')]).stdout;
    const m = /Accuracy = ([\d.]+)%/.exec(out);
    runs.push({ tool: 'LIBLINEAR -s 4 (Crammer–Singer)', seconds: ll.seconds, testAccuracy: m ? Number(m[1]) / 100 : NaN, note: 'C = 1, eps 0.1, dual coordinate descent' });
  } else {
    runs.push({ tool: 'LIBLINEAR -s 4', seconds: NaN, testAccuracy: NaN, note: 'not run: install with `apt-get install liblinear-tools`' });
  }
  return runs;
}
