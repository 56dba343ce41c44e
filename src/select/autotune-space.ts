import { Random } from '../random.js';
import { type Setting } from './settings.js';

/**
 * What autotune explores, and how it proposes the next setting: half the
 * time a fresh draw from the whole space, otherwise a step from the best
 * setting so far (C moved by a log-normal factor that shrinks as the budget is
 * spent, n-grams and min-count by ±1, the model kind kept 3 times in 4).
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
    optimizers: { softmax: ['newton', 'lbfgs'], svm: ['sgd', 'adam'], mlp: ['adam', 'sgd'] },
    hidden: [32, 64, 128, 256],
  };
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
    const fresh = best === null || this.rng.next() < 0.5;
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
    if (s.ngrams) out.ngrams = String(nudge(r, Number(best.ngrams ?? 2), s.ngrams));
    if (s.minCount) out['min-count'] = String(nudge(r, Number(best['min-count'] ?? 2), s.minCount));
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
