/**
 * Fuzzing the command line with fast-check: for each command, a valid
 * command line with small budgets plus random optional flags (valid values),
 * then mutations: elements dropped, swapped or repeated, values replaced by
 * bad ones (empty, NaN, negative, huge, fractional, another type, another
 * flag), unknown flags, flags of other commands, --flag=value forms, extra
 * positionals. Each command line runs in-process, through the command line's
 * own entry main(argv), in a worker thread (support/cli-fuzz-worker.ts) that
 * can be stopped when it hangs.
 *
 * The property: the command succeeds, or it exits 1 or 2 with a message on
 * its first line naming a flag, file or argument of the command line; never
 * an uncaught exception, an engine error (TypeError, "Invalid array length",
 * …) passed off as a message, a stack trace, a hang, or an out-of-memory end.
 * A failed command leaves every file as it was (nothing created, nothing
 * truncated); no command writes over one of its own input files or leaves a
 * temporary file behind.
 *
 * `npm test` runs a few fixed-seed command lines per command;
 * `ARGMAX_FUZZ_RUNS=20000 npm run fuzz` runs RUNS/20 per command
 * (ARGMAX_FUZZ_CLI_RUNS sets it directly; ARGMAX_FUZZ_SEED another seed).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { modelFromJson } from '../src/io/model-json.js';
import { scratchDir } from './support/scratch-dir.js';
import { commandTables } from './support/cli-commands.js';

const RUNS = Number(process.env.ARGMAX_FUZZ_RUNS ?? 120);
const CLI_RUNS = Number(process.env.ARGMAX_FUZZ_CLI_RUNS ?? Math.max(6, Math.round(RUNS / 20)));
const SEED = Number(process.env.ARGMAX_FUZZ_SEED ?? 20261126);
/** After this long a training run is sent the test's Ctrl-C (it stops at the end of an epoch, as a user's would). */
const SOFT_MS = 4000;
/** A command still running after this long counts as a hang. */
const HANG_MS = 90_000;

// ---------- the files the command lines name ----------

const work = scratchDir('argmax-fuzz-cli-');
const IN = join(work, 'in');
const OUT = join(work, 'out');
mkdirSync(IN);
mkdirSync(OUT);
// Relative paths (and the commands' default output folders) land in the scratch folder.
process.chdir(work);
const inFile = (name: string) => join(IN, name);
const EXISTING = join(OUT, 'existing.json');
const SENTINEL = 'an earlier file that a failed command must leave as it is\n';

const words = { sport: ['goal', 'match', 'team', 'score', 'league'], tech: ['chip', 'code', 'cloud', 'robot', 'data'], food: ['bread', 'soup', 'salt', 'pasta', 'cake'] };
const textLines = (n: number, offset: number) => Object.entries(words).flatMap(([label, w]) =>
  Array.from({ length: n }, (_, i) => `__label__${label} ${w[(i + offset) % 5]} ${w[(i + offset + 2) % 5]} the ${w[(i + offset + 3) % 5]}`));
writeFileSync(inFile('train.txt'), textLines(6, 0).join('\n') + '\n');
writeFileSync(inFile('test.txt'), textLines(2, 1).join('\n') + '\n');
const svmLines = (n: number, offset: number) => [1, 2, 3].flatMap((c) =>
  Array.from({ length: n }, (_, i) => `${c} ${c}:${1 + ((i + offset) % 3)} ${c + 1}:0.5 5:${((i * 7 + offset) % 4) - 1.5}`));
writeFileSync(inFile('train.svm'), svmLines(6, 0).join('\n') + '\n');
writeFileSync(inFile('test.svm'), svmLines(2, 1).join('\n') + '\n');
writeFileSync(inFile('train.csv'), ['label,x0,x1', ...[0, 1, 2].flatMap((c) => Array.from({ length: 6 }, (_, i) => `${c},${c + (i % 3) * 0.1},${(c * 3 + i) % 4}`))].join('\n') + '\n');
writeFileSync(inFile('costs.csv'), ',food,sport,tech\nfood,0,1,2\nsport,1,0,1\ntech,2,1,0\n');
writeFileSync(inFile('joint.jsonl'), Array.from({ length: 12 }, (_, i) => {
  const ctx = ['doping', 'county', 'moon'][i % 3];
  const candidates = [{ label: 'cyclist', features: [`${ctx}&cyclist`] }, { label: 'place', features: { [`${ctx}&place`]: 1 } }, { label: 'astronaut', features: [`${ctx}&astronaut`] }];
  return JSON.stringify({ candidates, gold: candidates[i % 3].label });
}).join('\n') + '\n');
writeFileSync(inFile('empty.txt'), '');
writeFileSync(inFile('binary.bin'), Uint8Array.from({ length: 64 }, (_, i) => (i * 37) & 255));

// ---------- running commands in the worker ----------

interface Outcome { code: number | null; stdout: string; stderr: string[]; escaped: string | null; hang: boolean; died: string | null; interrupted: boolean; ms: number }

const interrupt = new SharedArrayBuffer(4);
const flag = new Int32Array(interrupt);

class CommandThread {
  private worker: Worker | null = null;
  private waiting: ((o: Partial<Outcome>) => void) | null = null;
  private ready: Promise<void> | null = null;
  private id = 0;

  private start(): Promise<void> {
    const worker = new Worker(new URL('./support/cli-fuzz-worker.js', import.meta.url), {
      workerData: { interrupt },
      // A command that would allocate gigabytes ends the thread (reported), not the test.
      resourceLimits: { maxOldGenerationSizeMb: 1536 },
    });
    this.worker = worker;
    this.ready = new Promise((resolve) => {
      worker.on('message', (m) => {
        if (m.ready) return resolve();
        this.waiting?.(m);
      });
    });
    worker.on('error', (e) => this.waiting?.({ died: `uncaught in the command's thread: ${e.stack ?? e}` }));
    worker.on('exit', (code) => {
      if (this.worker === worker) {
        this.worker = null;
        this.waiting?.({ died: `the command's thread ended (exit code ${code})` });
      }
    });
    return this.ready;
  }

  async run(argv: string[]): Promise<Outcome> {
    if (!this.worker) await this.start();
    else await this.ready;
    const worker = this.worker!;
    Atomics.store(flag, 0, 0);
    const id = ++this.id;
    const t0 = performance.now();
    let interrupted = false;
    const soft = setTimeout(() => {
      interrupted = true;
      Atomics.store(flag, 0, 1);
    }, SOFT_MS);
    let hard: NodeJS.Timeout | undefined;
    const result = await new Promise<Partial<Outcome>>((resolve) => {
      this.waiting = resolve;
      hard = setTimeout(() => resolve({ hang: true }), HANG_MS);
      worker.postMessage({ id, argv });
    });
    clearTimeout(soft);
    clearTimeout(hard);
    this.waiting = null;
    if (result.hang || result.died) {
      // The thread is not reused after a hang or a crash.
      this.worker = null;
      await worker.terminate();
    }
    return { code: null, stdout: '', stderr: [], escaped: null, hang: false, died: null, ...result, interrupted, ms: performance.now() - t0 };
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }
}

const thread = new CommandThread();
after(() => thread.stop());

// ---------- the files before and after ----------

type Snapshot = Map<string, Buffer>;
function snapshot(): Snapshot {
  const files: Snapshot = new Map();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) {
        files.set(`${relative(work, path)}/`, Buffer.alloc(0));
        walk(path);
      } else files.set(relative(work, path), readFileSync(path));
    }
  };
  walk(work);
  return files;
}

function differences(a: Snapshot, b: Snapshot): string[] {
  const d: string[] = [];
  for (const [name, content] of a) {
    const other = b.get(name);
    if (!other) d.push(`${name} removed`);
    else if (!other.equals(content)) d.push(`${name} changed`);
  }
  for (const name of b.keys()) if (!a.has(name)) d.push(`${name} created`);
  return d;
}

/** Puts the folder back as the snapshot had it (the next command line starts from the same files). */
function restore(to: Snapshot): void {
  const now = snapshot();
  for (const name of [...now.keys()].reverse()) if (!to.has(name)) rmSync(join(work, name), { recursive: true, force: true });
  for (const [name, content] of to) {
    if (name.endsWith('/')) mkdirSync(join(work, name), { recursive: true });
    else if (!now.get(name)?.equals(content)) writeFileSync(join(work, name), content);
  }
}

// ---------- judging one command line ----------

const OUTPUT_FLAGS = new Set(['-o', '--output', '--checkpoint', '--export-folds', '--out']);
/** Errors of the engine, not of argmax: a message made of one is a crash with its stack hidden. */
const CRASH_CLASSES = /^(TypeError|ReferenceError|SyntaxError|EvalError|URIError|AggregateError|InternalError|RuntimeError|CompileError|LinkError)\b/;
const ENGINE_RANGE_ERRORS = /Invalid (typed )?array length|Array buffer allocation failed|Maximum call stack|Invalid string length|Invalid count value|toFixed\(\)|toPrecision\(\)|out of memory|Invalid typed array length/i;
const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

/** The values given to output flags (parseArgs keeps the last of a repeated flag; every one is collected here). */
function valuesOf(argv: string[], flags: Set<string>, wanted: boolean): Set<string> {
  const found = new Set<string>();
  argv.forEach((a, i) => {
    const eq = a.indexOf('=');
    if (a.startsWith('-') && eq > 0) {
      if (flags.has(a.slice(0, eq)) === wanted) found.add(a.slice(eq + 1));
    } else if (!a.startsWith('-') && (i > 0 && flags.has(argv[i - 1])) === wanted) found.add(a);
  });
  return found;
}
/** Positionals and the values of other flags: the files a command reads. */
const inputsOf = (argv: string[]) => valuesOf(argv, OUTPUT_FLAGS, false);
/** The model file a successful train or search wrote (the last -o given). */
function modelOutput(command: string, argv: string[]): string | undefined {
  if (command !== 'train' && command !== 'search') return undefined;
  return [...valuesOf(argv, new Set(['-o', '--output']), true)].pop();
}

/** Whether the message names something of the command line: a flag, a file or value given, or the arguments. */
function namesItsCause(message: string, argv: string[]): boolean {
  if (/\b(arguments?|command|dataset name)\b/.test(message)) return true;
  return argv.some((a) => {
    if (a.startsWith('-') && a.length > 1) {
      const name = a.split('=')[0];
      return message.includes(name) || (name.length === 2 && message.includes(`-${name}`));
    }
    return a.length >= 2 && message.includes(a);
  });
}

const summary: Record<string, { runs: number; ok: number; usage: number; failed: number; interrupted: number; slowestMs: number }> = {};

async function judge(command: string, argv: string[], opts: { mustFail?: boolean } = {}): Promise<void> {
  const before = snapshot();
  const o = await thread.run(argv);
  const after = snapshot();
  const changed = differences(before, after);
  restore(before);
  const shown = JSON.stringify(argv);
  const s = (summary[command] ??= { runs: 0, ok: 0, usage: 0, failed: 0, interrupted: 0, slowestMs: 0 });
  s.runs++;
  s.slowestMs = Math.max(s.slowestMs, o.ms);
  if (o.hang) throw new Error(`hang: ${shown} still running after ${HANG_MS / 1000} s`);
  if (o.died) throw new Error(`${o.died}: ${shown}`);
  if (o.escaped) throw new Error(`uncaught exception from main(): ${shown}\n${o.escaped}`);
  // With ARGMAX_DEBUG the stack of an exit-1 error follows its message: its first line names the error's class.
  const debugStack = o.code === 1 ? o.stderr.find((e) => STACK_LINE.test(e) && /^\w*Error\b/.test(e)) : undefined;
  if (debugStack && (CRASH_CLASSES.test(debugStack) || (/^RangeError\b/.test(debugStack) && ENGINE_RANGE_ERRORS.test(debugStack.split('\n')[0])))) {
    throw new Error(`crash passed off as a message: ${shown}\n${debugStack.split('\n').slice(0, 6).join('\n')}`);
  }
  const userVisible = o.stderr.filter((e) => e !== debugStack);
  const stackShown = userVisible.find((e) => STACK_LINE.test(e)) ?? (STACK_LINE.test(o.stdout) ? o.stdout : undefined);
  if (stackShown) throw new Error(`stack trace shown to the user: ${shown}\n${stackShown.slice(0, 600)}`);
  const temporary = [...after.keys()].filter((n) => /\.argmax-\d+-\d+\.tmp$/.test(n));
  if (temporary.length) throw new Error(`temporary files left behind: ${temporary.join(', ')} by ${shown}`);
  // No command writes over one of its inputs (an output flag given an input file is refused).
  const inputs = inputsOf(argv);
  const inputsChanged = changed.filter((c) => /(changed|removed)$/.test(c) && inputs.has(join(work, c.replace(/ (changed|removed)$/, ''))));
  if (inputsChanged.length) throw new Error(`an input file was changed: ${inputsChanged.join(', ')} by ${shown}`);
  if (o.code === 130 && o.interrupted) {
    s.interrupted++;
    return;
  }
  if (o.code === 0) {
    if (opts.mustFail) throw new Error(`expected a usage error before any work: ${shown} exited 0`);
    s.ok++;
    // A model written is a model that loads.
    const model = modelOutput(command, argv);
    const written = model === undefined ? undefined : after.get(relative(work, model.startsWith('/') ? model : join(work, model)));
    if (model !== undefined && written) modelFromJson(written.toString('utf8'), model);
    return;
  }
  if (o.code !== 1 && o.code !== 2) throw new Error(`exit code ${o.code} (expected 0, 1 or 2): ${shown}\n${userVisible.join('\n').slice(0, 600)}`);
  // argmax with no command prints the help on stderr and exits 2.
  if (o.code === 2 && !argv[0] && userVisible.join('\n').startsWith('argmax: multiclass classification')) return void s.usage++;
  if (o.code === 2) s.usage++;
  else s.failed++;
  if (opts.mustFail && o.code !== 2) throw new Error(`expected a usage error (exit 2) before any work, got exit ${o.code}: ${shown}\n${userVisible.join('\n').slice(0, 400)}`);
  const message = userVisible.join('\n').split('\n').find((l) => l.startsWith('argmax')) ?? '';
  assert.ok(message !== '', `no message starting "argmax" on stderr for exit ${o.code}: ${shown}\nstderr: ${userVisible.join('\n').slice(0, 400)}`);
  assert.ok(namesItsCause(message, argv), `the message names no flag, file or argument of the command line: ${JSON.stringify(message)} for ${shown}`);
  assert.deepEqual(changed, [], `a failed command (exit ${o.code}: ${message}) changed files: ${changed.join(', ')}; ${shown}`);
}

// ---------- command lines ----------

/** Values that are wrong for most flags. */
const BAD_VALUES = ['', ' ', 'NaN', 'nan', '-1', '0', '-0', '1.5', '0.5', '1e400', '-1e400', 'Infinity', '1e9', '1e15', '9007199254740993', '4294967296', '1e-320', 'abc', '0x10', ' 1', '1,2', '2,1', '0,0', '3,', ',', '=', '1,1000000000000', '65536,65536', '2147483647', 'é', 'true', '[]', '{}', '--json', '-k', inFile('missing.txt'), IN, inFile('empty.txt'), inFile('binary.bin'), '/dev/null'];
/** Flags argmax does not know, or knows under another command. */
const STRANGERS = ['--no-such-flag', '--lrate', '--epoch', '--c', '-x', '--', '---', '--no-json', '--json=1', '--proba', '-k', '--grid', '--folds', '--port', '--sizes', '--out', '--val-size', '--train-size', '--resume', '--workers', '--random', '--first', '--metric', '--export-folds', '--hidden', '--memory-budget', '--autotune-trials', '--host', '--open'];

type Options = Record<string, readonly string[] | null>; // null: a boolean flag
const FORMAT: Options = { format: ['fasttext', 'libsvm', 'csv', 'tsv', 'jsonl'], 'label-column': ['label', 'x0'], 'text-column': ['text', 'x1'], 'ignore-columns': ['x1', 'x0,x1', 'id'] };
const FEATURIZER: Options = {
  ngrams: ['1', '2', '3'], 'char-ngrams': ['2,4', '0', '3,3'], 'min-count': ['1', '2'], 'max-features': ['5', '50'], weighting: ['binary', 'count', 'tfidf'],
  'no-sublinear-tf': null, 'no-normalize': null, 'hash-buckets': ['16', '1024'], 'unsigned-hash': null, 'keep-punctuation': null, 'no-lowercase': null, 'segment-words': null,
};
const TRAINING: Options = {
  optimizer: ['sgd', 'adagrad', 'adam', 'gd', 'lbfgs', 'newton', 'dual-cd'], lr: ['0.1', '0.01'], schedule: ['constant', 'cosine', 'linear'], 'batch-size': ['4', '32'],
  epochs: ['1', '3'], patience: ['1', '2'], l2: ['0.01', '0'], C: ['1', '10'], l1: ['0.001'], tol: ['1e-4', '0'], 'max-iter': ['5', '20'], momentum: ['0.5', '0'],
  nesterov: null, 'class-weight': ['balanced', 'none'], seed: ['0', '7', '4294967295'], kernels: ['wasm', 'wasm-f32', 'reference'], threads: ['1', '2'],
};
const NETWORK: Options = { hidden: ['4', '4,3'], activation: ['relu', 'tanh', 'identity'], dropout: ['0.1', '0'], loss: ['softmax', 'svm'] };
const VECTOR: Options = { 'n-features': ['10', '3'], 'zero-based': null };

interface CommandSpec {
  name: string;
  /** The required part: positionals and required flags, valid. */
  base: fc.Arbitrary<string[]>;
  options: Options;
  /** Some of each command line is refused: a valid one would start a long run (MNIST, a server). */
  mustFail?: readonly string[];
}

const out = (name: string) => fc.constantFrom(join(OUT, name), EXISTING);
const textOrVectors = fc.constantFrom(inFile('train.txt'), inFile('train.svm'), inFile('train.csv'));
const models = ['text.json', 'svm.json', 'ava.json', 'mlp.json', 'joint.json', 'sgd.json'].map(inFile);
const evalData = fc.constantFrom(inFile('test.txt'), inFile('test.svm'), inFile('train.csv'), inFile('joint.jsonl'));

const COMMANDS: CommandSpec[] = [
  {
    name: 'train',
    base: fc.tuple(fc.oneof({ weight: 4, arbitrary: textOrVectors }, { weight: 1, arbitrary: fc.constant(inFile('joint.jsonl')) }), out('model.json')).map(([data, o]) => [data, '-o', o]),
    options: {
      ...TRAINING, ...FORMAT, ...FEATURIZER, ...VECTOR, ...NETWORK,
      model: ['softmax', 'svm', 'perceptron', 'binary', 'ova', 'ava', 'joint', 'mlp'], costs: [inFile('costs.csv')], 'joint-loss': ['softmax', 'svm'], 'binary-learner': ['logistic', 'svm', 'perceptron'],
      val: [inFile('test.txt'), inFile('test.svm')], 'val-fraction': ['0.2', '0'], test: [inFile('test.txt'), inFile('test.svm')], json: null, scale: ['standard', 'maxabs', 'minmax', 'none'],
      checkpoint: [join(OUT, 'ckpt.json')], 'checkpoint-every': ['1', '2'], resume: [inFile('ckpt.json')],
      'autotune-val': [inFile('test.txt'), inFile('test.svm')], 'autotune-trials': ['1', '2'], 'autotune-seconds': ['1', '0.5'], 'autotune-metric': ['accuracy', 'macro-f1'],
      'out-of-core': ['auto', 'on', 'off'], 'memory-budget': ['1', '2000'],
    },
  },
  { name: 'test', base: fc.tuple(fc.constantFrom(...models), evalData).map(([m, d]) => [m, d]), options: { ...FORMAT, costs: [inFile('costs.csv')], json: null } },
  { name: 'predict', base: fc.tuple(fc.constantFrom(...models), evalData).map(([m, d]) => [m, d]), options: { ...FORMAT, proba: null, k: ['1', '2', '3', '50'], jsonl: null } },
  {
    name: 'cv',
    base: textOrVectors.map((d) => [d, '--folds', '2']),
    options: { ...TRAINING, ...FORMAT, ...FEATURIZER, ...NETWORK, model: ['softmax', 'svm', 'mlp'], scale: ['standard', 'maxabs', 'minmax', 'none'], folds: ['2', '3'], repeats: ['1', '2'], workers: ['1', '2'], json: null, first: ['12', '2'] },
  },
  {
    name: 'search',
    base: fc.tuple(textOrVectors, fc.constantFrom(['--grid', 'C=1,10'], ['--random', '2'], ['--grid', 'C=0.1..10', '--random', '2'], ['--grid', 'l2=0.01 optimizer=lbfgs,newton'])).map(([d, g]) => [d, ...g, '--folds', '2']),
    options: {
      ...TRAINING, ...FORMAT, ...FEATURIZER, ...NETWORK, model: ['softmax', 'svm', 'mlp'], scale: ['standard', 'maxabs', 'minmax', 'none'], val: [inFile('test.txt'), inFile('test.svm')], folds: ['2', '3'], repeats: ['1', '2'],
      metric: ['accuracy', 'macro-f1', 'log-loss', 'f1:sport', 'f1:1'], output: [join(OUT, 'best.json'), EXISTING], 'export-folds': [join(OUT, 'folds.json')], json: null, first: ['12'],
    },
  },
  { name: 'datasets', base: fc.tuple(fc.constantFrom('sotu', 'spam'), fc.constantFrom(join(OUT, 'ds'), OUT)).map(([n, d]) => [n, '--out', d]), options: { seed: ['0', '3'], 'val-fraction': ['0.1', '0'] } },
  {
    // Without data, the MNIST curve; with data, the cross-validated curve of that file (the flags of cv).
    name: 'learning-curve',
    base: fc.oneof(fc.constant<string[]>(['--sizes', '2,3', '--epochs', '1', '--val-size', '100', '--out', join(OUT, 'lc')]), textOrVectors.map((d) => [d, '--folds', '2', '--sizes', '2,0.5', '--out', join(OUT, 'lc')])),
    options: { ...TRAINING, ...FORMAT, ...FEATURIZER, ...NETWORK, model: ['softmax', 'mlp'], scale: ['standard', 'maxabs', 'none'], sizes: ['2', '5,10', '0.3,1.0'], folds: ['2', '3'], order: ['shuffled', 'data'], first: ['12'], json: null },
    mustFail: ['--no-such-flag', '--lr=abc', '--epochs=0', '--batch-size=1.5', '--momentum=2', '--threads=0', '--optimizer=fast', '--sizes=0'] },
  { name: 'demo', base: fc.constant(['--epochs', '1', '--out', join(OUT, 'demo')]), options: { ...TRAINING, ...NETWORK, model: ['softmax', 'mlp'], 'train-size': ['100'], 'val-size': ['100'], json: null }, mustFail: ['--no-such-flag', '--lr=abc', '--epochs=0', '--seed=-1', '--tol=NaN', '--kernels=gpu'] },
  { name: 'playground', base: fc.constant([]), options: { port: ['0'], host: ['127.0.0.1'], open: null }, mustFail: ['--no-such-flag', '--port=-1', '--port=65536', '--port=abc', '--port=1.5'] },
];

/** One optional flag with a valid value: ["--lr", "0.1"], ["--json"] or ["--lr=0.1"]. */
function optionArb(options: Options): fc.Arbitrary<string[]> {
  return fc.constantFrom(...Object.keys(options)).chain((name) => {
    const values = options[name];
    if (values === null) return fc.constant([`--${name}`]);
    return fc.tuple(fc.constantFrom(...values), fc.boolean()).map(([v, joined]) => (joined ? [`--${name}=${v}`] : [`--${name}`, v]));
  });
}

type Mutation = (argv: string[]) => string[];
const position = (argv: string[], f: number) => Math.min(Math.floor(f * (argv.length + 1)), argv.length);
const unit = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const ALL_FLAGS = [...new Set(COMMANDS.flatMap((c) => Object.keys(c.options)))];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Drop an element.
  unit.map((f) => (a: string[]) => a.filter((_, i) => i !== Math.floor(f * a.length))),
  // Replace a value (or any element) with a bad value.
  fc.tuple(unit, fc.constantFrom(...BAD_VALUES)).map(([f, v]) => (a: string[]) => {
    if (a.length === 0) return [v];
    const i = Math.floor(f * a.length);
    const e = a[i];
    const eq = e.indexOf('=');
    return a.map((x, j) => (j !== i ? x : e.startsWith('--') && eq > 0 ? `${e.slice(0, eq)}=${v}` : v));
  }),
  // Repeat a flag with its value (the last one counts).
  fc.tuple(unit, unit).map(([f, g]) => (a: string[]) => {
    const flags = a.map((x, i) => [x, i] as const).filter(([x]) => x.startsWith('-'));
    if (flags.length === 0) return a;
    const [, i] = flags[Math.floor(f * flags.length)];
    const piece = a[i].includes('=') || i + 1 >= a.length || a[i + 1].startsWith('-') ? [a[i]] : [a[i], a[i + 1]];
    const at = position(a, g);
    return [...a.slice(0, at), ...piece, ...a.slice(at)];
  }),
  // A flag argmax does not know here, or a flag of another command, with or without a value.
  fc.tuple(unit, fc.constantFrom(...STRANGERS, ...ALL_FLAGS.map((f) => `--${f}`)), fc.option(fc.constantFrom(...BAD_VALUES, '1', '0.1', 'softmax'), { nil: undefined })).map(([f, name, v]) => (a: string[]) => {
    const at = position(a, f);
    return [...a.slice(0, at), name, ...(v === undefined ? [] : [v]), ...a.slice(at)];
  }),
  // Swap two elements (a value lands after another flag, a flag after a value).
  fc.tuple(unit, unit).map(([f, g]) => (a: string[]) => {
    if (a.length < 2) return a;
    const c = [...a];
    const i = Math.floor(f * a.length);
    const j = Math.floor(g * a.length);
    [c[i], c[j]] = [c[j], c[i]];
    return c;
  }),
  // --flag value as --flag=value.
  unit.map((f) => (a: string[]) => {
    const i = Math.floor(f * a.length);
    if (i + 1 >= a.length || !a[i].startsWith('--') || a[i].includes('=')) return a;
    return [...a.slice(0, i), `${a[i]}=${a[i + 1]}`, ...a.slice(i + 2)];
  }),
  // An extra positional argument.
  fc.tuple(unit, fc.constantFrom(inFile('test.txt'), inFile('train.svm'), 'mnist:test', 'extra', inFile('missing.txt'))).map(([f, p]) => (a: string[]) => {
    const at = position(a, f);
    return [...a.slice(0, at), p, ...a.slice(at)];
  }),
);

function commandLine(spec: CommandSpec): fc.Arbitrary<string[]> {
  return fc.tuple(spec.base, fc.array(optionArb(spec.options), { maxLength: 4 }), fc.array(mutation, { maxLength: 3 }), fc.constantFrom(...(spec.mustFail ?? ['']))).map(([base, opts, ms, refused]) => {
    let argv = ms.reduce((a, m) => m(a), [...base, ...opts.flat()]);
    // Autotune runs for its time budget (default 300 s): the fuzz gives it half a second.
    if (argv.some((a) => a.startsWith('--autotune-val'))) argv = [...argv, '--autotune-seconds', '0.5'];
    // Last, so that a repeated flag cannot override it.
    if (refused) argv = [...argv, refused];
    return [spec.name, ...argv];
  });
}

/** predict reads standard input without a file (or with '-'): the test's standard input is not the user's. */
function readsStandardInput(argv: string[]): boolean {
  if (argv[0] !== 'predict') return argv.includes('-');
  const values = new Set(['--format', '--label-column', '--text-column', '--ignore-columns', '-k', '--k']);
  const positionals = argv.slice(1).filter((a, i, rest) => !a.startsWith('-') && !(i > 0 && values.has(rest[i - 1])));
  return argv.includes('-') || argv.includes('--') || positionals.length < 2;
}

const options = { numRuns: CLI_RUNS, seed: SEED, endOnFailure: true };
let failedProperties = 0;
async function check(property: fc.IAsyncProperty<[string[]]>): Promise<void> {
  try {
    await fc.assert(property, options);
  } catch (e) {
    failedProperties++;
    const cause = (e as { cause?: Error }).cause;
    throw new Error(`${cause ? `${cause.message}\n` : ''}${(e as Error).message.slice(0, 2000)}`);
  }
}

test('every flag a command\'s parser accepts is fuzzed for that command (the output flag by its required place), and every command but help is', async () => {
  const tables = await commandTables();
  assert.deepEqual(COMMANDS.map((c) => c.name).sort(), [...tables.keys()].sort(), 'the commands fuzzed against the commands argmax registers');
  // Flags every command line of the spec already carries, with a valid value: varying them would only break the base.
  const inBase: Record<string, string[]> = { train: ['--output'], cv: [], search: ['--grid', '--random'], datasets: ['--out'], 'learning-curve': ['--out', '--val-size'], demo: ['--out'] };
  const missing = COMMANDS.flatMap((spec) => {
    const fuzzed = new Set([...Object.keys(spec.options).map((f) => `--${f}`), ...(inBase[spec.name] ?? [])]);
    return tables.get(spec.name)!.options.map((o) => o.long).filter((f) => !fuzzed.has(f) && f !== '--help').map((f) => `${spec.name} ${f}`);
  });
  assert.deepEqual(missing, [], 'flags a command\'s parser accepts that the fuzz never gives that command');
});

test('fuzz set-up: the models and checkpoint the command lines read are made by the command line itself', { timeout: 300_000 }, async () => {
  for (const argv of [
    ['train', inFile('train.txt'), '-o', inFile('text.json')],
    ['train', inFile('train.svm'), '--model', 'svm', '-o', inFile('svm.json')],
    ['train', inFile('train.svm'), '--model', 'ava', '-o', inFile('ava.json')],
    ['train', inFile('train.txt'), '--model', 'mlp', '--hidden', '4', '--epochs', '2', '-o', inFile('mlp.json')],
    ['train', inFile('joint.jsonl'), '--model', 'joint', '-o', inFile('joint.json')],
    ['train', inFile('train.txt'), '--optimizer', 'sgd', '--epochs', '2', '--checkpoint', inFile('ckpt.json'), '-o', inFile('sgd.json')],
  ]) {
    const o = await thread.run(argv);
    assert.equal(o.code, 0, `${argv.join(' ')}: ${o.stderr.join('\n')}`);
  }
  writeFileSync(EXISTING, SENTINEL);
});

for (const spec of COMMANDS) {
  test(`fuzz (${CLI_RUNS} command lines): argmax ${spec.name} with mutated flags succeeds or exits 1/2 naming the cause, files untouched on failure`, { timeout: 24 * 3600_000 }, async () => {
    await check(fc.asyncProperty(commandLine(spec), async (argv) => {
      fc.pre(!readsStandardInput(argv));
      await judge(spec.name, argv, { mustFail: spec.mustFail !== undefined });
    }));
  });
}

test(`fuzz (${CLI_RUNS} command lines): unknown, misspelt or empty commands exit 2 naming the command`, { timeout: 3600_000 }, async () => {
  const command = fc.oneof(
    fc.constantFrom('', 'trian', 'Train', 'tests', 'predict ', 'search2', '-v', '--version', 'help', '-h', '--help', 'cv=1', '--json', 'playground --port'),
    fc.string({ maxLength: 12 }),
  );
  await check(fc.asyncProperty(fc.tuple(command, fc.array(fc.constantFrom(...STRANGERS, ...BAD_VALUES.filter((v) => v !== '-')), { maxLength: 3 })).map(([c, rest]) => [c, ...rest]), async (argv) => {
    // Valid commands are fuzzed above (a bare demo or playground would start a long run).
    fc.pre(!COMMANDS.some((c) => c.name === argv[0]));
    fc.pre(!readsStandardInput(argv));
    await judge('(command)', argv, { mustFail: false });
  }));
});

test('fuzz summary (command line)', () => {
  const lines = Object.entries(summary).map(([name, s]) => `${name.padEnd(16)} ${String(s.runs).padStart(6)} command lines: ${s.ok} succeeded, ${s.usage} usage errors (exit 2), ${s.failed} other errors (exit 1), ${s.interrupted} stopped by the test's Ctrl-C; slowest ${(s.slowestMs / 1000).toFixed(1)} s`);
  console.log(`fuzz (command line): seed ${SEED}, ${CLI_RUNS} runs per command; properties failed (a crash, hang, stack trace, unnamed cause or file changed by a failure): ${failedProperties}\n${lines.join('\n')}`);
  assert.ok(Object.values(summary).reduce((t, s) => t + s.runs, 0) > 0);
});
