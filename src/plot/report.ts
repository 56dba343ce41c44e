import { escapeXml } from './svg.js';

export interface ReportSection {
  heading: string;
  /** Trusted HTML/SVG made by argmax's chart functions. */
  html: string;
  note?: string;
}

/** A self-contained HTML page (inline SVG, no scripts, no external files). */
export function htmlReport(title: string, summary: Array<[string, string]>, sections: ReportSection[]): string {
  const rows = summary.map(([k, v]) => `<tr><th>${escapeXml(k)}</th><td>${escapeXml(v)}</td></tr>`).join('\n');
  const body = sections
    .map(
      (s) =>
        `<section><h2>${escapeXml(s.heading)}</h2>${s.note ? `<p>${escapeXml(s.note)}</p>` : ''}\n${s.html}\n</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{padding:3px 10px;border-bottom:1px solid #ddd;text-align:left}
th{font-weight:600}section{margin:2em 0}.row{display:flex;flex-wrap:wrap;gap:16px}
</style></head><body>
<h1>${escapeXml(title)}</h1>
<table>${rows}</table>
${body}
</body></html>
`;
}
