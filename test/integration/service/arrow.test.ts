import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { arrowBytes, readerToArrow } from '../../../analysis/service/src/rpc/index.js';
import { arrow, columnTypes, rows } from './harness.js';

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

const encode = async (sql: string, maxRows?: number) => readerToArrow(await conn.runAndReadAll(sql), maxRows);

describe('DuckDB results as Arrow IPC', () => {
  it('decodes back to the same values with the contract’s types', async () => {
    const result = await encode(`SELECT * FROM (VALUES
      (1::INTEGER, 2::BIGINT, 1.5::DOUBLE, 3.25::DECIMAL(8,2), TIMESTAMPTZ '2026-05-01 12:00:00.250+00', DATE '2026-05-02',
       true, 'héllo ✓', '{"a":[1,2]}'::JSON, ['x', 'y'], {'k': 1}, INTERVAL 90 MINUTE, '\\x01\\x02'::BLOB),
      (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
    ) t(i, b, d, dec, ts, day, flag, txt, js, list, obj, span, bin)`);
    const table = arrow(result.bytes);
    expect(columnTypes(table)).toEqual({
      i: 'Float64',
      b: 'Float64',
      d: 'Float64',
      dec: 'Float64',
      ts: 'Float64',
      day: 'Float64',
      flag: 'Bool',
      txt: 'Utf8',
      js: 'Utf8',
      list: 'Utf8',
      obj: 'Utf8',
      span: 'Utf8',
      bin: 'Utf8',
    });
    const [first, empty] = rows(result.bytes);
    expect(first).toMatchObject({
      i: 1,
      b: 2,
      d: 1.5,
      dec: 3.25,
      ts: Date.parse('2026-05-01T12:00:00.250Z'),
      day: Date.parse('2026-05-02T00:00:00Z'),
      flag: true,
      txt: 'héllo ✓',
    });
    expect(JSON.parse(String(first!['js']))).toEqual({ a: [1, 2] });
    expect(JSON.parse(String(first!['list']))).toEqual(['x', 'y']);
    expect(JSON.parse(String(first!['obj']))).toEqual({ k: 1 });
    expect(String(first!['span'])).toContain('01:30');
    expect(Object.values(empty!).every((v) => v === null)).toBe(true);
    expect(result.columns[1]).toEqual({ name: 'b', type: 'BIGINT' });
  });

  it('keeps integers beyond 2^53 exact, as text', async () => {
    const result = await encode(`SELECT 9007199254740993::BIGINT AS big, 5::BIGINT AS small`);
    expect(columnTypes(arrow(result.bytes))).toEqual({ big: 'Utf8', small: 'Float64' });
    expect(rows(result.bytes)[0]).toEqual({ big: '9007199254740993', small: 5 });
  });

  it('keeps only the first rows asked for, and names duplicate columns apart', async () => {
    const result = await encode(`SELECT range AS a, range AS a FROM range(10)`, 3);
    expect(result.rows).toBe(3);
    const table = arrow(result.bytes);
    expect(table.numRows).toBe(3);
    expect(table.schema.fields.map((f) => f.name)).toHaveLength(2);
  });

  it('encodes typed columns directly, nulls included, and an empty table', () => {
    const bytes = arrowBytes([
      { name: 'n', kind: 'f64', values: [1, null, 3] },
      { name: 's', kind: 'utf8', values: ['a', null, 'ü'.repeat(100)] },
      { name: 'b', kind: 'bool', values: [false, true, null] },
    ]);
    expect(rows(bytes)).toEqual([
      { n: 1, s: 'a', b: false },
      { n: null, s: null, b: true },
      { n: 3, s: 'ü'.repeat(100), b: null },
    ]);
    expect(arrow(arrowBytes([{ name: 't', kind: 'f64', values: [] }])).numRows).toBe(0);
  });
});
