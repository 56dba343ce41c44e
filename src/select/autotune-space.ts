import { Random } from '../random.js';
import { type Setting } from './settings.js';
import { closest } from '../cli/did-you-mean.js';
import { optionNames, refuseUnknownOptions } from '../option-names.js';

/**
 * What autotune explores, and how it proposes the next setting: 3 times in
 * 10 a fresh draw from the whole space, otherwise a step from the best setting
 * so far (C moved by a log-normal factor that shrinks as the budget is spent,
 * the model kind kept 3 times in 4, and the text features kept 7 times in 10,
 * otherwise n-grams and min-count moved by ±1). Featurizing text costs more
 * than most trainings, so steps that keep the features reuse them.
 * Keys the user fixed with flags are never changed.
 */
export interface AutotuneSpace {
  models: string[];
  /** Log-uniform range of C. */
  C: [number, number];
  /** Text only: word n-gram orders and min-counts (integer ranges). */
  ngrams: [number, number] | null;
  minCount: [number, number] | null;
  /** Optimizers per model kind. */
  optimizers: Record<string, string[]>;
  /** Multilayer perceptron: hidden sizes. */
  hidden: number[];
}

export function defaultSpace(text: boolean, models: string[]): AutotuneSpace {
  return {
    models,
    C: [0.1, 1000],
    ngrams: text ? [1, 3] : null,
    minCount: text ? [1, 5] : null,
    optimizers: { softmax: ['newton', 'lbfgs'], svm: ['dual-cd', 'sgd'], mlp: ['adam', 'sgd'] },
    hidden: [16, 32, 64, 128],
  };
}

const SPACE_NAMES = optionNames<AutotuneSpace>()(['models', 'C', 'ngrams', 'minCount', 'optimizers', 'hidden']);

/**
 * A space given to autotune, refused before any trial when a name is misspelt or a value would
 * stop the proposals (a model without optimizers to choose from, an empty or reversed range).
 */
export function checkAutotuneSpace(space: AutotuneSpace): void {
  if (space === null || typeof space !== 'object' || Array.isArray(space)) throw new TypeError('autotune: space must be an object (defaultSpace(text, models) gives one)');
  refuseUnknownOptions(space, SPACE_NAMES, 'autotune space');
  const fail = (message: string): never => {
    throw new RangeError(`autotune space: ${message}`);
  };
  const isRange = (r: unknown, min: number, integer: boolean) =>
    Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === 'number' && v >= min && Number.isFinite(v) && (!integer || Number.isInteger(v))) && r[0] <= r[1];
  const { models, C, ngrams, minCount, optimizers, hidden } = space;
  if (!Array.isArray(models) || models.length === 0 || !models.every((m) => typeof m === 'string')) fail(`models must be a non-empty list of model kinds, got ${JSON.stringify(models)}`);
  if (!isRange(C, Number.MIN_VALUE, false)) fail(`C must be a range [low, high] of numbers > 0, got ${JSON.stringify(C)}`);
  if (ngrams !== null && !isRange(ngrams, 1, true)) fail(`ngrams must be null or a range [low, high] of integers ≥ 1, got ${JSON.stringify(ngrams)}`);
  if (minCount !== null && !isRange(minCount, 1, true)) fail(`minCount must be null or a range [low, high] of integers ≥ 1, got ${JSON.stringify(minCount)}`);
  if (optimizers === null || typeof optimizers !== 'object' || Array.isArray(optimizers)) fail('optimizers must be an object: model kind → list of optimizers');
  for (const model of models) {
    const list = Object.hasOwn(optimizers, model) ? optimizers[model] : undefined;
    if (Array.isArray(list) && list.length > 0 && list.every((o) => typeof o === 'string')) continue;
    // A misspelt model kind among the keys is the likely cause.
    const suggestion = list === undefined ? closest(model, Object.keys(optimizers).filter((k) => !models.includes(k))) : null;
    fail(`optimizers.${model} must be a non-empty list of optimizers, got ${JSON.stringify(list)}${suggestion ? ` (is ${JSON.stringify(suggestion)} meant to be ${JSON.stringify(model)}?)` : ''}`);
  }
  // Only networks draw a hidden size.
  const sizes = Array.isArray(hidden) && hidden.every((h) => Number.isInteger(h) && h >= 1);
  if (!sizes || (models.includes('mlp') && hidden.length === 0)) fail(`hidden must be a list of layer sizes (integers ≥ 1)${models.includes('mlp') ? ', at least one for mlp' : ''}, got ${JSON.stringify(hidden)}`);
}

/** Every key autotune may set (so a user flag for one of them pins it). */
export const TUNED_KEYS = ['model', 'C', 'optimizer', 'ngrams', 'min-count', 'hidden'];

export class Proposer {
  private readonly rng: Random;

  constructor(private readonly space: AutotuneSpace, private readonly fixed: Setting, seed: number) {
    this.rng = new Random(seed);
  }

  /** A setting for the next trial; `progress` ∈ [0, 1] is the fraction of the budget spent. */
  next(best: Setting | null, progress: number): Setting {
    const fresh = best === null || this.rng.next() < 0.3;
    return this.withFixed(fresh ? this.draw() : this.step(best!, progress));
  }

  private draw(): Setting {
    const s = this.space;
    const r = this.rng;
    const model = this.pick(s.models, 'model');
    const out: Setting = { model, C: logUniform(r, s.C), optimizer: this.pick(s.optimizers[model], 'optimizer') };
    if (s.ngrams) out.ngrams = String(intIn(r, s.ngrams));
    if (s.minCount) out['min-count'] = String(intIn(r, s.minCount));
    if (model === 'mlp') out.hidden = String(s.hidden[r.int(s.hidden.length)]);
    return out;
  }

  private step(best: Setting, progress: number): Setting {
    const s = this.space;
    const r = this.rng;
    const model = r.next() < 0.75 || !best.model ? best.model ?? s.models[0] : this.pick(s.models, 'model');
    const out: Setting = { model };
    // C: multiply by e^(σ·z), σ from 1.5 down to 0.3 over the budget, kept inside the range.
    const sigma = 1.5 - 1.2 * Math.min(1, progress);
    const c0 = Number(best.C ?? Math.sqrt(s.C[0] * s.C[1]));
    out.C = fmt3(Math.min(s.C[1], Math.max(s.C[0], c0 * Math.exp(sigma * r.normal()))));
    const opts = s.optimizers[model];
    out.optimizer = model === best.model && best.optimizer && opts.includes(best.optimizer) && r.next() < 0.75 ? best.optimizer : this.pick(opts, 'optimizer');
    const keepFeatures = r.next() < 0.7;
    const ngrams = Number(best.ngrams ?? 2);
    const minCount = Number(best['min-count'] ?? 2);
    if (s.ngrams) out.ngrams = String(keepFeatures ? ngrams : nudge(r, ngrams, s.ngrams));
    if (s.minCount) out['min-count'] = String(keepFeatures ? minCount : nudge(r, minCount, s.minCount));
    if (model === 'mlp') {
      const h = s.hidden.indexOf(Number(best.hidden));
      out.hidden = String(h < 0 ? s.hidden[r.int(s.hidden.length)] : s.hidden[Math.max(0, Math.min(s.hidden.length - 1, h + r.int(3) - 1))]);
    }
    return out;
  }

  private pick(options: string[], key: string): string {
    return this.fixed[key] ?? options[this.rng.int(options.length)];
  }

  /** The user's flags win over anything proposed. */
  private withFixed(s: Setting): Setting {
    const out: Setting = { ...s, ...this.fixed };
    if (out.model !== 'mlp') delete out.hidden;
    if (this.fixed.l2 !== undefined) delete out.C;
    return out;
  }
}

function logUniform(r: Random, [lo, hi]: [number, number]): string {
  return fmt3(Math.exp(Math.log(lo) + r.next() * (Math.log(hi) - Math.log(lo))));
}

function intIn(r: Random, [lo, hi]: [number, number]): number {
  return lo + r.int(hi - lo + 1);
}

/** The value moved by −1, 0 or +1, kept in range. */
function nudge(r: Random, v: number, [lo, hi]: [number, number]): number {
  return Math.min(hi, Math.max(lo, v + r.int(3) - 1));
}

function fmt3(v: number): string {
  return String(Number(v.toPrecision(3)));
}
