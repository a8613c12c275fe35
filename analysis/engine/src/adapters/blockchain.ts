import type { TableSpec } from '../import/tableSpec.js';
import { sqlString } from '../import/sql.js';
import type { AdapterContext, SourceAdapter } from './types.js';

/**
 * `blockchain`: the audit chain of sources.md §3. `chain.json` is one document that DuckDB
 * reads in one pass: its blocks become `chain_blocks` (kept whole for the hash and Merkle
 * checks) and the events inside them canonical events. Events that cannot be placed in time
 * are refused with their block and position; the blocks themselves are always kept.
 */
const chain: TableSpec = {
  name: 'chain',
  stems: ['chain'],
  required: true,
  shape: 'document',
  columns: [],
};

/** A JSON scalar read as text, as an integer only when written as one (try_cast would round 1.5). */
const intSql = (text: string): string =>
  `CASE WHEN regexp_full_match(${text}, '-?[0-9]+') THEN try_cast(${text} AS BIGINT) END`;

/** Event types are free text (`prompt_created`, `permission_changed`, `user_login`): the verb decides. */
const ACTION_SQL = `CASE
    WHEN regexp_matches(_et, 'login') AND regexp_matches(_et, 'fail') THEN 'login_failed'
    WHEN regexp_matches(_et, 'logout|log_out|signed_out') THEN 'logout'
    WHEN regexp_matches(_et, 'login|log_in|signed_in') THEN 'login'
    WHEN regexp_matches(_et, 'permission|role|privilege|access')
      AND regexp_matches(_et, 'grant|revok|assign|chang|updat|add|remov') THEN 'permission_change'
    WHEN regexp_matches(_et, '^(system_)?(config|configuration|settings?)_') THEN 'config_change'
    WHEN regexp_matches(_et, '^system_(startup|shutdown)$') THEN 'system'
    WHEN regexp_matches(_et, '(created|registered)$') THEN 'create'
    WHEN regexp_matches(_et, '(updated|changed|modified|edited)$') THEN 'update'
    WHEN regexp_matches(_et, '(deleted|removed)$') THEN 'delete'
    ELSE 'other' END`;

/** Ids the chain's own machinery writes under (no person behind them). */
const SYSTEM_ACTOR = `'^(system|sys|root|daemon|scheduler|cron|miner|validator|blockchain)([^a-z].*)?$'`;

/** sources.md §3: the event's own entity, else the prompt/proposal/contract it names, else its user. */
const ENTITY_TYPE_SQL = `CASE WHEN x.entityId IS NOT NULL THEN x.entityType WHEN x.promptId IS NOT NULL THEN 'prompt'
    WHEN x.proposalId IS NOT NULL THEN 'proposal' WHEN x.contractId IS NOT NULL THEN 'contract' ELSE 'user' END`;
const ENTITY_ID_SQL = `coalesce(x.entityId, x.promptId, x.proposalId, x.contractId, user_id)`;

/** The chain carries no severity: rank what an auditor would look at first. */
const SEVERITY_SQL = `CASE _action WHEN 'permission_change' THEN 'high' WHEN 'delete' THEN 'medium'
    WHEN 'config_change' THEN 'medium' WHEN 'login_failed' THEN 'low'
    ELSE CASE WHEN regexp_matches(_et, 'fail') THEN 'low' ELSE 'info' END END`;

/**
 * Each member of a block read once, as written: scalars as text (an odd value is kept, not
 * fatal), the events as JSON text. Typing blocks in the reader, rather than as JSON to pick
 * apart later, keeps a large chain within DuckDB's memory limit; a block that is not an
 * object then fails the document, which is malformed anyway.
 */
const BLOCK_TYPE = `STRUCT("index" VARCHAR, "timestamp" VARCHAR, previousHash VARCHAR, hash VARCHAR, nonce VARCHAR,
  merkleRoot VARCHAR, data JSON)`;

/** The members of an event the mapping reads (json_transform: one parse, odd values become text or NULL). */
const EVENT_FIELDS = JSON.stringify({
  id: 'VARCHAR',
  eventType: 'VARCHAR',
  userId: 'VARCHAR',
  timestamp: 'VARCHAR',
  data: 'JSON',
});
/** What of an event's `data` names its entity and state; a JSON null reads as absent. */
const DATA_FIELDS = JSON.stringify({
  entityType: 'VARCHAR',
  entityId: 'VARCHAR',
  promptId: 'VARCHAR',
  proposalId: 'VARCHAR',
  contractId: 'VARCHAR',
  oldState: 'JSON',
  newState: 'JSON',
});

/**
 * Splitting a block's events parses its whole `data`, and DuckDB does so for up to 2048 blocks
 * at once: a large chain is split in slices of blocks so the parse stays near this many bytes.
 */
const SPLIT_BATCH_BYTES = 16 * 1024 * 1024;

function splitSql(slice: number, slices: number): string {
  return `INSERT INTO chain_raw SELECT src_file, coalesce(block_index, block_position), unnest(evs),
      unnest(range(len(evs)::BIGINT))
    FROM (SELECT *, CASE WHEN event_count IS NOT NULL THEN json_extract(data, '$[*]') END AS evs FROM chain_blocks
      WHERE block_position % ${slices} = ${slice})`;
}

function loadSql(ctx: AdapterContext): string[] {
  const docs = ctx.documents(chain.name);
  // DuckDB allocates twice maximum_object_size up front, so the buffer is sized to the file.
  const reads = docs.map((d) => {
    const options = `format='unstructured', records=true, compression='uncompressed',
      maximum_object_size=${Math.min(d.bytes + 1024, 2 ** 32 - 1)}`;
    return `INSERT INTO chain_docs SELECT ${sqlString(d.display)}, ${sqlString(d.path)}, chain, difficulty, blocks
      FROM read_json(${sqlString(d.path)}, ${options},
        columns={chain: 'VARCHAR', difficulty: 'VARCHAR', blocks: '${BLOCK_TYPE}[]'})`;
  });
  const expected = docs.map((d) => `(${sqlString(d.path)})`).join(', ');
  const ranks = docs.map((d) => `(${sqlString(d.display)}, ${d.rank})`).join(', ') || '(NULL, NULL)';
  const batches = Math.max(1, Math.ceil(docs.reduce((n, d) => n + d.bytes, 0) / SPLIT_BATCH_BYTES));
  return [
    `CREATE TEMP TABLE chain_docs (src_file VARCHAR, _path VARCHAR, chain VARCHAR, difficulty VARCHAR,
      blocks ${BLOCK_TYPE}[])`,
    ...reads,
    // Worded `... in file "<path>"` like DuckDB's own errors, so the import names the file as UNREADABLE.
    ...(docs.length === 0
      ? []
      : [
          `SELECT CASE
            WHEN count(d._path) <> 1 THEN error('expected one JSON document in file "' || f.p || '", found ' || count(d._path))
            WHEN bool_or(d.blocks IS NULL) THEN error('no "blocks" array in file "' || f.p || '"') END
          FROM (VALUES ${expected}) f(p) LEFT JOIN chain_docs d ON d._path = f.p GROUP BY f.p`,
        ]),
    `CREATE TABLE chain_documents AS SELECT src_file, chain, ${intSql('difficulty')} AS difficulty,
      len(blocks) AS block_count FROM chain_docs`,
    `CREATE TABLE chain_blocks AS SELECT
        ${intSql('b.index')} AS block_index, _position AS block_position,
        b.timestamp AS "timestamp", try_cast(b.timestamp AS TIMESTAMPTZ) AS ts,
        b.previousHash AS previous_hash, b.hash AS hash, ${intSql('b.nonce')} AS nonce, b.merkleRoot AS merkle_root,
        CASE WHEN starts_with(b.data::VARCHAR, '[') THEN json_array_length(b.data) END AS event_count,
        b.data AS data, ${intSql('difficulty')} AS difficulty, chain, src_file
      FROM (SELECT src_file, chain, difficulty, unnest(blocks) AS b, unnest(range(len(blocks)::BIGINT)) AS _position
        FROM chain_docs)`,
    // The documents are no longer needed: free their memory before the events multiply.
    `DROP TABLE chain_docs`,
    `CREATE TEMP TABLE chain_raw (src_file VARCHAR, line BIGINT, ev JSON, pos BIGINT)`,
    ...Array.from({ length: batches }, (_, i) => splitSql(i, batches)),
    // One parse per event; split events are minified, so an object is one that starts with `{`.
    `CREATE TEMP TABLE chain_events AS SELECT src_file, _rank, line, pos, ev, e.id, e.eventType AS event_type,
        e.userId AS user_id, e.data AS d, try_cast(e.timestamp AS TIMESTAMPTZ) AS ts, CASE
        WHEN NOT starts_with(ev::VARCHAR, '{') THEN 'not a JSON object'
        WHEN e.id IS NULL THEN 'missing required field "id"'
        WHEN e.eventType IS NULL THEN 'missing required field "eventType"'
        WHEN e.timestamp IS NULL THEN 'missing required field "timestamp"'
        WHEN try_cast(e.timestamp AS TIMESTAMPTZ) IS NULL
          THEN 'field "timestamp" is not an ISO 8601 time: ' || left(e.timestamp, 60) END AS reject
      FROM (SELECT r.*, d._rank, json_transform(ev, '${EVENT_FIELDS}') AS e
        FROM chain_raw r JOIN (VALUES ${ranks}) d(src_file, _rank) USING (src_file))`,
    `DROP TABLE chain_raw`,
  ];
}

export const blockchainAdapter: SourceAdapter = {
  id: 'blockchain',
  tables: [chain],
  detect(files) {
    const chainFields = files.get(chain.name);
    if (chainFields) return chainFields.length === 0 || chainFields.includes('blocks') ? 1 : 0.2;
    for (const fields of files.values()) {
      if (fields.includes('blocks') && (fields.includes('difficulty') || fields.includes('chain')))
        return 0.9;
    }
    return 0;
  },
  mapSql(ctx) {
    return [
      ...loadSql(ctx),
      `INSERT INTO events_stage SELECT
        ts, 'blockchain', id, _action, event_type, user_id,
        CASE WHEN user_id IS NULL OR regexp_matches(lower(user_id), ${SYSTEM_ACTOR}) THEN 'system' ELSE 'human' END,
        NULL, NULL, NULL, NULL, ${ENTITY_TYPE_SQL}, ${ENTITY_ID_SQL},
        x.oldState, coalesce(x.newState, d), NULL, ${SEVERITY_SQL}, ['block:' || line],
        NULL, NULL, NULL, NULL, NULL, NULL, ev, src_file, line, _rank, pos
      FROM (SELECT *, ${ACTION_SQL} AS _action FROM (
        SELECT *, json_transform(d, '${DATA_FIELDS}') AS x, lower(event_type) AS _et FROM chain_events WHERE reject IS NULL))`,
    ];
  },
  rejectsSql() {
    return [
      `INSERT INTO rejects SELECT src_file, line, 'record', 'block ' || line || ', data[' || pos || ']: ' || reject,
        left(ev::VARCHAR, 160) FROM chain_events WHERE reject IS NOT NULL ORDER BY _rank, line, pos`,
      `INSERT INTO rejects SELECT src_file, coalesce(block_index, block_position), 'record',
        'block ' || coalesce(block_index::VARCHAR, 'at position ' || block_position) || ': no "data" array of events',
        left(data::VARCHAR, 160) FROM chain_blocks WHERE event_count IS NULL`,
      `DROP TABLE chain_events`,
    ];
  },
};
