import type { ColumnKind, ColumnSpec, StagedFile, TableSpec } from './tableSpec.js';
import { ident, sqlString } from './sql.js';

/**
 * SQL that loads staged files into `src_<table>`: one row per record, typed columns, the
 * record as read in `_raw`, and `_reject` naming why a record cannot be used. DuckDB does
 * all the parsing (json_transform, read_csv) in parallel; no record passes through JS.
 */
const DUCK_TYPE: Record<ColumnKind, string> = {
  text: 'VARCHAR',
  json: 'JSON',
  int: 'BIGINT',
  float: 'DOUBLE',
  timestamp: 'TIMESTAMPTZ',
  textArray: 'VARCHAR[]',
  bool: 'BOOLEAN',
};

export function sourceTableName(spec: Pick<TableSpec, 'name'>): string {
  return `src_${spec.name}`;
}

export function recordViewName(spec: Pick<TableSpec, 'name'>): string {
  return `rec_${spec.name}`;
}

export function createSourceTableSql(spec: TableSpec): string[] {
  const columns = spec.columns.map((c) => `${ident(c.name)} ${DUCK_TYPE[c.kind]}`).join(', ');
  return [
    `CREATE TABLE ${sourceTableName(spec)} (_file VARCHAR, _rank INTEGER, _line BIGINT, _unit VARCHAR, _reject VARCHAR, ${columns}, _raw JSON, _excerpt VARCHAR)`,
    `CREATE VIEW ${recordViewName(spec)} AS SELECT * FROM ${sourceTableName(spec)} WHERE _reject IS NULL`,
  ];
}

export interface ReaderOptions {
  maxRecordBytes: number;
}

/** INSERT of an NDJSON or JSON-array file: each line (element) is parsed once by json_transform. */
export function insertJsonRecordsSql(spec: TableSpec, file: StagedFile, options: ReaderOptions): string {
  const struct = JSON.stringify(
    Object.fromEntries(
      spec.columns.map((c) => [c.name, c.kind === 'timestamp' ? 'VARCHAR' : DUCK_TYPE[c.kind]]),
    ),
  );
  const value = (c: ColumnSpec): string => {
    const field = `r.${ident(c.name)}`;
    if (c.kind === 'timestamp') return `try_cast(${field} AS TIMESTAMPTZ)`;
    // An exporter that wrote a jsonb column as a string of JSON text: read the document inside,
    // so that NDJSON and CSV of the same record give the same state.
    if (c.kind === 'json')
      return `CASE WHEN starts_with(${field}, '"') AND json_valid(${field}->>'$') THEN json(${field}->>'$') ELSE ${field} END`;
    return field;
  };
  const checks = [
    `WHEN r IS NULL THEN 'not valid JSON'`,
    `WHEN left(ltrim(txt), 1) <> '{' THEN 'not a JSON object'`,
    ...spec.columns.flatMap((c) => columnChecks(c, `r.${ident(c.name)}`, 'field')),
  ];
  const reader = jsonReader(file, options);
  const unit = file.format === 'json-array' ? 'record' : 'line';
  return `INSERT INTO ${sourceTableName(spec)}
SELECT ${sqlString(file.display)}, ${file.rank}, ln, '${unit}', reject,
  ${spec.columns.map((c) => (c.kind === 'timestamp' ? `try_cast(${ident(`${c.name}_txt`)} AS TIMESTAMPTZ)` : ident(c.name))).join(', ')},
  CASE WHEN reject IS NULL THEN txt::JSON END,
  CASE WHEN reject IS NOT NULL THEN left(txt, 160) END
FROM (
  SELECT ln, txt, CASE ${checks.join(' ')} END AS reject,
    ${spec.columns.map((c) => (c.kind === 'timestamp' ? `r.${ident(c.name)} AS ${ident(`${c.name}_txt`)}` : `${value(c)} AS ${ident(c.name)}`)).join(', ')}
  FROM (SELECT ln, txt, CASE WHEN json_valid(txt) THEN json_transform(txt, ${sqlString(struct)}) END AS r FROM ${reader})
)`;
}

function jsonReader(file: StagedFile, options: ReaderOptions): string {
  const path = sqlString(file.path);
  const lines = `header=false, delim=E'\\x01', quote='', escape='', auto_detect=false, new_line='\\n', max_line_size=${options.maxRecordBytes + 64}`;
  switch (file.format) {
    case 'ndjson-direct':
      // The file was checked clean (no blank line, no CR): its row order is its line order, and
      // fillLineNumbersSql turns insertion order into line numbers without serialising the scan.
      return `(SELECT NULL::BIGINT AS ln, txt FROM read_csv(${path}, columns={'txt':'VARCHAR'}, ${lines}))`;
    case 'ndjson-numbered':
      return `read_csv(${path}, columns={'ln':'BIGINT','txt':'VARCHAR'}, ${lines})`;
    case 'json-array':
      return `(SELECT NULL::BIGINT AS ln, json::VARCHAR AS txt FROM read_json_objects(${path}, format='array', maximum_object_size=${options.maxRecordBytes}))`;
    default:
      throw new Error(`jsonReader: ${file.format} is not a record form`);
  }
}

/**
 * Readers that keep the file's row order leave `_line` NULL: rows were appended in that order,
 * so the line (or data row, or array element) is the row's position among its file's rows.
 */
export function fillLineNumbersSql(spec: TableSpec, rank: number, firstRowid: number): string {
  return `UPDATE ${sourceTableName(spec)} SET _line = rowid - ${firstRowid} + 1 WHERE _rank = ${rank} AND _line IS NULL`;
}

/** Reads the header of a CSV file; the caller maps spec columns onto it. */
export function csvHeaderSql(file: StagedFile): string {
  return `DESCRIBE SELECT * FROM read_csv(${sqlString(file.path)}, ${csvOptions()})`;
}

/**
 * DuckDB sizes its CSV buffers from max_line_size, and a 16 MiB line halves its speed on
 * ordinary files: CSV rows are held to 4 MiB (a longer row is rejected with its line).
 */
export const MAX_CSV_ROW_BYTES = 4 * 1024 * 1024;

function csvOptions(): string {
  // PostgreSQL COPY CSV: "" escapes a quote, an empty unquoted field is NULL, a quoted empty one is ''.
  return `header=true, all_varchar=true, quote='"', escape='"', delim=',', allow_quoted_nulls=false`;
}

/**
 * INSERT of a PostgreSQL CSV file. `header` is the file's own column list: spec columns it
 * lacks read as NULL (the caller has already refused files lacking required ones), and
 * extra columns are kept in `_raw`.
 */
export function insertCsvRecordsSql(
  spec: TableSpec,
  file: StagedFile,
  header: readonly string[],
  options: ReaderOptions,
  rejectsTable: string,
): string {
  const actual = new Map(header.map((h) => [h.toLowerCase(), h]));
  const source = (c: ColumnSpec): string | null => {
    const name = actual.get(c.name.toLowerCase());
    return name === undefined ? null : ident(name);
  };
  const typed = (c: ColumnSpec): string => {
    const col = source(c);
    if (col === null) return `NULL::${DUCK_TYPE[c.kind]}`;
    switch (c.kind) {
      case 'json':
        // Minified: PostgreSQL writes jsonb with spaces, NDJSON without; the text must not differ.
        return `CASE WHEN json_valid(${col}) THEN json(${col}) END`;
      case 'textArray':
        return `pg_text_array(${col})`;
      case 'text':
        return col;
      default:
        return `try_cast(${col} AS ${DUCK_TYPE[c.kind]})`;
    }
  };
  const checks = spec.columns.flatMap((c) => {
    const col = source(c);
    if (col === null) return [];
    const bad =
      c.kind === 'json'
        ? [`WHEN ${col} IS NOT NULL AND NOT json_valid(${col}) THEN 'column "${c.name}" is not valid JSON'`]
        : c.kind === 'text' || c.kind === 'textArray'
          ? []
          : [
              `WHEN ${col} IS NOT NULL AND ${typed(c)} IS NULL THEN 'column "${c.name}" is not ${describe(c.kind)}: ' || left(${col}, 60)`,
            ];
    return [
      ...(c.required
        ? [`WHEN ${col} IS NULL OR ${col} = '' THEN 'missing required column value "${c.name}"'`]
        : []),
      ...bad,
    ];
  });
  // to_json(struct_pack(...)) rather than json_object(...): the same text, about twice as fast.
  const rawFields = header
    .map((h) => {
      const spec_ = spec.columns.find((c) => c.name.toLowerCase() === h.toLowerCase());
      const value = spec_?.kind === 'json' ? typed(spec_) : ident(h);
      return `${ident(h)} := ${value}`;
    })
    .join(', ');
  const path = sqlString(file.path);
  return `INSERT INTO ${sourceTableName(spec)}
SELECT ${sqlString(file.display)}, ${file.rank}, ln, 'row', reject,
  ${spec.columns.map((c) => ident(c.name)).join(', ')},
  CASE WHEN reject IS NULL THEN raw END,
  CASE WHEN reject IS NOT NULL THEN left(raw::VARCHAR, 160) END
FROM (
  SELECT ln, ${checks.length > 0 ? `CASE ${checks.join(' ')} END` : 'NULL'} AS reject,
    ${spec.columns.map((c) => `${typed(c)} AS ${ident(c.name)}`).join(', ')},
    to_json(struct_pack(${rawFields})) AS raw
  FROM (SELECT NULL::BIGINT AS ln, * FROM read_csv(${path}, ${csvOptions()}, max_line_size=${Math.min(options.maxRecordBytes, MAX_CSV_ROW_BYTES) + 64}, store_rejects=true, rejects_table='${rejectsTable}', rejects_scan='${rejectsTable}_scan'))
)`;
}

function columnChecks(c: ColumnSpec, expr: string, noun: string): string[] {
  const checks: string[] = [];
  if (c.required) checks.push(`WHEN ${expr} IS NULL THEN 'missing required ${noun} "${c.name}"'`);
  if (c.kind === 'timestamp') {
    checks.push(
      `WHEN ${expr} IS NOT NULL AND try_cast(${expr} AS TIMESTAMPTZ) IS NULL THEN '${noun} "${c.name}" is not an ISO 8601 time: ' || left(${expr}, 60)`,
    );
  }
  return checks;
}

function describe(kind: ColumnKind): string {
  return { int: 'an integer', float: 'a number', timestamp: 'an ISO 8601 time', bool: 'a boolean' }[
    kind as 'int' | 'float' | 'timestamp' | 'bool'
  ];
}

/** PostgreSQL `{a,b,"c d"}` array text to a list; NULL stays NULL. Registered once per connection. */
export const PG_TEXT_ARRAY_MACRO = String.raw`CREATE OR REPLACE TEMP MACRO pg_text_array(s) AS
  CASE WHEN s IS NULL THEN NULL WHEN s = '{}' THEN []::VARCHAR[]
  ELSE list_transform(regexp_extract_all(s[2:-2], '"(?:[^"\\]|\\.)*"|[^,]+'),
    x -> CASE WHEN starts_with(x, '"') THEN regexp_replace(x[2:-2], '\\(.)', '\1', 'g') ELSE x END) END`;
