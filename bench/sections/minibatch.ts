import { join } from 'node:path';
import { minibatchRuns } from '../minibatch.js';
import { fmtSummary } from '../stats.js';
import { lastJson, peakRss, repoPath, runNode } from '../child.js';
import { type BenchContext } from '../context.js';

export function run({ md, train, test, quick, dir }: BenchContext): void {
  // 2. Minibatch training to ≥ 92% test accuracy, side by side with tfjs-backend-wasm.
  md('## Minibatch training on MNIST, side by side with tfjs-backend-wasm');
  md();
  const ours = minibatchRuns(train, test, 'wasm', quick ? 1 : 3);
  const oursF32 = minibatchRuns(train, test, 'wasm-f32', quick ? 1 : 3);
  const peer = runNode(repoPath('bench/tfjs-peer.mjs'), ['5']);
  const tf = lastJson(peer.stdout);
  md('Same model (softmax regression 784 → 10) and data, 5 epochs each, all 60,000 training images; wall time of training only (data loading and preparation reported separately); accuracy on the 10,000 test images.');
  md();
  md(`Data preparation for argmax (the CSR form of the uint8 images, made once and cached per matrix): ${ours.prepareSeconds.toFixed(2)} s.`);
  md();
  md('Test accuracy is checked after every epoch, for "seconds to 0.920" (the training time until it first reached 0.920); the checks are not counted in either time.');
  md();
  md('| trainer | optimizer | train seconds (5 epochs) | test accuracy | speed-up vs tfjs | seconds to 0.920 test accuracy (epoch) | speed-up to 0.920 vs tfjs |');
  md('| --- | --- | --- | --- | --- | --- | --- |');
  const tfTime = tf?.train_seconds ?? NaN;
  const tfTarget = tf?.seconds_to_target ?? null;
  for (const r of [ours, oursF32]) {
    const target = r.secondsToTarget ? `${fmtSummary(r.secondsToTarget, 2)} (${r.epochToTarget})` : 'not reached';
    const ratio = r.secondsToTarget && tfTarget ? `${(tfTarget / r.secondsToTarget.median).toFixed(1)}×` : 'n/a';
    md(`| argmax (${r.backend}) | SGD, batch 128, lr 1.0, cosine | ${fmtSummary(r.seconds, 2)} | ${r.testAccuracy.toFixed(4)} | ${(tfTime / r.seconds.median).toFixed(1)}× | ${target} | ${ratio} |`);
  }
  if (tf) {
    const target = tfTarget !== null ? `${tfTarget.toFixed(2)} (${tf.epoch_to_target})` : 'not reached in 5 epochs';
    md(`| tfjs ${tf.version} (${tf.backend}) | Adam, batch 128 | ${tf.train_seconds.toFixed(2)} (1 run; loading ${tf.load_seconds.toFixed(2)} s more) | ${tf.test_acc.toFixed(4)} | 1× | ${target} | 1× |`);
  } else {
    md(`| tfjs-backend-wasm | — | failed to run: ${(peer.stderr || String(peer.error)).split('\n')[0]} | | | | |`);
  }
  md();
  
  // 3. The same from the command line.
  const modelPath = join(dir, 'm.json');
  const cliTrain = lastJson(runNode(repoPath('dist/src/cli/main.js'), ['train', 'mnist:train', '--optimizer', 'sgd', '--epochs', '5', '-o', modelPath, '--json']).stdout);
  const cliTest = lastJson(runNode(repoPath('dist/src/cli/main.js'), ['test', modelPath, 'mnist:test', '--json']).stdout);
  md('From the command line:');
  md();
  md('```');
  md(`$ argmax train mnist:train --optimizer sgd --epochs 5 -o m.json --json   → seconds ${cliTrain?.seconds?.toFixed(2)}, load_seconds ${cliTrain?.load_seconds?.toFixed(2)}, train_acc ${cliTrain?.train_acc?.toFixed(4)}`);
  md(`$ argmax test m.json mnist:test --json                                    → accuracy ${cliTest?.accuracy?.toFixed(4)}, macro_f1 ${cliTest?.macro_f1?.toFixed(4)}`);
  md('```');
  md();
  
  // 4. Peak memory of the demo, next to the peer's.
  md('## Peak memory');
  md();
  const demo = runNode(repoPath('bench/peak-rss.mjs'), ['demo', '--json', '--out', join(dir, 'demo')]);
  const demoJson = lastJson(demo.stdout);
  md('| job | peak resident memory (MB) | notes |');
  md('| --- | --- | --- |');
  md(`| \`argmax demo\` | ${peakRss(demo.stderr)?.toFixed(0) ?? 'n/a'} | ${demoJson ? `${demoJson.epochs} epochs, test accuracy ${demoJson.test_acc.toFixed(4)}, ${demoJson.total_seconds.toFixed(1)} s in all` : 'failed'} |`);
  if (tf) md(`| tfjs-backend-wasm, 5 epochs | ${tf.peak_rss_mb.toFixed(0)} | the peer above |`);
  md();
}
