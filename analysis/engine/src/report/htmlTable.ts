/** A column of a report table: its heading and whether it holds numbers (right-aligned). */
export interface Column {
  head: string;
  num?: boolean;
}

/**
 * A table whose head repeats on every printed page. Cells are HTML the caller has already
 * escaped (see `esc`); headings are ours.
 */
export function htmlTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  cls = '',
): string {
  const head = columns.map((c) => `<th${c.num ? ' class="num"' : ''}>${c.head}</th>`).join('');
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells.map((cell, i) => `<td${columns[i]?.num ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A severity as a coloured badge (the value is one of ours, but escape-safe anyway). */
export function severityBadge(severity: string): string {
  const s = severity.replace(/[^a-z]/g, '');
  return `<span class="sev sev-${s}">${s}</span>`;
}
