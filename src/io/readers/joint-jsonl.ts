import { JointBuilder, type JointDataset } from '../../joint/joint-data.js';
import { murmur3 } from '../../text/hash.js';
import { DataFormatError } from './lines.js';
import { optionNames, refuseUnknownOptions } from '../../option-names.js';

export interface JointJsonlOptions {
  /** false: examples may lack "gold" (prediction); default true. */
  requireGold?: boolean;
}

const JOINT_JSONL_OPTION_NAMES = optionNames<JointJsonlOptions>()(['requireGold']);

/**
 * The joint model's data format, JSON Lines with one example per line and
 * its own candidates, each with label-dependent features f(x, y):
 *
 *   {"candidates": [{"label": "Lance Armstrong", "features": {"doping&cyclist": 1, "tour&cyclist": 1}},
 *                   {"label": "Armstrong County", "features": ["doping&county"]}],
 *    "gold": "Lance Armstrong"}
 *
 * Features are an object of name → value or an array of names (value 1);
 * names are hashed into `buckets` joint features, so neither the feature
 * nor the label vocabulary is held in memory. "gold" may be omitted for
 * prediction. Errors name the line and the field.
 */
export function parseJointJsonl(
  lines: Iterable<{ line: string; number: number }>,
  source: string,
  buckets: number,
  options: JointJsonlOptions = {},
): JointDataset {
  refuseUnknownOptions(options, JOINT_JSONL_OPTION_NAMES, 'parseJointJsonl');
  const requireGold = options.requireGold ?? true;
  const builder = new JointBuilder();
  for (const { line, number } of lines) {
    if (line.trim() === '') continue;
    const fail = (msg: string): never => {
      throw new DataFormatError(source, number, msg);
    };
    let doc: any;
    try {
      doc = JSON.parse(line);
    } catch (e) {
      return fail(`not valid JSON (${(e as Error).message})`);
    }
    if (!doc || !Array.isArray(doc.candidates) || doc.candidates.length === 0) fail('field "candidates" must be a non-empty array');
    let g = -1;
    doc.candidates.forEach((c: any, t: number) => {
      if (!c || (typeof c.label !== 'string' && typeof c.label !== 'number')) fail(`candidates[${t}].label must be a string or a number`);
      const label = String(c.label);
      const entries: Array<[string, number]> = Array.isArray(c.features)
        ? c.features.map((f: unknown) => (typeof f === 'string' ? [f, 1] : fail(`candidates[${t}].features must hold strings`)))
        : c.features && typeof c.features === 'object'
          ? Object.entries(c.features).map(([k, v]) => (typeof v === 'number' && Number.isFinite(v) ? [k, v] : fail(`candidates[${t}].features[${JSON.stringify(k)}] must be a finite number`)))
          : fail(`candidates[${t}].features must be an object of name → value or an array of names`);
      const row = new Map<number, number>();
      for (const [name, v] of entries) {
        const col = murmur3(name) % buckets;
        row.set(col, (row.get(col) ?? 0) + v);
      }
      builder.addCandidate(label, row);
      if (doc.gold !== undefined && String(doc.gold) === label) g = t;
    });
    if (doc.gold !== undefined && g < 0) fail(`gold ${JSON.stringify(doc.gold)} is not among the candidates`);
    if (doc.gold === undefined && requireGold) fail('missing field "gold"');
    builder.endExample(g);
  }
  if (builder.numExamples === 0) throw new DataFormatError(source, 0, 'no examples');
  return builder.build(buckets);
}
