/**
 * The label table: maps the user's labels (strings or numbers) to class
 * indices 0..K−1 and back. argmax never assumes the user's labels are
 * already 0..K−1; every model carries its table.
 *
 * Classes are ordered as scikit-learn orders them: numbers ascending, strings
 * in code-point order (numbers before strings when mixed).
 */
export type Label = string | number;

/** A label is a string or a finite number; position i names it in errors. */
function checkLabel(label: Label, i: number): void {
  if (typeof label === 'number' && !Number.isFinite(label)) {
    throw new RangeError(`label table: label ${label} at position ${i} is not a finite number`);
  }
  // From JavaScript (parsed JSON, a missing value): null, undefined or a boolean would become a class of its own.
  if (typeof label !== 'number' && typeof label !== 'string') {
    throw new TypeError(`label table: label ${String(label)} at position ${i} is ${label === null || label === undefined ? String(label) : `a ${typeof label}`}; labels are strings or finite numbers`);
  }
}

/**
 * A number and its own spelling as a string (1 and "1") would be two classes
 * that print alike: labels read from a file mixed with labels from code. Refused.
 */
function checkNoNumberStringTwins(labels: Iterable<Label>, has: (label: Label) => boolean): void {
  for (const label of labels) {
    if (typeof label === 'number' && has(String(label))) {
      throw new RangeError(`label table: the number ${label} and the string ${JSON.stringify(String(label))} are both labels, which would make two classes that print alike; give every label the same type`);
    }
  }
}

export class LabelTable {
  readonly labels: readonly Label[];
  private readonly index: Map<Label, number>;

  /** A table with exactly these labels in this order (duplicates are refused). */
  constructor(labels: readonly Label[]) {
    this.labels = Object.freeze([...labels]);
    this.index = new Map();
    labels.forEach((label, i) => {
      checkLabel(label, i);
      if (this.index.has(label)) throw new RangeError(`label table: label ${JSON.stringify(label)} appears twice`);
      this.index.set(label, i);
    });
    checkNoNumberStringTwins(this.labels, (l) => this.index.has(l));
  }

  /** The sorted set of distinct labels seen in `values`. */
  static fromValues(values: Iterable<Label>): LabelTable {
    const seen = new Set<Label>();
    let i = 0;
    for (const v of values) {
      if (!seen.has(v)) checkLabel(v, i);
      seen.add(v);
      i++;
    }
    return new LabelTable([...seen].sort(compareLabels));
  }

  get size(): number {
    return this.labels.length;
  }

  has(label: Label): boolean {
    return this.index.has(label);
  }

  /** Class index of one label; throws naming the label when it is not in the table. */
  indexOf(label: Label): number {
    const k = this.index.get(label);
    if (k === undefined) {
      throw new RangeError(`label ${JSON.stringify(label)} is not in the label table [${this.describe()}]`);
    }
    return k;
  }

  /** Class indices of many labels; the error names the position of the first unknown label. */
  encode(values: ArrayLike<Label>, where = 'labels'): Int32Array {
    const out = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const k = this.index.get(values[i]);
      if (k === undefined) {
        throw new RangeError(
          `${where}[${i}]: label ${JSON.stringify(values[i])} is not in the label table [${this.describe()}]`,
        );
      }
      out[i] = k;
    }
    return out;
  }

  /** The user's label for class index k. */
  labelOf(k: number): Label {
    if (!(Number.isInteger(k) && k >= 0 && k < this.labels.length)) {
      throw new RangeError(`class index ${k} is outside 0..${this.labels.length - 1}`);
    }
    return this.labels[k];
  }

  decode(indices: ArrayLike<number>): Label[] {
    return Array.from(indices, (k) => this.labelOf(k));
  }

  toJSON(): Label[] {
    return [...this.labels];
  }

  private describe(): string {
    const shown = this.labels.slice(0, 20).map((l) => JSON.stringify(l));
    return shown.join(', ') + (this.labels.length > 20 ? `, … (${this.labels.length} in all)` : '');
  }
}

export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
