import { UsageError } from '../cli/args.js';
import { Random } from '../random.js';
import { SETTING_KEYS } from './keys.js';
import { type Setting } from './settings.js';

/** Keys sampled log-uniformly over a range (scales spanning decades). */
const LOG_KEYS = new Set(['C', 'lr', 'l2', 'l1', 'tol']);
/** Keys that take integers. */
const INTEGER_KEYS = new Set(['epochs', 'batch-size', 'ngrams', 'min-count', 'max-features', 'hash-buckets', 'max-iter', 'hidden']);

/** One dimension of a search space: a list of values, or a range lo..hi (random search only). */
export interface Dimension {
  key: string;
  values: string[] | null;
  range: { lo: number; hi: number } | null;
}

/**
 * Parses "C=0.1,1,10 ngrams=1,2 min-count=1,2" (lists) or, for random
 * search, "C=0.01..100 ngrams=1,2,3" (ranges and lists). Refuses an empty
 * space, unknown or repeated keys, empty values and a value listed twice
 * (C=1,1.0: numbers compared by value), naming the flag.
 */
export function parseSpace(spec: string, flag: string, validKeys: readonly string[] = SETTING_KEYS): Dimension[] {
  const parts = spec.split(/\s+/).filter(Boolean);
  if (parts.length === 0) throw new UsageError(`${flag}: the grid is empty; give key=v1,v2 pairs, e.g. 'C=0.1,1,10 ngrams=1,2'`);
  const seen = new Set<string>();
  return parts.map((part) => {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (!validKeys.includes(key)) throw new UsageError(`${flag}: unknown key ${JSON.stringify(key)}; valid keys: ${validKeys.join(', ')}`);
    if (seen.has(key)) throw new UsageError(`${flag}: the key ${key} appears twice`);
    seen.add(key);
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    const range = raw.split('..');
    if (range.length === 2) {
      const lo = range[0].trim() === '' ? NaN : Number(range[0]);
      const hi = range[1].trim() === '' ? NaN : Number(range[1]);
      if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) throw new UsageError(`${flag}: ${key}=${raw}: a range needs two numbers lo..hi with lo < hi`);
      if (LOG_KEYS.has(key) && !(lo > 0)) throw new UsageError(`${flag}: ${key}=${raw}: ${key} is sampled on a log scale, so the range must be positive`);
      return { key, values: null, range: { lo, hi } };
    }
    const values = raw.split(',').map((v) => v.trim());
    if (raw === '' || values.some((v) => v === '')) throw new UsageError(`${flag}: ${key} has no value (or an empty one): expected ${key}=v1,v2,…`);
    checkDistinct(flag, key, raw, values);
    return { key, values, range: null };
  });
}

/** A value listed twice would score the same settings twice (or, in a random search, draw it twice as often): refused. */
function checkDistinct(flag: string, key: string, raw: string, values: string[]): void {
  const first = new Map<string, string>();
  for (const v of values) {
    const number = Number(v);
    const canonical = Number.isFinite(number) ? String(number) : v;
    const earlier = first.get(canonical);
    if (earlier !== undefined) {
      const spellings = earlier === v ? '' : ` (as ${earlier} and ${v})`;
      throw new UsageError(`${flag}: ${key}=${raw} lists the value ${canonical} twice${spellings}: every setting with it would be scored twice`);
    }
    first.set(canonical, v);
  }
}

/** Every combination of the listed values (the first key varies slowest). */
export function gridSettings(space: Dimension[], flag: string): Setting[] {
  let settings: Setting[] = [{}];
  for (const d of space) {
    if (!d.values) throw new UsageError(`${flag}: ${d.key}=${d.range!.lo}..${d.range!.hi} is a range; a grid needs lists (use --random N to sample ranges)`);
    settings = settings.flatMap((s) => d.values!.map((v) => ({ ...s, [d.key]: v })));
  }
  return settings;
}

/**
 * n distinct settings drawn from the space with a seeded generator: lists uniformly, ranges uniformly (integers:
 * lo..hi inclusive) or, for C, learning rates and penalties, log-uniformly: exp(U(ln lo, ln hi)), printed to 3
 * significant digits. No setting is drawn twice (it would be scored twice): a space of lists and integer ranges
 * is sampled without replacement, and n above its number of settings is refused; otherwise a repeat is drawn again.
 */
export function randomSettings(space: Dimension[], n: number, seed: number): Setting[] {
  const rng = new Random(seed);
  const choices = space.map((d) => d.values ?? integerValues(d));
  const count = choices.reduce((p, c) => p * (c ? c.length : Infinity), 1);
  if (n > count) throw new UsageError(`--random ${n}: the space has only ${count} distinct settings (use --grid to score each once, or widen the space)`);
  if (count <= MAX_ENUMERATED) {
    const all = gridSettings(space.map((d, i) => ({ key: d.key, values: choices[i], range: null })), '--random');
    return Array.from(rng.permutation(all.length).subarray(0, n), (i) => all[i]);
  }
  const seen = new Set<string>();
  const draw = () => {
    const s: Setting = {};
    for (const d of space) s[d.key] = d.values ? d.values[rng.int(d.values.length)] : sampleRange(d.key, d.range!, rng);
    return s;
  };
  return Array.from({ length: n }, () => {
    for (let attempt = 0; attempt < MAX_REDRAWS; attempt++) {
      const s = draw();
      const key = JSON.stringify(s);
      if (seen.has(key)) continue;
      seen.add(key);
      return s;
    }
    throw new UsageError(`--random ${n}: after ${seen.size} distinct settings, ${MAX_REDRAWS} draws in a row repeated one: widen the space or draw fewer`);
  });
}

/** Spaces with at most this many settings (lists and integer ranges) are listed and sampled without replacement. */
const MAX_ENUMERATED = 1_000_000;
const MAX_REDRAWS = 1000;

/** The values of an integer range (null for a range of real numbers: too many to count). */
function integerValues(d: Dimension): string[] | null {
  if (!INTEGER_KEYS.has(d.key)) return null;
  const lo = Math.ceil(d.range!.lo);
  const hi = Math.floor(d.range!.hi);
  return hi - lo + 1 > MAX_ENUMERATED ? null : Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => String(lo + i));
}

function sampleRange(key: string, r: { lo: number; hi: number }, rng: Random): string {
  if (INTEGER_KEYS.has(key)) return String(Math.ceil(r.lo) + rng.int(Math.floor(r.hi) - Math.ceil(r.lo) + 1));
  const v = LOG_KEYS.has(key) ? Math.exp(Math.log(r.lo) + rng.next() * (Math.log(r.hi) - Math.log(r.lo))) : r.lo + rng.next() * (r.hi - r.lo);
  return String(Number(v.toPrecision(3)));
}
