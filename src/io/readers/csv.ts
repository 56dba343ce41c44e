import { type Label } from '../../data/labels.js';
import { checkLabelText, DataFormatError, parseDecimal } from './lines.js';
import { type Records } from './records.js';
import { optionNames, refuseUnknownOptions } from '../../option-names.js';

export interface CsvOptions {
  /** Field separator (default ',' ; '\t' for TSV). */
  delimiter?: string;
  /** Header name of the label column (default "label"). */
  labelColumn?: string;
  /** Header name of the text column (default "text" when the header has it; otherwise the other columns are numeric features). */
  textColumn?: string;
  /** false: the label column may be missing, and labels empty (prediction); default true. */
  requireLabels?: boolean;
  /** Header names of columns to drop (an id, a name): neither features nor text. */
  ignoreColumns?: readonly string[];
  /**
   * 'error' (default): every ignored name must be in the header, so a misspelt name is caught where the
   * columns are chosen (training); 'skip': later files (test, predict, validation) may lack them.
   */
  absentIgnored?: 'error' | 'skip';
}

const CSV_OPTION_NAMES = optionNames<CsvOptions>()(['delimiter', 'labelColumn', 'textColumn', 'requireLabels', 'ignoreColumns', 'absentIgnored']);

/**
 * What to do about a missing column: a one-column header holding another
 * separator means the file is not separated by this one; otherwise the column
 * is named by a flag (--label-column, --text-column; labelColumn, textColumn in code).
 */
function missingColumnHint(header: string[], delimiter: string, role: 'label' | 'text'): string {
  const other = [',', ';', '\t', '|'].find((d) => d !== delimiter && header.length === 1 && header[0].includes(d));
  if (other) return `: the header is one column holding ${JSON.stringify(other)}; the file is read as separated by ${JSON.stringify(delimiter)}${delimiter === ',' ? ' (CSV; tab-separated files: .tsv or --format tsv)' : ''}`;
  return `; name the ${role} column with --${role}-column (option ${role}Column)`;
}

/**
 * CSV / TSV with a header row (RFC 4180 quoting: "a ""quoted"" field", and
 * quoted fields may span lines). Either a label column and a text column, or
 * a label column and numeric feature columns. Strict: in CSV a quote inside
 * an unquoted field, or text after a closing quote, is an error (in TSV a
 * quote inside a field is text); numbers are decimal (no hex); labels are
 * non-empty and without line breaks, and with numeric columns a label that
 * spells a number is that number (1 and 1.0 are one class). Errors name line
 * and column.
 */
export function parseCsv(lines: Iterable<{ line: string; number: number }>, source: string, options: CsvOptions = {}): Records {
  refuseUnknownOptions(options, CSV_OPTION_NAMES, 'parseCsv');
  const delimiter = options.delimiter ?? ',';
  const rows = csvRows(lines, source, delimiter);
  const first = rows.next();
  if (first.done) throw new DataFormatError(source, 1, 'empty file: expected a header row');
  const header = first.value.fields;
  const labelName = options.labelColumn ?? 'label';
  const requireLabels = options.requireLabels ?? true;
  const ignored = new Set(options.ignoreColumns ?? []);
  checkIgnoredColumns(ignored, header, labelName, options, source, first.value.number);
  const labelAt = header.indexOf(labelName);
  if (labelAt < 0 && requireLabels) throw new DataFormatError(source, first.value.number, `no column ${JSON.stringify(labelName)} in the header [${header.join(', ')}]${missingColumnHint(header, delimiter, 'label')}`);
  const textName = options.textColumn ?? (header.includes('text') && !ignored.has('text') ? 'text' : undefined);
  const textAt = textName === undefined ? -1 : header.indexOf(textName);
  if (textName !== undefined && textAt < 0) throw new DataFormatError(source, first.value.number, `no column ${JSON.stringify(textName)} in the header [${header.join(', ')}]${missingColumnHint(header, delimiter, 'text')}`);
  const labelOf = (fields: string[], number: number): string[] => {
    if (labelAt < 0 || (!requireLabels && fields[labelAt] === '')) return [];
    return [checkLabelText(fields[labelAt], source, number)];
  };
  if (textAt >= 0) {
    const labels: string[][] = [];
    const texts: string[] = [];
    for (const { fields, number, blank } of rows) {
      if (blank) continue;
      expectWidth(fields, header, source, number);
      labels.push(labelOf(fields, number));
      texts.push(fields[textAt]);
    }
    return { kind: 'text', texts, labels };
  }
  const labels: Label[][] = [];
  const featureCols = header.map((_, j) => j).filter((j) => j !== labelAt && !ignored.has(header[j]));
  // A model of no features predicts one class for everything: refused like an empty vocabulary.
  if (featureCols.length === 0) {
    throw new DataFormatError(source, first.value.number, `no feature columns: the header [${header.join(', ')}] has only the label${ignored.size ? ' and ignored' : ''} column${ignored.size ? 's' : ''}; add numeric columns or name a text column (--text-column)`);
  }
  const indptr: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const { fields, number, blank } of rows) {
    if (blank) continue;
    expectWidth(fields, header, source, number);
    labels.push(labelOf(fields, number).map((l) => parseDecimal(l) ?? l));
    featureCols.forEach((j, c) => {
      const v = parseDecimal(fields[j].trim());
      if (v === null) {
        throw new DataFormatError(source, number, `column ${JSON.stringify(header[j])}: expected a finite number, got ${JSON.stringify(fields[j])}`);
      }
      if (v !== 0) {
        indices.push(c);
        values.push(v);
      }
    });
    indptr.push(indices.length);
  }
  return {
    kind: 'vectors',
    labels,
    columns: featureCols.map((j) => header[j]),
    X: { kind: 'csr', rows: labels.length, cols: featureCols.length, indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), values: Float64Array.from(values), scale: 1 },
  };
}

/** Ignored columns are neither the label nor the text column, and (unless absentIgnored is 'skip') are all in the header. */
function checkIgnoredColumns(ignored: Set<string>, header: string[], labelName: string, options: CsvOptions, source: string, line: number): void {
  for (const name of ignored) {
    if (name === labelName) throw new DataFormatError(source, line, `column ${JSON.stringify(name)} is the label column and cannot be ignored (--ignore-columns)`);
    if (name === options.textColumn) throw new DataFormatError(source, line, `column ${JSON.stringify(name)} is the text column and cannot be ignored (--ignore-columns)`);
    if ((options.absentIgnored ?? 'error') === 'error' && !header.includes(name)) {
      throw new DataFormatError(source, line, `no column ${JSON.stringify(name)} to ignore (--ignore-columns) in the header [${header.join(', ')}]`);
    }
  }
}

function expectWidth(fields: string[], header: string[], source: string, number: number): void {
  if (fields.length !== header.length) {
    throw new DataFormatError(source, number, `expected ${header.length} fields as in the header, got ${fields.length}`);
  }
}

/** Records of a delimited file: fields after unquoting, with the line each record starts on. */
function* csvRows(lines: Iterable<{ line: string; number: number }>, source: string, delimiter: string): Generator<{ fields: string[]; number: number; blank: boolean }> {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let start = 0;
  let open = false;
  // In CSV a quote may only open a field or be doubled inside a quoted one; TSV files often hold quotes as text.
  const strictQuotes = delimiter !== '\t';
  for (const { line, number } of lines) {
    if (!open) {
      start = number;
      fields = [];
      field = '';
    } else field += '\n';
    let i = 0;
    while (i < line.length) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          quoted = false;
          if (i + 1 < line.length && line[i + 1] !== delimiter) {
            throw new DataFormatError(source, number, `text after the closing quote of a field (${JSON.stringify(line.slice(i, i + 12))}); double a quote inside a quoted field ("")`);
          }
        } else field += ch;
      } else if (ch === '"' && field === '' && (strictQuotes || fieldStart(line, i, delimiter))) quoted = true;
      else if (ch === '"' && strictQuotes) {
        throw new DataFormatError(source, number, `a quote inside an unquoted field (${JSON.stringify(field + line.slice(i, i + 8))}); enclose the field in quotes and double the quote ("")`);
      } else if (ch === delimiter) {
        fields.push(field);
        field = '';
      } else field += ch;
      i++;
    }
    open = quoted;
    if (!open) {
      fields.push(field);
      // blank: an empty line, skipped; a quoted empty field ("") is a record (an empty text to predict on).
      yield { fields, number: start, blank: start === number && line === '' };
    }
  }
  if (open) throw new DataFormatError(source, start, 'a quoted field is not closed before the end of the file');
}

/** Whether position i begins a field (an empty field so far may also be the end of a closed quoted one). */
function fieldStart(line: string, i: number, delimiter: string): boolean {
  return i === 0 || line[i - 1] === delimiter;
}
