import type { SystemId } from '../../../core/src/index.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import { batches, keyRange, tableExists } from '../integrity/checkKit.js';

/** One record of a pack: the source table it belongs to and the record as JSON text on one line. */
export interface PackRecord {
  stream: string;
  json: string;
}

const STREAMS: Record<SystemId, { main: string; aux: string[] }> = {
  descendants: { main: 'world_changes', aux: ['world_snapshots', 'bookmarks'] },
  qcs: { main: 'comprehensive_audit_log', aux: ['system_snapshots', 'rollback_operations'] },
  blockchain: { main: 'chain_blocks', aux: [] },
  wedsync: { main: 'audit_logs', aux: ['user_profiles'] },
  'robot-cycles': { main: 'audit_logs', aux: ['cycle_snapshots'] },
};

/**
 * The records of an imported export in pack order: the main table in source time order
 * (`seq`), then each auxiliary table in file order. Each record is the source record as read
 * (`raw`): an NDJSON line byte for byte, a CSV row as the object of its columns.
 */
export async function* packRecords(store: ArchiveStore, system: SystemId): AsyncGenerator<PackRecord> {
  const { main, aux } = STREAMS[system];
  if (system === 'blockchain') {
    yield* blocks(store);
  } else {
    const select = `SELECT seq AS _k, raw::VARCHAR AS raw,
        regexp_matches(lower(src_file), '(^|[/\\\\!])audit_logs_archive\\.[^/\\\\!]*$') AS archived FROM events`;
    for await (const rows of batches(store, select, await keyRange(store, 'events', 'seq'))) {
      for (const r of rows)
        yield {
          stream: r['archived'] === true ? 'audit_logs_archive' : main,
          json: oneLine(String(r['raw'])),
        };
    }
  }
  for (const table of aux) {
    if (!(await tableExists(store, table))) continue;
    const select = `SELECT rowid AS _k, raw::VARCHAR AS raw FROM ${table}`;
    for await (const rows of batches(store, select, await keyRange(store, table, 'rowid'))) {
      for (const r of rows) yield { stream: table, json: oneLine(String(r['raw'])) };
    }
  }
}

/** A blockchain pack holds one record per block, rebuilt in the form chain.json writes it. */
async function* blocks(store: ArchiveStore): AsyncGenerator<PackRecord> {
  const select = `SELECT block_position AS _k, block_index, "timestamp", previous_hash, hash, nonce, merkle_root,
      data::VARCHAR AS data FROM chain_blocks`;
  for await (const rows of batches(
    store,
    select,
    await keyRange(store, 'chain_blocks', 'block_position'),
    2000,
  )) {
    for (const r of rows) {
      const num = (v: unknown): string => (v === null || v === undefined ? 'null' : String(v));
      const text = (v: unknown): string =>
        v === null || v === undefined ? 'null' : JSON.stringify(String(v));
      yield {
        stream: 'chain_blocks',
        json: `{"index":${num(r['block_index'])},"timestamp":${text(r['timestamp'])},"data":${oneLine(String(r['data'] ?? 'null'))},"previousHash":${text(r['previous_hash'])},"hash":${text(r['hash'])},"nonce":${num(r['nonce'])},"merkleRoot":${text(r['merkle_root'])}}`,
      };
    }
  }
}

/** A pack line must be one line: a pretty-printed record (from a JSON array file) is minified. */
function oneLine(json: string): string {
  return json.includes('\n') || json.includes('\r') ? JSON.stringify(JSON.parse(json)) : json;
}
