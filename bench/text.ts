import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastJson, repoPath, runCommand } from './child.js';
import { type Summary, summarize } from './stats.js';

export interface TextRun {
  tool: string;
  accuracy: number;
  macroF1: number;
  /** Whole training command, wall seconds (and CPU seconds), over the runs. */
  trainSeconds: Summary;
  cpuSeconds: Summary;
  peakMb: Summary;
  note: string;
  /** Whole `predict` command over the test file: examples per second (from the median time), null if not run. */
  predict: { perSecond: number; seconds: Summary; cpu: Summary } | null;
}

export interface TextTaskResult {
  task: string;
  trainExamples: number;
  testExamples: number;
  megabytes: number;
  runs: TextRun[];
  /** Reading + tokenizing + vectorizing the training file in-process: now (stream) and before (strings). */
  vectorize: { stream: Summary; streamCpu: Summary; strings: Summary; stringsCpu: Summary } | null;
  /** fastText reading the training file: `fasttext supervised -epoch 0 -dim 1` (whole command). */
  fastTextRead: { seconds: Summary; cpu: Summary; words: string } | null;
  wcSeconds: Summary | null;
}

export const TEXT_RUNS = 3;

interface Measured { code: number; seconds: number; cpu_seconds: number; peak_rss_mb: number; stdout: string; stderr: string }

export function measure(command: string, args: string[]): Measured | null {
  const r = runCommand('/usr/bin/python3', [repoPath('bench/measure.py'), command, ...args], 60 * 60_000);
  return lastJson(r.stdout) as Measured | null;
}

/** `runs` measurements of one command; null if any failed. */
function measureRuns(runs: number, command: string, args: string[]): Measured[] | null {
  const out: Measured[] = [];
  for (let r = 0; r < runs; r++) {
    const m = measure(command, args);
    if (!m || m.code !== 0) return null;
    out.push(m);
  }
  return out;
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

const stat = (ms: Measured[], f: (m: Measured) => number) => summarize(ms.map(f));

/**
 * One text task: argmax's default text model and the fastText command-line
 * tool (tuned: -wordNgrams 2 -epoch 25 -lr 0.5, and its defaults) on the same
 * fastText-format files, each command run TEXT_RUNS times (fastText defaults
 * once). Training time includes reading and vectorizing; peak memory is the
 * training process's; prediction is the whole `predict` command (start-up and
 * model loading included) for both tools.
 */
export function textTask(task: 'sotu' | 'spam'): TextTaskResult {
  const dir = mkdtempSync(join(tmpdir(), `argmax-${task}-`));
  try {
    return runTask(task, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runTask(task: 'sotu' | 'spam', dir: string): TextTaskResult {
  const cli = repoPath('dist/src/cli/main.js');
  runCommand(process.execPath, [cli, 'datasets', task, '--out', dir]);
  const train = join(dir, 'train.txt');
  const test = join(dir, 'test.txt');
  const gold = goldOf(test);
  const runs: TextRun[] = [];
  const predictRuns = (command: string, args: string[]) => {
    const p = measureRuns(TEXT_RUNS, command, args);
    if (!p) return null;
    const seconds = stat(p, (m) => m.seconds);
    return { perSecond: gold.length / seconds.median, seconds, cpu: stat(p, (m) => m.cpu_seconds) };
  };

  const vectorize = measureVectorize(train);

  const model = join(dir, 'argmax.json');
  const t = measureRuns(TEXT_RUNS, process.execPath, [cli, 'train', train, '-o', model, '--json']);
  const tj = t ? lastJson(t[t.length - 1].stdout) : null;
  const e = lastJson(runCommand(process.execPath, [cli, 'test', model, test, '--json']).stdout);
  if (t && tj && e) {
    runs.push({
      tool: 'argmax (defaults)', accuracy: e.accuracy, macroF1: e.macro_f1,
      trainSeconds: stat(t, (m) => m.seconds), cpuSeconds: stat(t, (m) => m.cpu_seconds), peakMb: stat(t, (m) => m.peak_rss_mb),
      note: `newton, C 10, balanced; ${tj.features} features; ${tj.iterations} iterations, reading + vectorizing ${tj.load_seconds.toFixed(1)} s (last run)`,
      predict: predictRuns(process.execPath, [cli, 'predict', model, test]),
    });
  }

  for (const [name, extra] of [['fastText tuned', ['-wordNgrams', '2', '-epoch', '25', '-lr', '0.5']], ['fastText defaults', []]] as const) {
    const out = join(dir, name.replace(/\s+/g, '-'));
    const f = measureRuns(name === 'fastText tuned' ? TEXT_RUNS : 1, 'fasttext', ['supervised', '-input', train, '-output', out, '-verbose', '0', ...extra]);
    const nan = summarize([NaN]);
    if (!f) {
      runs.push({ tool: name, accuracy: NaN, macroF1: NaN, trainSeconds: nan, cpuSeconds: nan, peakMb: nan, note: 'not run: install with `apt-get install fasttext`', predict: null });
      continue;
    }
    const pred = runCommand('fasttext', ['predict', `${out}.bin`, test]).stdout.trim().split('\n').map((l) => l.trim().slice('__label__'.length));
    const s = scores(gold, pred);
    runs.push({
      tool: name, accuracy: s.accuracy, macroF1: s.macroF1,
      trainSeconds: stat(f, (m) => m.seconds), cpuSeconds: stat(f, (m) => m.cpu_seconds), peakMb: stat(f, (m) => m.peak_rss_mb),
      note: extra.join(' ') || 'lr 0.1, 5 epochs, unigrams',
      predict: predictRuns('fasttext', ['predict', `${out}.bin`, test]),
    });
  }

  const { fastTextRead, wcSeconds } = measureReaders(train, dir);
  return {
    task,
    trainExamples: goldOf(train).length,
    testExamples: gold.length,
    megabytes: statSync(train).size / 1e6,
    runs,
    vectorize,
    fastTextRead,
    wcSeconds,
  };
}

/** Reading + vectorizing a training file in-process (bench/text-vectorize.ts), alternating the two paths, a fresh process per run. */
export function measureVectorize(train: string): TextTaskResult['vectorize'] {
  const vec: Record<'stream' | 'strings', { seconds: number; cpuSeconds: number }[]> = { stream: [], strings: [] };
  for (let r = 0; r < TEXT_RUNS; r++) {
    for (const mode of ['stream', 'strings'] as const) {
      const j = lastJson(runCommand(process.execPath, [repoPath('dist/bench/text-vectorize.js'), train, mode]).stdout);
      if (j) vec[mode].push(j);
    }
  }
  return vec.stream.length && vec.strings.length
    ? {
        stream: summarize(vec.stream.map((v) => v.seconds)), streamCpu: summarize(vec.stream.map((v) => v.cpuSeconds)),
        strings: summarize(vec.strings.map((v) => v.seconds)), stringsCpu: summarize(vec.strings.map((v) => v.cpuSeconds)),
      }
    : null;
}

/** The readers beside it: fastText's own reading of the file and `wc -w`. */
export function measureReaders(train: string, dir: string): Pick<TextTaskResult, 'fastTextRead' | 'wcSeconds'> {
  // fastText's own reading: no epoch, a 1-dimensional model (so little beyond reading the file and building its dictionary).
  const readOut = join(dir, 'ft-read');
  const fr = measureRuns(TEXT_RUNS, 'fasttext', ['supervised', '-input', train, '-output', readOut, '-epoch', '0', '-dim', '1', '-verbose', '2']);
  // fastText prints its progress "Read 1M words", "Read 2M words", …: the last one is the total.
  const words = fr ? ([...(fr[0].stdout + fr[0].stderr).matchAll(/Read (\d+M) words/g)].pop()?.[1] ?? '?') : '?';
  const wc = measureRuns(TEXT_RUNS, 'wc', ['-w', train]);
  return {
    fastTextRead: fr ? { seconds: stat(fr, (m) => m.seconds), cpu: stat(fr, (m) => m.cpu_seconds), words } : null,
    wcSeconds: wc ? stat(wc, (m) => m.seconds) : null,
  };
}
