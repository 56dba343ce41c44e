/** Reading and checking command-line values, with errors that name the flag and the accepted range. */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Seeds are 32-bit: larger values would wrap onto smaller ones (1e300 would equal 0). */
export const MAX_SEED = 2 ** 32 - 1;

type Raw = Record<string, string | boolean | undefined | (string | boolean)[]>;

export function numberFlag<F extends number | undefined>(
  values: Raw,
  name: string,
  fallback: F,
  rule: { integer?: boolean; min?: number; exclusiveMin?: number; max?: number; /** how the flag is written in messages (default --name) */ spelled?: string } = {},
): number | F {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const text = String(raw);
  const v = Number(text);
  const range = describe(rule);
  const flag = rule.spelled ?? `--${name}`;
  if (text.trim() === '' || !Number.isFinite(v)) throw new UsageError(`${flag}: expected ${range}, got ${JSON.stringify(text)}`);
  if (rule.integer && !Number.isInteger(v)) throw new UsageError(`${flag}: expected ${range}, got ${text}`);
  if (rule.min !== undefined && v < rule.min) throw new UsageError(`${flag}: expected ${range}, got ${text}`);
  if (rule.exclusiveMin !== undefined && v <= rule.exclusiveMin) throw new UsageError(`${flag}: expected ${range}, got ${text}`);
  if (rule.max !== undefined && v > rule.max) throw new UsageError(`${flag}: expected ${range}, got ${text}`);
  return v;
}

export function choiceFlag<T extends string, F extends T | undefined>(values: Raw, name: string, choices: readonly T[], fallback: F): T | F {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (!choices.includes(raw as T)) {
    throw new UsageError(`--${name}: expected one of ${choices.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return raw as T;
}

/** A comma-separated list of positive integers, e.g. --sizes 500,1000,2000. */
export function integerListFlag(values: Raw, name: string, fallback: number[]): number[] {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const parts = String(raw).split(',').map((s) => s.trim());
  return parts.map((p) => {
    const v = Number(p);
    if (p === '' || !Number.isInteger(v) || v < 1) {
      throw new UsageError(`--${name}: expected comma-separated integers ≥ 1, got ${JSON.stringify(String(raw))}`);
    }
    return v;
  });
}

function describe(rule: { integer?: boolean; min?: number; exclusiveMin?: number; max?: number }): string {
  const kind = rule.integer ? 'an integer' : 'a number';
  const bounds: string[] = [];
  if (rule.min !== undefined) bounds.push(`≥ ${rule.min}`);
  if (rule.exclusiveMin !== undefined) bounds.push(`> ${rule.exclusiveMin}`);
  if (rule.max !== undefined) bounds.push(`≤ ${rule.max}`);
  return bounds.length ? `${kind} ${bounds.join(' and ')}` : kind;
}
