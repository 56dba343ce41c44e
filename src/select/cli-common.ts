/** What the cv, search and train --autotune commands share: the setting flags, reading data, formatting. */
import { UsageError, numberFlag } from '../cli/args.js';
import { checkIgnoreColumnsApply, FEATURIZER_FLAG_SPECS, FORMAT_FLAG_SPECS, readFormatFlags } from '../cli/input-flags.js';
import { TRAIN_FLAG_SPECS } from '../cli/train-flags.js';
import { NETWORK_FLAG_SPECS } from '../cli/network-flags.js';
import { fmt } from '../cli/table.js';
import { isMnistName } from '../data/mnist.js';
import { type Examples } from './examples.js';
import { loadExamples } from './load-examples.js';
import { type Metric } from './scores.js';
import { type Setting } from './settings.js';

/** Flags that describe a setting (model, training and featurizer flags). */
export const SETTING_FLAG_SPECS = { ...TRAIN_FLAG_SPECS, ...FEATURIZER_FLAG_SPECS, ...NETWORK_FLAG_SPECS, model: { type: 'string' }, scale: { type: 'string' } } as const;
/** Flags that take no value: a setting holds them as "true". */
const BOOLEAN_FLAGS = new Set(Object.entries(SETTING_FLAG_SPECS).filter(([, s]) => s.type === 'boolean').map(([k]) => k));

/** The setting given on the command line (flags not given are left out, so defaults apply). */
export function settingFromFlags(values: Record<string, unknown>): Setting {
  const s: Setting = {};
  for (const k of Object.keys(SETTING_FLAG_SPECS)) {
    const v = values[k];
    if (v === undefined || v === false) continue;
    s[k] = String(v);
  }
  return s;
}

/** Flag words for a setting: ["--C", "10", "--nesterov"]. */
export function settingArgs(setting: Setting): string[] {
  return Object.entries(setting).flatMap(([k, v]) => (BOOLEAN_FLAGS.has(k) ? (v === 'true' ? [`--${k}`] : []) : [`--${k}`, v]));
}

export const DATA_FLAG_SPECS = { ...FORMAT_FLAG_SPECS, first: { type: 'string' } } as const;
export const DATA_FLAG_HELP = '  --first n            use only the first n examples of the data';

/** The data argument, unfeaturized, and whether `argmax train` would treat it as a file (file defaults). */
export function readExamples(spec: string, values: Record<string, unknown>): { examples: Examples; fromFile: boolean } {
  const first = numberFlag(values as Record<string, string>, 'first', undefined, { integer: true, min: 2 });
  const source = readFormatFlags(values);
  checkIgnoreColumnsApply(spec, source);
  const examples = loadExamples(spec, source, first);
  return { examples, fromFile: examples.kind === 'text' || !isMnistName(spec) };
}

/** --metric accuracy | macro-f1 | log-loss | f1:LABEL, the label checked against the data's labels. */
export function readMetric(raw: string | undefined, labels: readonly (string | number)[], allowed: readonly string[], fallback: Metric['kind']): Metric {
  const text = raw ?? fallback;
  if (text.startsWith('f1:') && allowed.includes('f1:LABEL')) {
    const label = text.slice(3);
    const index = labels.findIndex((l) => String(l) === label);
    if (index < 0) throw new UsageError(`--metric ${text}: no class ${JSON.stringify(label)} in the data (classes: ${labels.map(String).join(', ')})`);
    return { kind: 'f1', label, index };
  }
  if (!allowed.includes(text) || text === 'f1:LABEL') throw new UsageError(`--metric: expected one of ${allowed.join(', ')}, got ${JSON.stringify(text)}`);
  return { kind: text as 'accuracy' | 'macro-f1' | 'log-loss' };
}

/** "0.9123 ± 0.0040"; just the mean when there is one score (a validation file), "—" for none. */
export const meanSdText = (x: { mean: number; sd: number } | null, single = false) => (x ? (single ? fmt(x.mean) : `${fmt(x.mean)} ± ${fmt(x.sd)}`) : '—');

/** A word for a POSIX shell: printed commands are ready to paste even with spaces or quotes in a path or column name. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
