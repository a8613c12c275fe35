import type { TableSpec } from '../import/tableSpec.js';
import { ident } from '../import/sql.js';
import type { AdapterContext } from './types.js';

/**
 * An auxiliary table (snapshots, bookmarks, profiles...) kept as the source wrote it, with
 * the file and line each row came from so integrity findings can point at it.
 */
export function auxiliaryTableSql(ctx: AdapterContext, spec: TableSpec, target = spec.name): string {
  const columns = spec.columns.map((c) => ident(c.name)).join(', ');
  return `CREATE TABLE ${ident(target)} AS SELECT ${columns}, _raw AS raw, _file AS src_file, _line AS src_line FROM ${ctx.records(spec.name)} ORDER BY _rank, _line`;
}

/** Scores detection: a table's file stem seen, or its required fields seen in some file. */
export function detectByTable(
  files: ReadonlyMap<string, readonly string[]>,
  main: TableSpec,
  distinctive: readonly string[],
): number {
  if (files.has(main.name) || main.stems.some((s) => files.has(s))) {
    const fields =
      files.get(main.name) ?? main.stems.map((s) => files.get(s)).find((f) => f !== undefined) ?? [];
    // A known name whose fields say otherwise (wedsync and robot-cycles share `audit_logs`).
    return fields.length === 0 || hasAll(fields, distinctive) ? 1 : 0.2;
  }
  for (const fields of files.values()) if (hasAll(fields, distinctive)) return 0.9;
  return 0;
}

function hasAll(fields: readonly string[], wanted: readonly string[]): boolean {
  const have = new Set(fields.map((f) => f.toLowerCase()));
  return wanted.every((w) => have.has(w.toLowerCase()));
}

/** `CASE expr WHEN 'A' THEN 'a' ... ELSE fallback END` from a mapping table. */
export function caseMap(expr: string, mapping: Readonly<Record<string, string>>, fallback: string): string {
  const whens = Object.entries(mapping)
    .map(([from, to]) => `WHEN '${from}' THEN '${to}'`)
    .join(' ');
  return `CASE ${expr} ${whens} ELSE ${fallback} END`;
}
