import { closest } from './cli/did-you-mean.js';

/**
 * The option names of an options type, complete by construction:
 * `optionNames<T>()([...])` fails to compile when T has a name the list lacks,
 * so the list cannot fall behind the type.
 */
export function optionNames<T>() {
  return <const L extends readonly (keyof T & string)[]>(
    names: L & ([Exclude<keyof T, L[number]>] extends [never] ? unknown : { missingOptionNames: Exclude<keyof T, L[number]> }),
  ): readonly string[] => names;
}

/**
 * Refuses an options object with a name its type does not have, before any
 * work: TypeScript checks object literals itself, but from plain JavaScript a
 * misspelt name ("lerningRate") would otherwise be ignored silently.
 */
export function refuseUnknownOptions(options: unknown, names: readonly string[], what: string): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new TypeError(`${what} options must be an object, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
  const unknown = Object.keys(options).find((key) => !names.includes(key));
  if (unknown === undefined) return;
  const suggestion = closest(unknown, names);
  throw new RangeError(`unknown ${what} option ${JSON.stringify(unknown)}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}; the options are ${names.join(', ')}`);
}

/**
 * The entries of a wider object whose names are in names: an internal caller
 * hands a checked entry point only the options it takes (the rest of its own
 * options would otherwise be refused as unknown).
 */
export function pickOptions<T extends object>(options: T, names: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([name]) => names.includes(name))) as Partial<T>;
}
