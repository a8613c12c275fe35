import { describe, expect, it } from 'vitest';
import { Float64, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
// The pure modules themselves: the folders' index files also export React components, which
// the test layer's tsconfig (no JSX) does not compile.
import { decodeQueryTable, toCsv, toJson } from '../../../renderer/panels/query/queryTable.js';
import { brushRange, trendScales } from '../../../renderer/charts/trend/trendScales.js';
import { detectorFilter, orderFindings } from '../../../renderer/panels/findings/findingsOrder.js';

/** A query result as the service sends it: Float64 numbers and times (ms), Utf8 text. */
function queryBytes(): Uint8Array {
  const table = new Table({
    actor: vectorFromArray(['ann', 'bob "the, builder"', null], new Utf8()),
    n: vectorFromArray([3, 12, 7], new Float64()),
    first: vectorFromArray([Date.parse('2026-05-04T10:00:00Z'), null, 0], new Float64()),
  });
  return tableToIPC(table, 'stream');
}
const COLUMNS = [
  { name: 'actor', type: 'VARCHAR' },
  { name: 'n', type: 'BIGINT' },
  { name: 'first', type: 'TIMESTAMP WITH TIME ZONE' },
];

describe('query results', () => {
  it('export as CSV a spreadsheet reads back: header, quoted text, ISO times, empty nulls', () => {
    const rows = decodeQueryTable(queryBytes(), COLUMNS);
    expect(toCsv(rows)).toBe(
      'actor,n,first\r\nann,3,2026-05-04T10:00:00.000Z\r\n"bob ""the, builder""",12,\r\n,7,1970-01-01T00:00:00.000Z\r\n',
    );
  });

  it('export as JSON objects keyed by column, times as ISO text, nulls kept', () => {
    const rows = decodeQueryTable(queryBytes(), COLUMNS);
    expect(JSON.parse(toJson(rows))).toEqual([
      { actor: 'ann', n: 3, first: '2026-05-04T10:00:00.000Z' },
      { actor: 'bob "the, builder"', n: 12, first: null },
      { actor: null, n: 7, first: '1970-01-01T00:00:00.000Z' },
    ]);
  });
});

describe('trend brush', () => {
  it('snaps a brushed range to whole buckets, `to` the last millisecond of the last bucket', () => {
    const buckets = ['2026-05-04T00:00:00.000Z', '2026-05-04T01:00:00.000Z', '2026-05-04T02:00:00.000Z'];
    const scales = trendScales(
      buckets,
      3600,
      [{ key: 'all', counts: [1, 2, 3], movingAverage: [1, 1.5, 2], changePoints: [] }],
      300,
      100,
    );
    // 300 px for three hours: 50 px is half past the first hour, 160 px ten minutes into the second.
    expect(brushRange(scales, 50, 160)).toEqual({
      from: '2026-05-04T00:00:00.000Z',
      to: '2026-05-04T01:59:59.999Z',
    });
  });
});

describe('findings', () => {
  it('most severe first, then by score', () => {
    const f = (detector: string, severity: 'info' | 'high' | 'critical', score: number) => ({
      detector,
      severity,
      score,
      from: '2026-05-04T00:00:00Z',
      to: '2026-05-04T00:00:00Z',
      count: 1,
      summary: '',
      evidence: [1],
    });
    const ordered = orderFindings([
      f('a', 'info', 90),
      f('b', 'high', 2),
      f('c', 'critical', 1),
      f('d', 'high', 5),
    ]);
    expect(ordered.map((x) => x.detector)).toEqual(['c', 'd', 'b', 'a']);
  });

  it('are computed without the evidence selection that opening one sets', () => {
    expect(detectorFilter({ actors: ['ann'], seqs: [1, 2] })).toEqual({ actors: ['ann'] });
  });
});
