import { Type, tableFromIPC } from 'apache-arrow';

export type ValueKind = 'number' | 'bigint' | 'time' | 'bool' | 'text' | 'json';

export interface QueryColumn {
  name: string;
  /** DuckDB's type name as the service reports it. */
  type: string;
  kind: ValueKind;
}

/** A query result decoded once: rows of plain JS values (numbers, bigints, ms for times, text). */
export interface QueryRows {
  columns: QueryColumn[];
  rows: unknown[][];
}

function kindOf(typeId: Type, duckType: string): ValueKind {
  if (typeId === Type.Timestamp || typeId === Type.Date || /^(TIMESTAMP|DATE)/i.test(duckType)) return 'time';
  if (typeId === Type.Int && /BIGINT|HUGEINT|UBIGINT/i.test(duckType)) return 'bigint';
  if (typeId === Type.Int || typeId === Type.Float || typeId === Type.Decimal) return 'number';
  if (typeId === Type.Bool) return 'bool';
  if (typeId === Type.Struct || typeId === Type.List || typeId === Type.Map || typeId === Type.FixedSizeList)
    return 'json';
  return 'text';
}

/** Decodes the Arrow bytes of a `query.run` result; the declared DuckDB types name the columns' kinds. */
export function decodeQueryTable(bytes: Uint8Array, declared: { name: string; type: string }[]): QueryRows {
  const table = tableFromIPC(bytes);
  const fields = table.schema.fields;
  const columns = fields.map((f, i) => ({
    name: f.name,
    type: declared[i]?.type ?? String(f.type),
    kind: kindOf(f.typeId, declared[i]?.type ?? ''),
  }));
  const vectors = fields.map((f) => table.getChild(f.name));
  const rows: unknown[][] = [];
  for (let r = 0; r < table.numRows; r++) rows.push(vectors.map((v) => plain(v?.get(r))));
  return { columns, rows };
}

/** Arrow's nested values (rows, lists) as plain JSON-able values. */
function plain(value: unknown): unknown {
  if (value && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function')
    return (value as { toJSON(): unknown }).toJSON();
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<unknown>);
  return value;
}

/** A cell as text (never HTML): times as ISO, nested values as JSON, null as empty. */
export function cellText(value: unknown, kind: ValueKind): string {
  if (value === null || value === undefined) return '';
  if (kind === 'time' && typeof value === 'number') return new Date(value).toISOString();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** A cell as a number for charts and sorting, or null when it is not one. */
export function cellNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row; CRLF line ends, as spreadsheet tools expect. */
export function toCsv(result: QueryRows): string {
  const lines = [result.columns.map((c) => csvField(c.name)).join(',')];
  for (const row of result.rows)
    lines.push(row.map((v, i) => csvField(cellText(v, result.columns[i]?.kind ?? 'text'))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * An array of objects keyed by column name. Times become ISO text; a BIGINT stays a number
 * while it is exact and becomes text beyond 2^53 (JSON numbers would silently round it).
 */
export function toJson(result: QueryRows): string {
  const out = result.rows.map((row) => {
    const obj: Record<string, unknown> = {};
    result.columns.forEach((c, i) => {
      const v = row[i];
      if (typeof v === 'bigint') obj[c.name] = Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
      else if (c.kind === 'time' && typeof v === 'number') obj[c.name] = new Date(v).toISOString();
      else obj[c.name] = v === undefined ? null : v;
    });
    return obj;
  });
  return `${JSON.stringify(out, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
}
