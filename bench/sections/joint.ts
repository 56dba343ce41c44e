import { lastJson, repoPath, runCommand } from '../child.js';
import { type BenchContext } from '../context.js';

export function run({ md }: BenchContext): void {
  // 7. Joint model with per-example candidate sets: cost independent of the total label count.
  md('## Candidate sets: 10 candidates per example out of 1,000 or 100,000 labels');
  md();
  md('The joint model w·f(x, y) with label-dependent features hashed into 2^18 joint features (`bench/joint-labels.mjs`): 20,000 examples, each with 10 candidate labels drawn from L labels, 5 epochs of minibatch SGD on the softmax over candidates. Whole process, wall clock and peak memory.');
  md();
  md('| total labels L | training seconds | whole process seconds | peak memory MB | training accuracy |');
  md('| --- | --- | --- | --- | --- |');
  for (const L of [1000, 100000]) {
    const m = lastJson(runCommand('/usr/bin/python3', [repoPath('bench/measure.py'), process.execPath, repoPath('bench/joint-labels.mjs'), String(L)]).stdout);
    const j = m ? lastJson(m.stdout) : null;
    md(j ? `| ${L.toLocaleString('en-US')} | ${j.seconds.toFixed(2)} | ${m.seconds.toFixed(2)} | ${m.peak_rss_mb.toFixed(0)} | ${j.train_acc.toFixed(4)} |` : `| ${L} | failed | | | |`);
  }
  md();
}
