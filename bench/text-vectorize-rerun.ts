/**
 * Reruns only the reading + vectorizing comparison of the text section (the
 * two paths of bench/text-vectorize.ts, fastText's own reading, `wc -w`) on
 * the sotu and spam training files, and replaces those two paragraphs in
 * bench/results/text.md and BENCHMARKS.md, each marked with its date and the
 * machine's load; the rest of the section keeps its earlier run. For when the
 * whole section (minutes of fastText training) cannot be rerun.
 * Usage: node dist/bench/text-vectorize-rerun.js
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { repoPath, runCommand } from './child.js';
import { vectorizeParagraph } from './sections/text.js';
import { measureReaders, measureVectorize } from './text.js';

const OPENING = 'Reading + tokenizing + vectorizing the ';
const files = [repoPath('bench/results/text.md'), repoPath('BENCHMARKS.md')];
const texts = files.map((f) => readFileSync(f, 'utf8'));

for (const task of ['sotu', 'spam'] as const) {
  const dir = mkdtempSync(join(tmpdir(), `argmax-vectorize-${task}-`));
  try {
    runCommand(process.execPath, [repoPath('dist/src/cli/main.js'), 'datasets', task, '--out', dir]);
    const train = join(dir, 'train.txt');
    const loadBefore = loadavg()[0];
    const result = { megabytes: statSync(train).size / 1e6, vectorize: measureVectorize(train), ...measureReaders(train, dir) };
    const loadAfter = loadavg()[0];
    const paragraph = vectorizeParagraph(result);
    if (!paragraph) throw new Error(`${task}: the vectorizing runs failed`);
    const stamped = `${paragraph} (This paragraph rerun alone: \`node dist/bench/text-vectorize-rerun.js\`, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, 1-minute load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after, on 2 vCPUs.)`;
    console.log(`${task}: ${stamped}`);
    texts.forEach((text, k) => {
      // The task's paragraph: the first one opening with OPENING after the task's heading.
      const heading = text.indexOf(`### ${task} (`);
      const from = heading < 0 ? -1 : text.indexOf(OPENING, heading);
      if (from < 0) throw new Error(`${files[k]}: no reading + vectorizing paragraph under "### ${task}"; run the whole section: node dist/bench/run.js --only text`);
      const to = text.indexOf('\n', from);
      texts[k] = text.slice(0, from) + stamped + text.slice(to < 0 ? text.length : to);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
files.forEach((f, k) => writeFileAtomic(f, texts[k]));
console.log(`wrote ${files.join(', ')}`);
