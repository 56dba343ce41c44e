import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastJson, repoPath, runCommand } from './child.js';

export interface TextRun {
  tool: string;
  accuracy: number;
  macroF1: number;
  trainSeconds: number;
  peakMb: number;
  note: string;
}

export interface TextTaskResult {
  task: string;
  trainExamples: number;
  testExamples: number;
  runs: TextRun[];
  predictPerSecond: number | null;
  predictNote: string;
}

export function measure(command: string, args: string[]) {
  const r = runCommand('/usr/bin/python3', [repoPath('bench/measure.py'), command, ...args], 60 * 60_000);
  return lastJson(r.stdout) as { code: number; seconds: number; cpu_seconds: number; peak_rss_mb: number; stdout: string; stderr: string } | null;
}

/** Accuracy and macro-F1 of predicted against gold labels. */
export function scores(gold: string[], pred: string[]): { accuracy: number; macroF1: number } {
  const labels = [...new Set([...gold, ...pred])].sort();
  let hits = 0;
  gold.forEach((g, i) => (hits += g === pred[i] ? 1 : 0));
  const f1s = labels.map((c) => {
    let tp = 0, fp = 0, fn = 0;
    gold.forEach((g, i) => {
      if (pred[i] === c && g === c) tp++;
      else if (pred[i] === c) fp++;
      else if (g === c) fn++;
    });
    const p = tp + fp ? tp / (tp + fp) : 0;
    const r = tp + fn ? tp / (tp + fn) : 0;
    return p + r ? (2 * p * r) / (p + r) : 0;
  });
  return { accuracy: hits / gold.length, macroF1: f1s.reduce((a, b) => a + b, 0) / f1s.length };
}

export const goldOf = (file: string) =>
  readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => l.split(/\s+/)[0].slice('__label__'.length));

/**
 * One text task: argmax's default text model and the fastText command-line
 * tool (tuned: -wordNgrams 2 -epoch 25 -lr 0.5, and its defaults) on the same
 * fastText-format files. Training time includes reading and vectorizing;
 * peak memory is the training process's.
 */
export function textTask(task: 'sotu' | 'spam'): TextTaskResult {
  const dir = mkdtempSync(join(tmpdir(), `argmax-${task}-`));
  const cli = repoPath('dist/src/cli/main.js');
  runCommand(process.execPath, [cli, 'datasets', task, '--out', dir]);
  const train = join(dir, 'train.txt');
  const test = join(dir, 'test.txt');
  const gold = goldOf(test);
  const runs: TextRun[] = [];

  const model = join(dir, 'argmax.json');
  const t = measure(process.execPath, [cli, 'train', train, '-o', model, '--json']);
  const tj = t ? lastJson(t.stdout) : null;
  const e = lastJson(runCommand(process.execPath, [cli, 'test', model, test, '--json']).stdout);
  if (t && tj && e) {
    runs.push({
      tool: 'argmax (defaults)', accuracy: e.accuracy, macroF1: e.macro_f1, trainSeconds: t.seconds, peakMb: t.peak_rss_mb,
      note: `newton, C 10, balanced; ${tj.features} features; ${tj.iterations} iterations, vectorizing ${tj.load_seconds.toFixed(1)} s`,
    });
  }
  // predict throughput: the whole command (model loading included) over the test file.
  const p = measure(process.execPath, [cli, 'predict', model, test]);
  const predictPerSecond = p && p.code === 0 ? gold.length / p.seconds : null;

  for (const [name, extra] of [['fastText tuned', ['-wordNgrams', '2', '-epoch', '25', '-lr', '0.5']], ['fastText defaults', []]] as const) {
    const out = join(dir, name.replace(/\s+/g, '-'));
    const f = measure('fasttext', ['supervised', '-input', train, '-output', out, '-verbose', '0', ...extra]);
    if (!f || f.code !== 0) {
      runs.push({ tool: name, accuracy: NaN, macroF1: NaN, trainSeconds: NaN, peakMb: NaN, note: 'not run: install with `apt-get install fasttext`' });
      continue;
    }
    const pred = runCommand('fasttext', ['predict', `${out}.bin`, test]).stdout.trim().split('\n').map((l) => l.trim().slice('__label__'.length));
    const s = scores(gold, pred);
    runs.push({ tool: name, accuracy: s.accuracy, macroF1: s.macroF1, trainSeconds: f.seconds, peakMb: f.peak_rss_mb, note: extra.join(' ') || 'lr 0.1, 5 epochs, unigrams' });
  }
  writeFileSync(join(dir, 'done'), '');
  return {
    task,
    trainExamples: goldOf(train).length,
    testExamples: gold.length,
    runs,
    predictPerSecond,
    predictNote: p ? `argmax predict over the ${gold.length} test examples: ${p.seconds.toFixed(2)} s including Node start-up and model loading` : 'failed',
  };
}
