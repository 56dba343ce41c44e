/** `argmax train --model …` refusals a student meets, said in the command line's terms. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempFiles } from './cli-run.js';

test('train --model binary on 3 classes exits 1 before training, naming the file and the class count and pointing to --model softmax and --model ova', () => {
  const { dir, file } = tempFiles('argmax-cli-models-');
  const data = file('news.txt', '__label__Health drug patients\n__label__Health drug trials\n__label__Sports baseball mets\n__label__Sports mets baseball\n__label__Science telescope planet\n__label__Science planet telescope\n');
  const model = join(dir, 'm.json');
  const r = runCli('train', data, '--model', 'binary', '-o', model);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /news\.txt: --model binary needs exactly 2 classes, the data has 3; use --model softmax, or --model ova for one binary classifier per class/);
  assert.doesNotMatch(r.stdout, /epoch/, 'no training table was started');
  assert.equal(existsSync(model), false);
});

test('demo and learning-curve refuse an optimizer their model cannot use (dual-cd, the SVM solver, for softmax regression) with exit 2 before loading MNIST', () => {
  const { dir } = tempFiles('argmax-cli-models-');
  for (const command of ['demo', 'learning-curve']) {
    const r = runCli(command, '--optimizer', 'dual-cd', '--out', join(dir, command));
    assert.equal(r.code, 2, `${command}: exit ${r.code}, stderr ${r.stderr}`);
    assert.match(r.stderr, /dual-cd is the exact solver of the multiclass SVM .*use newton or lbfgs/);
    // Nothing was loaded or shown: both commands print their first line only after loading the data.
    assert.equal(r.stdout, '', `${command} printed ${JSON.stringify(r.stdout.slice(0, 120))}`);
  }
});
