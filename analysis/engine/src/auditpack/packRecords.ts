import type { SystemId } from '../../../core/src/index.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import { batches, keyRange, tableExists } from '../integrity/checkKit.js';

/** Consecutive lines of records.ndjson, each ending in "\n", and how many of each stream they hold. */
export interface PackLines {
  text: string;
  count: number;
  streams: Record<string, number>;
}

const STREAMS: Record<SystemId, { main: string; aux: string[] }> = {
  descendants: { main: 'world_changes', aux: ['world_snapshots', 'bookmarks'] },
  qcs: { main: 'comprehensive_audit_log', aux: ['system_snapshots', 'rollback_operations'] },
  blockchain: { main: 'chain_blocks', aux: [] },
  wedsync: { main: 'audit_logs', aux: ['user_profiles'] },
  'robot-cycles': { main: 'audit_logs', aux: ['cycle_snapshots'] },
};

const BATCH = 20_000;

/**
 * The lines of a pack's records.ndjson in pack order: the main table in source time order
 * (`seq`), then each auxiliary table in file order. Each record is the source record as read
 * (`raw`): an NDJSON line byte for byte, a CSV row as the object of its columns. DuckDB writes
 * each batch of lines as one string, so no record becomes a JavaScript object on the way.
 */
export async function* packLines(store: ArchiveStore, system: SystemId): AsyncGenerator<PackLines> {
  const { main, aux } = STREAMS[system];
  let seq = 0;
  const sources: { select: string; range: { min: number; max: number } }[] = [];
  if (system !== 'blockchain')
    sources.push({
      // Rows of audit_logs_archive share the main table's timeline but keep their own stream.
      select: `SELECT seq AS _k, raw::VARCHAR AS raw, CASE WHEN regexp_matches(lower(src_file),
          '(^|[/\\\\!])audit_logs_archive\\.[^/\\\\!]*$') THEN 'audit_logs_archive' ELSE '${main}' END AS stream FROM events`,
      range: await keyRange(store, 'events', 'seq'),
    });
  for (const table of aux) {
    if (!(await tableExists(store, table))) continue;
    sources.push({
      select: `SELECT rowid AS _k, raw::VARCHAR AS raw, '${table}' AS stream FROM ${table}`,
      range: await keyRange(store, table, 'rowid'),
    });
  }
  if (system === 'blockchain') {
    for await (const lines of blocks(store, seq)) {
      seq += lines.count;
      yield lines;
    }
  }
  // One batch ahead: DuckDB reads the next on its own threads while the caller hashes this one.
  const ranges = sources.flatMap(({ select, range }) =>
    Array.from({ length: Math.max(0, Math.ceil((range.max - range.min + 1) / BATCH)) }, (_, k) => ({
      select,
      lo: range.min + k * BATCH,
    })),
  );
  const fetch = (k: number, first: number): Promise<PackLines> | undefined => {
    const r = ranges[k];
    if (!r) return undefined;
    const lines = batchLines(store, r.select, r.lo, r.lo + BATCH, first);
    // Awaited below; a caller that stops early leaves it unread, and its failure is then nobody's.
    lines.catch(() => {});
    return lines;
  };
  let next = fetch(0, seq);
  for (let k = 0; next !== undefined; k++) {
    const lines = await next;
    seq += lines.count;
    next = fetch(k + 1, seq);
    if (lines.count > 0) yield lines;
  }
}

async function batchLines(
  store: ArchiveStore,
  select: string,
  lo: number,
  hi: number,
  first: number,
): Promise<PackLines> {
  const rows = await store.all(`SELECT stream, count(*) AS n,
      bool_or(strpos(raw, chr(10)) > 0 OR strpos(raw, chr(13)) > 0) AS multiline,
      string_agg('{"seq":' || (${first} + rn - 1) || ',"stream":"' || stream || '","record":' || coalesce(raw, 'null') || '}' || chr(10), '' ORDER BY rn) AS text
    FROM (SELECT *, row_number() OVER (ORDER BY _k) AS rn FROM (${select}) WHERE _k >= ${lo} AND _k < ${hi})
    GROUP BY stream ORDER BY min(rn)`);
  // Rows of two streams interleave only where a main table mixes with its archive: go row by row.
  if (rows.length > 1 || rows.some((r) => r['multiline'] === true))
    return rowByRow(store, `SELECT * FROM (${select}) WHERE _k >= ${lo} AND _k < ${hi} ORDER BY _k`, first);
  const row = rows[0];
  if (!row) return { text: '', count: 0, streams: {} };
  const count = Number(row['n']);
  return { text: String(row['text']), count, streams: { [String(row['stream'])]: count } };
}

/** The slow way, for the batches the one-string way cannot take: a record written over several lines is minified. */
async function rowByRow(store: ArchiveStore, sql: string, first: number): Promise<PackLines> {
  const rows = await store.all(sql);
  const streams: Record<string, number> = {};
  const text = rows
    .map((r, k) => {
      const stream = String(r['stream']);
      streams[stream] = (streams[stream] ?? 0) + 1;
      return `{"seq":${first + k},"stream":"${stream}","record":${oneLine(String(r['raw']))}}\n`;
    })
    .join('');
  return { text, count: rows.length, streams };
}

/** A blockchain pack holds one record per block, rebuilt in the form chain.json writes it. */
async function* blocks(store: ArchiveStore, first: number): AsyncGenerator<PackLines> {
  const select = `SELECT block_position AS _k, block_index, "timestamp", previous_hash, hash, nonce, merkle_root,
      data::VARCHAR AS data FROM chain_blocks`;
  let seq = first;
  for await (const rows of batches(
    store,
    select,
    await keyRange(store, 'chain_blocks', 'block_position'),
    2000,
  )) {
    const num = (v: unknown): string => (v === null || v === undefined ? 'null' : String(v));
    const text = (v: unknown): string => (v === null || v === undefined ? 'null' : JSON.stringify(String(v)));
    const lines = rows.map(
      (r) =>
        `{"seq":${seq++},"stream":"chain_blocks","record":{"index":${num(r['block_index'])},"timestamp":${text(r['timestamp'])},"data":${oneLine(String(r['data'] ?? 'null'))},"previousHash":${text(r['previous_hash'])},"hash":${text(r['hash'])},"nonce":${num(r['nonce'])},"merkleRoot":${text(r['merkle_root'])}}}\n`,
    );
    yield { text: lines.join(''), count: rows.length, streams: { chain_blocks: rows.length } };
  }
}

/** A pack line must be one line: a pretty-printed record (from a JSON array file) is minified. */
function oneLine(json: string): string {
  return json.includes('\n') || json.includes('\r') ? JSON.stringify(JSON.parse(json)) : json;
}
