import { checkLabelText, DataFormatError } from './lines.js';
import { type TextRecords } from './records.js';
import { optionNames, refuseUnknownOptions } from '../../option-names.js';

export interface JsonlOptions {
  /** The field holding the text (default "text"). */
  textField?: string;
  /** The field holding the label or labels (default "label"). */
  labelField?: string;
  /** false: objects may lack the label field (prediction); default true. */
  requireLabels?: boolean;
}

const JSONL_OPTION_NAMES = optionNames<JsonlOptions>()(['textField', 'labelField', 'requireLabels']);

/**
 * JSON Lines: one object per line, `{"text": "…", "label": "…"}` (the label
 * may be a number, or an array of labels; labels are non-empty and without
 * line breaks). Empty lines are skipped; errors name the line and the field.
 */
export function parseJsonl(lines: Iterable<{ line: string; number: number }>, source: string, options: JsonlOptions = {}): TextRecords {
  refuseUnknownOptions(options, JSONL_OPTION_NAMES, 'parseJsonl');
  const textField = options.textField ?? 'text';
  const labelField = options.labelField ?? 'label';
  const requireLabels = options.requireLabels ?? true;
  const texts: string[] = [];
  const labels: string[][] = [];
  for (const { line, number } of lines) {
    if (line.trim() === '') continue;
    let doc: any;
    try {
      doc = JSON.parse(line);
    } catch (e) {
      throw new DataFormatError(source, number, `not valid JSON (${(e as Error).message})`);
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new DataFormatError(source, number, 'expected a JSON object');
    if (typeof doc[textField] !== 'string') throw new DataFormatError(source, number, `field ${JSON.stringify(textField)} must be a string`);
    const raw = doc[labelField];
    const own = raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).map((l) => {
      if (typeof l !== 'string' && typeof l !== 'number') throw new DataFormatError(source, number, `field ${JSON.stringify(labelField)} must be a string, a number or an array of them`);
      return checkLabelText(String(l), source, number);
    });
    if (own.length === 0 && requireLabels) throw new DataFormatError(source, number, `missing field ${JSON.stringify(labelField)}`);
    texts.push(doc[textField]);
    labels.push(own);
  }
  return { kind: 'text', texts, labels };
}
