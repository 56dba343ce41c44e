import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Dataset } from '../src/data/dataset.js';
import { LabelTable } from '../src/data/labels.js';
import { readRecords } from '../src/io/readers/read.js';
import { LinearModel } from '../src/model/linear-model.js';
import { accuracy } from '../src/metrics/classification.js';
import { crammerSingerDual } from '../src/svm/crammer-singer-dual.js';
import { crammerSingerPrimal } from '../src/svm/crammer-singer-primal.js';
import { lastJson, repoPath, runCommand } from './child.js';
import { type Summary, summarize } from './stats.js';

export interface ExactSvmRun {
  tool: string;
  setting: string;
  seconds: Summary;
  /** CPU seconds (user + system) of the last run: the machine is shared, so wall time carries its load. */
  cpuSeconds: number;
  primal: number;
  dual: number;
  testAccuracy: number;
}

function readDigits(path: string, D: number): Dataset {
  const r = readRecords(path, { numFeatures: D });
  if (r.kind !== 'vectors') throw new Error(`${path}: expected numeric features`);
  const labels = new LabelTable(Array.from({ length: 10 }, (_, k) => k));
  return { X: r.X, y: labels.encode(r.labels.map((l) => Number(l[0]))), labels };
}

/**
 * The Crammer–Singer problem on MNIST at C = 1, no bias (LIBLINEAR's -B -1),
 * solved by `liblinear-train -s 4` at -e 0.1 (its default) and 0.01, then by
 * argmax's dual coordinate descent (in process, on the LibSVM file LIBLINEAR
 * reads; WebAssembly sweeps) at two relative duality gaps and until its
 * primal first reaches LIBLINEAR's -e 0.1 primal (the time to the same
 * objective): wall seconds (median and range over `runs`), CPU seconds, the
 * primal objective ½‖W‖² + C Σ ξ recomputed from each model's weights by the
 * same function, the dual objective each solver reports, and test accuracy.
 */
export function exactSvmComparison(trainFile: string, testFile: string, dir: string, runs: number): ExactSvmRun[] {
  const D = 784;
  const train = readDigits(trainFile, D);
  const test = readDigits(testFile, D);
  const out: ExactSvmRun[] = [];
  for (const eps of ['0.1', '0.01']) {
    const times: number[] = [];
    let cpu = NaN;
    let log = '';
    const modelFile = join(dir, `ll-${eps}.model`);
    for (let r = 0; r < runs; r++) {
      const m = lastJson(runCommand('/usr/bin/python3', [repoPath('bench/measure.py'), 'liblinear-train', '-s', '4', '-c', '1', '-B', '-1', '-e', eps, trainFile, modelFile]).stdout);
      if (!m || m.code !== 0) return out;
      times.push(m.seconds);
      cpu = m.cpu_seconds;
      log = m.stdout;
    }
    const W = readLiblinearWeights(modelFile, D);
    const model = new LinearModel(train.labels, D, W, null, 'margin');
    const dual = -Number(/Objective value = ([-\d.e]+)/.exec(log)?.[1]);
    const iterations = /#iter = (\d+)/.exec(log)?.[1];
    out.push({
      tool: 'LIBLINEAR -s 4', setting: `-e ${eps}${eps === '0.1' ? ' (its default)' : ''} (${iterations} iterations)`, seconds: summarize(times), cpuSeconds: cpu,
      primal: crammerSingerPrimal(train.X, train.y, 10, W, null, 1), dual, testAccuracy: accuracy(test.y, model.predictIndex(test.X)),
    });
  }
  const target = out[0]?.primal ?? -Infinity;
  const settings = [
    { label: (n: number) => `duality gap ≤ 0.1·primal (${n} sweeps)`, tol: 1e-1, target: -Infinity },
    { label: (n: number) => `duality gap ≤ 0.01·primal (${n} sweeps)`, tol: 1e-2, target: -Infinity },
    { label: (n: number) => `duality gap ≤ 1e-4·primal, its default (${n} sweeps)`, tol: 1e-4, target: -Infinity },
    { label: (n: number) => `until primal ≤ LIBLINEAR -e 0.1's ${target.toFixed(2)} (${n} sweeps)`, tol: 1e-6, target },
    { label: (n: number) => `until primal ≤ LIBLINEAR -e 0.1's ${target.toFixed(2)} (${n} sweeps)`, tol: 1e-6, target, proximal: 0 },
  ];
  for (const setting of settings) {
    const times: number[] = [];
    let cpu = NaN;
    let last = null as ReturnType<typeof crammerSingerDual> | null;
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      last = crammerSingerDual(train.X, train.y, 10, {
        C: 1, tol: setting.tol, backend: 'wasm', proximal: setting.proximal,
        onIteration: (_, p) => p.primal !== null && p.primal <= setting.target,
      });
      times.push((performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      cpu = (c.user + c.system) / 1e6;
    }
    const model = new LinearModel(train.labels, D, last!.W, null, 'margin');
    out.push({
      tool: setting.proximal === 0 ? 'argmax dual-cd, plain sweeps (proximal 0)' : 'argmax dual-cd', setting: setting.label(last!.iterations), seconds: summarize(times), cpuSeconds: cpu,
      primal: crammerSingerPrimal(train.X, train.y, 10, last!.W, null, 1), dual: last!.dual, testAccuracy: accuracy(test.y, model.predictIndex(test.X)),
    });
  }
  return out;
}

/** The K×D weights of a LIBLINEAR model file (its "w" block is nr_feature rows of K values, classes in its "label" order). */
function readLiblinearWeights(path: string, D: number): Float64Array {
  const lines = readFileSync(path, 'utf8').split('\n');
  const labels = lines.find((l) => l.startsWith('label '))!.split(' ').slice(1).map(Number);
  const start = lines.indexOf('w') + 1;
  // LIBLINEAR's width is the largest index in its training file: trailing always-zero pixels have no row.
  const width = Number(lines.find((l) => l.startsWith('nr_feature '))!.split(' ')[1]);
  const K = labels.length;
  const W = new Float64Array(K * D);
  for (let j = 0; j < Math.min(width, D); j++) {
    const row = lines[start + j].trim().split(/\s+/).map(Number);
    for (let c = 0; c < K; c++) W[labels[c] * D + j] = row[c];
  }
  return W;
}
