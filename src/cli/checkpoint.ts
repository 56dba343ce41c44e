import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../io/atomic-write.js';
import { type Checkpoint, isStochastic, type ResolvedTrainOptions, type TrainOptions } from '../train/options.js';
import { type TrainResult } from '../train/train.js';
import { numberFlag, UsageError } from './args.js';

/**
 * Checkpoints of the command line: `--checkpoint FILE` writes, atomically,
 * the parameters, the optimizer's state, the random stream and the
 * early-stopping state after every n-th epoch; `--resume FILE` continues
 * from one. Ctrl-C (SIGINT) or SIGTERM during training sets a flag that the
 * training thread reads after each epoch: it stops there, writes the
 * checkpoint and the best model so far, and the command exits with code 130
 * (143 for SIGTERM).
 *
 * The file (JSON, float64 arrays as little-endian base64 so every bit,
 * −0 included, comes back):
 *   { "format": "argmax-checkpoint", "version": 1, "run": { data, examples, options },
 *     "epoch": e, "theta": b64, "optimizerState": { kind, step, slots: { name: b64 } },
 *     "rng": [4 integers], "earlyStopping": { bestValue, bestEpoch, waited, best: b64 | null } | absent }
 */
export const CHECKPOINT_FLAG_SPECS = {
  checkpoint: { type: 'string' },
  'checkpoint-every': { type: 'string' },
  resume: { type: 'string' },
} as const;

export const CHECKPOINT_FLAG_HELP = `Interruptions (minibatch optimizers sgd, adagrad, adam; one model, not ova/ava):
  --checkpoint FILE    write the parameters, optimizer and early-stopping state to FILE (atomically)
                       after every epoch; Ctrl-C (or SIGTERM) finishes the current epoch, writes FILE
                       and the best model so far to -o, says where, and exits with code 130 (143)
  --checkpoint-every n only every n epochs (default 1; Ctrl-C always writes)
  --resume FILE        continue from a checkpoint, with the same data and options: the model is
                       byte-identical to an uninterrupted run's`;

const FORMAT = 'argmax-checkpoint';
const VERSION = 1;

/** What a checkpoint belongs to: resuming with other data or options would silently train something else. */
export interface RunIdentity {
  data: string;
  examples: number;
  options: ResolvedTrainOptions;
}

export interface CheckpointPlan {
  path: string | null;
  every: number;
  resume: { path: string; checkpoint: Checkpoint; run: RunIdentity } | null;
}

/** Reads the flags and, with --resume, the checkpoint itself (so a bad file is refused before any data is read). */
export function readCheckpointFlags(values: Record<string, any>): CheckpointPlan {
  const every = numberFlag(values, 'checkpoint-every', 1, { integer: true, min: 1 });
  if (values['checkpoint-every'] !== undefined && !values.checkpoint) throw new UsageError('--checkpoint-every: needs --checkpoint FILE');
  const resume = values.resume ? { path: String(values.resume), ...readCheckpoint(String(values.resume)) } : null;
  return { path: values.checkpoint ?? null, every, resume };
}

/** Refuses what cannot be checkpointed, once the options are resolved. */
export function checkCheckpointable(plan: CheckpointPlan, o: ResolvedTrainOptions, reduction: boolean): void {
  if (!plan.path && !plan.resume) return;
  const flag = plan.path ? '--checkpoint' : '--resume';
  if (!isStochastic(o.optimizer)) throw new UsageError(`${flag}: only the minibatch optimizers (sgd, adagrad, adam) have epochs to checkpoint; this run uses ${o.optimizer} (add --optimizer sgd, adagrad or adam)`);
  if (reduction) throw new UsageError(`${flag}: the one-vs-all and all-vs-all reductions train many models; checkpoints cover one`);
}

/** Library hooks: checkpoints every n-th epoch, the stop request, and the state to resume from (after checking it belongs to this run). */
export function checkpointHooks(plan: CheckpointPlan, run: RunIdentity): Pick<TrainOptions, 'onCheckpoint' | 'signal' | 'resumeFrom'> {
  if (plan.resume) checkSameRun(plan.resume.run, run, plan.resume.path);
  return {
    resumeFrom: plan.resume?.checkpoint,
    onCheckpoint: plan.path ? (c) => {
      if (c.epoch % plan.every === 0 || interruptRequested()) writeCheckpoint(plan.path!, c, run);
    } : undefined,
    // Read by the training loop after each epoch: the flag the main thread sets on Ctrl-C.
    signal: { get aborted() { return interruptRequested(); } },
  };
}

/** After an interrupted run: the checkpoint of the last completed epoch (also when it fell between the every-n writes). */
export function finishInterrupted(plan: CheckpointPlan, result: TrainResult, run: RunIdentity): void {
  if (plan.path && result.checkpoint) writeCheckpoint(plan.path, result.checkpoint, run);
}

// ---------- the stop request, shared with the thread that watches SIGINT ----------

let flag: Int32Array | null = null;

/** The training thread is given the flag that the main thread sets on SIGINT. */
export function setInterruptFlag(shared: Int32Array): void {
  flag = shared;
}

export function interruptRequested(): boolean {
  return flag !== null && Atomics.load(flag, 0) === 1;
}

// ---------- the file ----------

export function writeCheckpoint(path: string, c: Checkpoint, run: RunIdentity): void {
  const doc = {
    format: FORMAT,
    version: VERSION,
    run,
    epoch: c.epoch,
    theta: toBase64(c.theta),
    optimizerState: { kind: c.optimizerState.kind, step: c.optimizerState.step, slots: Object.fromEntries(Object.entries(c.optimizerState.slots).map(([k, v]) => [k, toBase64(v)])) },
    rng: c.rng,
    earlyStopping: c.earlyStopping ? { ...c.earlyStopping, best: c.earlyStopping.best ? toBase64(c.earlyStopping.best) : null } : undefined,
  };
  writeFileAtomic(path, JSON.stringify(doc) + '\n');
}

export function readCheckpoint(path: string): { checkpoint: Checkpoint; run: RunIdentity } {
  const fail = (msg: string): never => {
    throw new Error(`${path}: ${msg}`);
  };
  let doc: any;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return fail(`cannot read the checkpoint (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (doc === null || typeof doc !== 'object' || doc.format !== FORMAT) fail(`not an argmax checkpoint (field "format" must be "${FORMAT}")`);
  if (doc.version !== VERSION) fail(`checkpoint version ${JSON.stringify(doc.version)}; this argmax reads version ${VERSION}`);
  const run = doc.run;
  if (!run || typeof run.data !== 'string' || !Number.isInteger(run.examples) || !run.options || typeof run.options !== 'object') fail('field "run" must hold data, examples and options');
  if (!Number.isInteger(doc.epoch) || doc.epoch < 1) fail('field "epoch" must be an integer ≥ 1');
  const theta = fromBase64(doc.theta, 'theta', fail);
  if (Number.isInteger(run.options.maxEpochs) && doc.epoch > run.options.maxEpochs) fail(`field "epoch" is ${doc.epoch}, beyond the run's ${run.options.maxEpochs} epochs`);
  const s = doc.optimizerState;
  if (!s || typeof s.kind !== 'string' || !Number.isInteger(s.step) || s.step < 0 || !s.slots || typeof s.slots !== 'object') fail('field "optimizerState" must hold kind, step (an integer ≥ 0) and slots');
  const slots: Record<string, number[]> = {};
  for (const [k, v] of Object.entries(s.slots)) {
    const values = fromBase64(v, `optimizerState.slots.${k}`, fail);
    if (values.length !== theta.length) fail(`optimizerState.slots.${k} has ${values.length} values, theta ${theta.length}`);
    Object.defineProperty(slots, k, { value: values, enumerable: true });
  }
  checkSlots(s.kind, Object.keys(slots), run.options, fail);
  // xoshiro128** words: 32-bit integers (signed or unsigned), not all zero (a state the generator never leaves).
  if (!Array.isArray(doc.rng) || doc.rng.length !== 4 || !doc.rng.every((v: unknown) => Number.isInteger(v) && (v as number) >= -(2 ** 31) && (v as number) < 2 ** 32) || doc.rng.every((v: number) => v % 2 ** 32 === 0)) {
    fail('field "rng" must be 4 integers of 32 bits, not all zero');
  }
  let earlyStopping: Checkpoint['earlyStopping'];
  const es = doc.earlyStopping;
  if (es !== undefined) {
    if (!es || typeof es !== 'object' || !Number.isInteger(es.bestEpoch) || !Number.isInteger(es.waited) || !(es.bestValue === null || Number.isFinite(es.bestValue))) fail('field "earlyStopping" must hold bestValue, bestEpoch, waited and best');
    const best = es.best === null ? null : fromBase64(es.best, 'earlyStopping.best', fail);
    if (best && best.length !== theta.length) fail(`earlyStopping.best has ${best.length} values, theta ${theta.length}`);
    // Before a best epoch: no value, no weights, bestEpoch −1; after: all three, the epoch within those run.
    const seen = es.bestEpoch >= 1;
    if (es.waited < 0 || es.waited > doc.epoch || es.bestEpoch > doc.epoch || (!seen && es.bestEpoch !== -1) || (es.bestValue !== null) !== seen || (best !== null) !== seen) {
      fail(`field "earlyStopping" is inconsistent at epoch ${doc.epoch}: bestEpoch ${es.bestEpoch}, waited ${es.waited}, bestValue ${es.bestValue === null ? 'null' : 'set'}, best ${best === null ? 'null' : 'set'}`);
    }
    earlyStopping = { bestValue: es.bestValue, bestEpoch: es.bestEpoch, waited: es.waited, best };
  }
  return { checkpoint: { epoch: doc.epoch, theta, optimizerState: { kind: s.kind, step: s.step, slots }, rng: doc.rng, earlyStopping }, run: run as RunIdentity };
}

/**
 * The per-parameter arrays the run's optimizer keeps after an epoch: sgd a velocity with momentum,
 * AdaGrad its sums of squares, Adam two moments, and with L1 the cumulative penalty's two.
 * A checkpoint missing one would resume with it zeroed: a different run, silently.
 */
function checkSlots(kind: string, names: string[], options: Record<string, unknown>, fail: (msg: string) => never): void {
  const own: Record<string, string[]> = { sgd: Number(options.momentum) > 0 ? ['velocity'] : [], adagrad: ['sumSquares'], adam: ['m', 'v'] };
  if (!Object.hasOwn(own, kind)) fail(`field "optimizerState.kind" is ${JSON.stringify(kind)}, expected sgd, adagrad or adam`);
  const expected = [...own[kind], ...(Number(options.l1) > 0 ? ['l1Applied', 'l1Total'] : [])].sort();
  const have = [...names].sort();
  if (have.join() !== expected.join()) fail(`field "optimizerState.slots" holds ${have.length ? have.join(', ') : 'none'}; this run's ${kind} keeps ${expected.length ? expected.join(', ') : 'none'}`);
}

function checkSameRun(saved: RunIdentity, now: RunIdentity, path: string): void {
  const differ: string[] = [];
  if (saved.data !== now.data) differ.push(`data ${saved.data} (now ${now.data})`);
  if (saved.examples !== now.examples) differ.push(`${saved.examples} examples (now ${now.examples})`);
  for (const key of Object.keys({ ...saved.options, ...now.options }) as Array<keyof ResolvedTrainOptions>) {
    if (JSON.stringify(saved.options[key]) !== JSON.stringify(now.options[key])) differ.push(`${key} ${JSON.stringify(saved.options[key])} (now ${JSON.stringify(now.options[key])})`);
  }
  if (differ.length) throw new UsageError(`--resume ${path}: the checkpoint belongs to another run: ${differ.join(', ')}; resume with the same data and options`);
}

function toBase64(values: ArrayLike<number>): string {
  return Buffer.from(Float64Array.from(values).buffer).toString('base64');
}

function fromBase64(text: unknown, field: string, fail: (msg: string) => never): number[] {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return fail(`field "${field}" must be base64 float64 values`);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 8 !== 0) fail(`field "${field}" is ${bytes.length} bytes, not a whole number of float64 values`);
  const values = Array.from(new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)));
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) fail(`${field}[${bad}] is ${values[bad]}, expected a finite number`);
  return values;
}
