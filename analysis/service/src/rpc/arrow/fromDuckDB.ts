import { DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBResultReader } from '@duckdb/node-api';
import { arrowBytes } from './arrowTable.js';
import type { ArrowColumn } from './arrowTable.js';

const SMALL_NUMBERS = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
]);
const BIG_INTEGERS = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.BIGNUM,
]);
const INSTANTS = new Set<DuckDBTypeId>([
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_TZ,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
  DuckDBTypeId.DATE,
]);
const TEXTS = new Set<DuckDBTypeId>([
  DuckDBTypeId.VARCHAR,
  DuckDBTypeId.ENUM,
  DuckDBTypeId.UUID,
  DuckDBTypeId.SQLNULL,
]);
const NESTED = new Set<DuckDBTypeId>([
  DuckDBTypeId.LIST,
  DuckDBTypeId.ARRAY,
  DuckDBTypeId.STRUCT,
  DuckDBTypeId.MAP,
  DuckDBTypeId.UNION,
  DuckDBTypeId.VARIANT,
]);

export interface ArrowResult {
  /** Each column's name and its DuckDB type, as the query panel shows them. */
  columns: { name: string; type: string }[];
  rows: number;
  bytes: Uint8Array<ArrayBuffer>;
}

/**
 * A DuckDB result as Arrow, with the conventions every table of the contract follows:
 * numbers as Float64 (BIGINT too, unless a value is beyond 2^53: then the whole column is
 * exact decimal text rather than silently rounded evidence), timestamps and dates as ms since
 * the epoch (Float64), booleans as Bool, JSON and text as Utf8, lists, structs and maps as
 * JSON text, anything else (TIME, INTERVAL, BLOB) as DuckDB's own text form.
 * `maxRows` keeps only the first rows of what was read.
 */
export function readerToArrow(reader: DuckDBResultReader, maxRows = Infinity): ArrowResult {
  const names = reader.deduplicatedColumnNames();
  const types = reader.columnTypes();
  const js = reader.getColumnsJS();
  const needsRaw = types.some((t) => !known(t.typeId));
  const raw = needsRaw ? reader.getColumns() : [];
  const rows = Math.min(reader.currentRowCount, maxRows);
  const columns: ArrowColumn[] = names.map((name, i) => {
    const typeId = types[i]!.typeId;
    const values = (js[i] ?? []).slice(0, rows);
    if (typeId === DuckDBTypeId.BOOLEAN) return { name, kind: 'bool', values };
    if (SMALL_NUMBERS.has(typeId)) return { name, kind: 'f64', values };
    if (BIG_INTEGERS.has(typeId)) return bigIntegers(name, values);
    if (INSTANTS.has(typeId))
      return { name, kind: 'f64', values: values.map((v) => (v instanceof Date ? v.getTime() : v)) };
    if (TEXTS.has(typeId)) return { name, kind: 'utf8', values };
    if (NESTED.has(typeId)) return { name, kind: 'utf8', values: values.map(jsonText) };
    return { name, kind: 'utf8', values: (raw[i] ?? []).slice(0, rows).map((v) => v?.toString() ?? null) };
  });
  return {
    columns: names.map((name, i) => ({ name, type: types[i]!.toString() })),
    rows,
    bytes: arrowBytes(columns),
  };
}

function known(typeId: DuckDBTypeId): boolean {
  return (
    typeId === DuckDBTypeId.BOOLEAN ||
    SMALL_NUMBERS.has(typeId) ||
    BIG_INTEGERS.has(typeId) ||
    INSTANTS.has(typeId) ||
    TEXTS.has(typeId) ||
    NESTED.has(typeId)
  );
}

function bigIntegers(name: string, values: unknown[]): ArrowColumn {
  const safe = values.every(
    (v) =>
      v === null ||
      typeof v !== 'bigint' ||
      (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)),
  );
  if (safe) return { name, kind: 'f64', values: values.map((v) => (v === null ? null : Number(v))) };
  return { name, kind: 'utf8', values: values.map((v) => (v === null ? null : String(v))) };
}

function jsonText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
    if (v instanceof Uint8Array) return Array.from(v);
    return v;
  });
}
