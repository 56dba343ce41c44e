/** Small DOM helpers for the playground. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no element #${id}`);
  return e as T;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A number read from a form field; empty fields give undefined, bad ones an error naming the field. */
export function numberField(form: HTMLFormElement, name: string, rule: { integer?: boolean; min?: number; positive?: boolean } = {}): number | undefined {
  const input = form.elements.namedItem(name) as HTMLInputElement | null;
  if (!input) throw new Error(`the form has no field ${name}`);
  const text = input.value.trim();
  if (text === '') return undefined;
  const v = Number(text);
  const label = input.closest('label')?.firstChild?.textContent?.trim() ?? name;
  if (!Number.isFinite(v) || (rule.integer && !Number.isInteger(v)) || (rule.min !== undefined && v < rule.min) || (rule.positive && v <= 0)) {
    const bound = rule.positive ? ' > 0' : rule.min !== undefined ? ` ≥ ${rule.min}` : '';
    throw new Error(`${label}: expected ${rule.integer ? 'an integer' : 'a number'}${bound}, got ${JSON.stringify(text)}`);
  }
  return v;
}

export function field(form: HTMLFormElement, name: string): string {
  const e = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  if (!e) throw new Error(`the form has no field ${name}`);
  return e.value;
}

/** A comma-separated list of positive integers ("128,64"). */
export function integerList(text: string, what: string): number[] {
  const parts = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const out = parts.map(Number);
  if (out.length === 0 || out.some((v) => !Number.isInteger(v) || v < 1)) throw new Error(`${what}: expected comma-separated integers ≥ 1, got ${JSON.stringify(text)}`);
  return out;
}

const shown = new Set<string>();

/** Shows a warning banner (never silently); a warning already shown is not repeated (every run of a learning curve would add it again). */
export function warn(message: string): void {
  if (shown.has(message)) return;
  shown.add(message);
  const w = byId('warning');
  w.hidden = false;
  w.textContent = w.textContent ? `${w.textContent} ${message}` : message;
}

/** Locks (or unlocks) a form's settings while a run uses them, so no change seems to apply mid-run; buttons are left alone. */
export function lockSettings(form: HTMLFormElement, locked: boolean): void {
  for (const e of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')) e.disabled = locked;
}
