import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastJson, repoPath, runCommand } from '../child.js';
import { type BenchContext } from '../context.js';
import { goldOf, scores } from '../text.js';
import { spawn } from 'node:child_process';

/** Bytes of the generated file (about 1 GB, as the 986 MB file fastText was first compared on). */
const BIG_BYTES = 1e9;
const SEED = 1;
/**
 * ARGMAX_BIGTEXT_SECONDS (argmax) and ARGMAX_BIGTEXT_PEER_SECONDS (each fastText run): stop a
 * training after this long, reported as unfinished with its figures so far (default: no limit).
 */
const LIMIT_SECONDS = Number(process.env.ARGMAX_BIGTEXT_SECONDS ?? 0) || 0;
const PEER_LIMIT_SECONDS = Number(process.env.ARGMAX_BIGTEXT_PEER_SECONDS ?? 0) || 0;

interface Row {
  tool: string;
  accuracy: number;
  macroF1: number;
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  note: string;
}

/**
 * A 1 GB fastText-format file (SOTU sentences of one party in new triples,
 * scripts/make-big-text.mjs, fixed seed) trained with argmax's default text
 * model — out of core, chosen automatically by the size — and with fastText,
 * each measured as a whole command (wall and CPU seconds, peak RSS), then
 * scored on the SOTU test split. The generated file is kept in the temp
 * directory for reruns (ARGMAX_BIGTEXT_DIR to move it); delete it after.
 * ARGMAX_BIGTEXT_REPLAY=LOG renders the measurements a run printed to LOG
 * ("bigtext: …" lines) again, without measuring.
 */
export async function run({ md }: BenchContext): Promise<void> {
  const dir = process.env.ARGMAX_BIGTEXT_DIR ?? join(tmpdir(), 'argmax-bigtext');
  mkdirSync(dir, { recursive: true });
  const cli = repoPath('dist/src/cli/main.js');
  runCommand(process.execPath, [cli, 'datasets', 'sotu', '--out', dir]);
  const testCount = goldOf(join(dir, 'test.txt')).length;
  if (process.env.ARGMAX_BIGTEXT_REPLAY) {
    render(md, { ...replay(process.env.ARGMAX_BIGTEXT_REPLAY), testCount }, process.env.ARGMAX_BIGTEXT_REPLAY);
    return;
  }
  const big = join(dir, `sotu-big-${SEED}.txt`);
  if (!existsSync(big)) {
    const g = runCommand(process.execPath, [repoPath('scripts/make-big-text.mjs'), join(dir, 'train.txt'), big, '--bytes', String(BIG_BYTES), '--seed', String(SEED)], 60 * 60_000);
    if (g.code !== 0) throw new Error(`make-big-text failed: ${g.stderr}`);
  }
  const test = join(dir, 'test.txt');
  const gold = goldOf(test);
  const lines = countLines(big);
  const mb = statSync(big).size / 2 ** 20;
  const load = loadavg()[0];
  const rows: Row[] = [];
  const push = (r: Row) => {
    rows.push(r);
    console.log(`bigtext: ${JSON.stringify(r)}`);
  };

  console.log(`bigtext: ${big}, ${lines} lines, ${mb.toFixed(0)} MB; load ${load.toFixed(1)}`);
  const model = join(dir, 'argmax.json');
  const peers = [['fastText tuned', ['-wordNgrams', '2', '-epoch', '25', '-lr', '0.5']], ['fastText defaults', []]] as const;
  // argmax alone first, then the two fastText runs together: fastText's 12 default threads each
  // would crowd a single-threaded run out of the shared 2 vCPUs. Each is its own process (its own
  // peak RSS and CPU seconds).
  const t = await measureAsync(process.execPath, [cli, 'train', big, '-o', model, '--json'], LIMIT_SECONDS);
  const f = await Promise.all(
    peers.map(([name, extra]) => measureAsync('fasttext', ['supervised', '-input', big, '-output', join(dir, name.replace(/\s+/g, '-')), '-verbose', '0', ...extra], PEER_LIMIT_SECONDS)),
  );
  const tj = t ? lastJson(t.stdout) : null;
  const e = tj ? lastJson(runCommand(process.execPath, [cli, 'test', model, test, '--json']).stdout) : null;
  if (t && tj && e) {
    push({
      tool: 'argmax (defaults)', accuracy: e.accuracy, macroF1: e.macro_f1, seconds: t.seconds, cpuSeconds: t.cpu_seconds, peakMb: t.peak_rss_mb,
      note: `${tj.out_of_core ? `out of core (cache ${(tj.cache_bytes / 2 ** 30).toFixed(2)} GB in ${tj.cache_blocks} blocks)` : 'in memory'}; newton, C 10, balanced; ${tj.features} features; ${tj.iterations} iterations, ${tj.hessian_vector_products} Hv; reading + caching ${tj.load_seconds.toFixed(0)} s, solver ${tj.seconds.toFixed(0)} s`,
    });
  } else {
    push({ tool: 'argmax (defaults)', accuracy: NaN, macroF1: NaN, seconds: t?.seconds ?? NaN, cpuSeconds: t?.cpu_seconds ?? NaN, peakMb: t?.peak_rss_mb ?? NaN, note: unfinished(t) });
  }
  peers.forEach(([name, extra], i) => {
    const out = join(dir, name.replace(/\s+/g, '-'));
    const r = f[i];
    if (!r || r.code !== 0) {
      push({ tool: name, accuracy: NaN, macroF1: NaN, seconds: r?.seconds ?? NaN, cpuSeconds: r?.cpu_seconds ?? NaN, peakMb: r?.peak_rss_mb ?? NaN, note: r?.timed_out ? unfinished(r) : 'not run: install with `apt-get install fasttext`' });
      return;
    }
    const pred = runCommand('fasttext', ['predict', `${out}.bin`, test]).stdout.trim().split('\n').map((l) => l.trim().slice('__label__'.length));
    const s = scores(gold, pred);
    push({ tool: name, accuracy: s.accuracy, macroF1: s.macroF1, seconds: r.seconds, cpuSeconds: r.cpu_seconds, peakMb: r.peak_rss_mb, note: extra.join(' ') || 'lr 0.1, 5 epochs, unigrams' });
    rmSync(`${out}.bin`, { force: true });
    rmSync(`${out}.vec`, { force: true });
  });

  render(md, { rows, lines, mb, load, testCount }, null);
}

interface Measurements {
  rows: Row[];
  lines: number;
  mb: number;
  load: number;
  testCount: number;
}

/** The measurements a run printed ("bigtext: …" lines), to render them again without measuring. */
function replay(logFile: string): Omit<Measurements, 'testCount'> {
  const log = readFileSync(logFile, 'utf8');
  const head = /^bigtext: .*?, (\d+) lines, (\d+) MB; load ([\d.]+)$/m.exec(log);
  if (!head) throw new Error(`${logFile}: no "bigtext: …, N lines, M MB; load L" line`);
  const rows = [...log.matchAll(/^bigtext: (\{.*\})$/gm)].map((m) => JSON.parse(m[1], (_, v) => (v === null ? NaN : v)) as Row);
  return { rows, lines: Number(head[1]), mb: Number(head[2]), load: Number(head[3]) };
}

function render(md: (line?: string) => void, m: Measurements, replayedFrom: string | null): void {
  const { rows, lines, mb, load, testCount } = m;
  const num = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
  md('## A 1 GB text file: out-of-core training beside fastText');
  md();
  md(`\`node scripts/make-big-text.mjs train.txt big.txt --bytes ${BIG_BYTES} --seed ${SEED}\` on the SOTU training split: ${lines.toLocaleString('en-US')} lines, ${mb.toFixed(0)} MB, each three sentences of one party drawn with replacement from that party's sentences (new triples, not copies of source lines). Test: the SOTU test split (${testCount} chunks of held-out speeches). Each tool is timed as one whole command (wall and CPU seconds, peak RSS by \`bench/measure.py\`); argmax runs alone, then the two fastText runs together (each with fastText's default 12 threads) on the shared 2 vCPUs, so CPU seconds compare better than wall seconds. Load average at the start: ${load.toFixed(1)}.${replayedFrom ? ' (Rendered again from the measurements that run printed.)' : ''}`);
  md();
  md('| tool | accuracy | macro-F1 | seconds | CPU seconds | peak memory MB | settings |');
  md('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) md(`| ${r.tool} | ${num(r.accuracy, 4)} | ${num(r.macroF1, 4)} | ${num(r.seconds, 0)} | ${num(r.cpuSeconds, 0)} | ${num(r.peakMb, 0)} | ${r.note} |`);
  md();
  const ours = rows[0];
  const done = (r: Row) => Number.isFinite(r.accuracy);
  for (const peer of rows.slice(1).filter((r) => Number.isFinite(r.peakMb))) {
    const both = done(ours) && done(peer);
    md(`- argmax vs ${peer.tool}: peak memory ${(ours.peakMb / peer.peakMb).toFixed(2)}× theirs${both ? '' : ' (peak so far for an unfinished run)'}${both ? `, wall time ${(ours.seconds / peer.seconds).toFixed(2)}×, CPU time ${(ours.cpuSeconds / peer.cpuSeconds).toFixed(2)}×, macro-F1 ${(ours.macroF1 - peer.macroF1 >= 0 ? '+' : '')}${(ours.macroF1 - peer.macroF1).toFixed(4)}` : '; no time or accuracy ratio: a run did not finish'}.`);
  }
  md();
  md('Out of core, the rows are written once to a temporary cache file (float64 values, the same as in memory) and every Newton pass reads it back through one block buffer; memory holds that buffer, the model and the solver\'s vectors, and N×K probabilities. In memory the same file\'s rows alone would take ~3.3 GB (143 non-zeros of 12 bytes per 527-byte line, measured on a 50 MB sample).');
  md();
}

interface Measured {
  code: number | null;
  timed_out: boolean;
  seconds: number;
  cpu_seconds: number;
  peak_rss_mb: number;
  stdout: string;
  stderr: string;
}

function unfinished(m: Measured | null): string {
  if (m?.timed_out) return `UNFINISHED: stopped at the ${m.seconds.toFixed(0)} s limit (ARGMAX_BIGTEXT_SECONDS, ARGMAX_BIGTEXT_PEER_SECONDS); seconds, CPU seconds and peak memory are up to then`;
  return `failed: ${(m?.stderr ?? '').slice(-300).replace(/\s+/g, ' ')}`;
}

/** bench/measure.py on a command, without blocking the other measurements. */
function measureAsync(command: string, args: string[], limitSeconds: number): Promise<Measured | null> {
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/python3', [repoPath('bench/measure.py'), command, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, MEASURE_TIMEOUT: limitSeconds ? String(limitSeconds) : '' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', () => resolve(lastJson(out) as Measured | null));
  });
}

/** Newlines in a file, read in 16 MB chunks (a 1 GB file is longer than the longest string V8 makes). */
function countLines(path: string): number {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(16 << 20);
  let n = 0;
  for (let got; (got = readSync(fd, buf, 0, buf.length, null)) > 0; ) for (let i = 0; i < got; i++) if (buf[i] === 10) n++;
  closeSync(fd);
  return n;
}
