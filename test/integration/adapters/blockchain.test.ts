import { describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openArchive } from '../../../analysis/engine/src/index.js';
import {
  importArchive,
  tempDir,
  parseJson as json,
  sameEventsAs,
  eventBySource as event,
} from '../../helpers/archives.js';
import { makeZip } from '../../helpers/zipWriter.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/blockchain');
const EXPORT = join(FIXTURES, 'export');
const CHAIN = join(EXPORT, 'chain.json');
const CANONICAL = `SELECT seq, strftime(ts, '%Y-%m-%dT%H:%M:%S.%g') AS ts, system, source_id, action, event_type, actor_id,
  actor_type, actor_role, session_id, entity_type, entity_id, old_state, new_state, delta, severity, tags, raw, src_line
  FROM events ORDER BY seq`;

interface Block {
  index: number;
  timestamp: string;
  data: unknown[];
  previousHash: string;
  hash: string;
  nonce: number;
  merkleRoot: string;
}

describe('blockchain: a directory with the chain and files that are not analysed', async () => {
  const db = await importArchive(EXPORT);
  const doc = JSON.parse(await readFile(CHAIN, 'utf8')) as { blocks: Block[] };

  it('is detected without --system; every event of every block is one event', async () => {
    expect(db.opened.system).toBe('blockchain');
    expect(await db.count('SELECT count(*) FROM events')).toBe(12);
    expect(await db.count('SELECT count(*) FROM rejects')).toBe(0);
    expect(await db.rows('SELECT path, stream, format, records FROM import_files ORDER BY path')).toEqual([
      { path: CHAIN, stream: 'chain', format: 'json-document', records: '12' },
      { path: join(EXPORT, 'contracts.json'), stream: null, format: 'not analysed', records: '0' },
    ]);
  });

  it('orders by time across blocks; ties keep block, then position in the block', async () => {
    const rows = await db.rows('SELECT source_id, src_line FROM events ORDER BY seq');
    // ev_5 is the earliest though written last in block 1;
    // ev_3, ev_4 (block 1) and ev_6 (block 2) share 00:03.
    const order = 'ev_5 ev_1 ev_2 ev_3 ev_4 ev_6 ev_7 ev_8 ev_9 ev_10 ev_11 ev_12';
    expect(rows.map((r) => r['source_id']).join(' ')).toBe(order);
    expect(rows.map((r) => r['src_line']).join(' ')).toBe('1 1 1 1 1 2 2 2 2 2 2 3');
  });

  it('maps verbs, actors, entities (sources.md §3) and severity', async () => {
    const rows =
      await db.rows(`SELECT source_id, action, event_type, actor_id, actor_type, entity_type, entity_id,
      severity FROM events ORDER BY seq`);
    expect(rows.map((r) => Object.values(r))).toEqual([
      ['ev_5', 'system', 'system_startup', 'system', 'system', 'user', 'system', 'info'],
      ['ev_1', 'create', 'prompt_created', 'user_amara', 'human', 'prompt', 'p_1', 'info'],
      ['ev_2', 'login', 'user_login', 'user_bo', 'human', 'user', 'user_bo', 'info'],
      ['ev_3', 'update', 'prompt_updated', 'user_amara', 'human', 'prompt', 'p_1', 'info'],
      // The event's own entityType/entityId win over its user.
      ['ev_4', 'permission_change', 'permission_granted', 'admin_zoe', 'human', 'user', 'user_bo', 'high'],
      ['ev_6', 'create', 'proposal_created', 'user_chen', 'human', 'proposal', 'prop_1', 'info'],
      ['ev_7', 'other', 'vote_cast', 'user_bo', 'human', 'proposal', 'prop_1', 'info'],
      ['ev_8', 'other', 'contract_executed', 'validator_1', 'system', 'contract', 'c_9', 'info'],
      ['ev_9', 'delete', 'prompt_deleted', 'user_amara', 'human', 'prompt', 'p_1', 'medium'],
      ['ev_10', 'logout', 'user_logout', 'user_bo', 'human', 'user', 'user_bo', 'info'],
      ['ev_11', 'other', 'test_execution_failed', 'user_chen', 'human', 'prompt', 'p_1', 'low'],
      [
        'ev_12',
        'config_change',
        'configuration_changed',
        'admin_zoe',
        'human',
        'user',
        'admin_zoe',
        'medium',
      ],
    ]);
    const tags = await db.rows(
      `SELECT string_agg(array_to_string(tags, ','), ' ' ORDER BY seq) AS t FROM events`,
    );
    expect(tags).toEqual([
      {
        t: 'block:1 block:1 block:1 block:1 block:1 block:2 block:2 block:2 block:2 block:2 block:2 block:3',
      },
    ]);
  });

  it('keeps the event as raw; state after it is data.newState, else data', async () => {
    const create = await event(db, 'ev_1');
    expect(create).toMatchObject({ seq: '1', ts: '2026-02-01T00:01:00.000', system: 'blockchain' });
    expect(create).toMatchObject({ old_state: null, new_state: { promptId: 'p_1', title: 'Hello' } });
    expect(create).toMatchObject({ delta: null, actor_role: null, session_id: null, ip: null, x: null });
    expect(create).toMatchObject({ src_file: CHAIN, src_line: '1' });
    expect(create['raw']).toEqual(doc.blocks[1]?.data[0]);
    const update = await event(db, 'ev_3');
    expect(update['new_state']).toEqual({ title: 'Hello v2', status: 'draft' });
    expect(update['raw']).toEqual(doc.blocks[1]?.data[2]);
    expect(await event(db, 'ev_9')).toMatchObject({ new_state: { promptId: 'p_1' } });
    const signed = await event(db, 'ev_11');
    expect(signed['raw']).toMatchObject({ signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Written without an offset: UTC.
    expect(await event(db, 'ev_12')).toMatchObject({ ts: '2026-02-01T00:21:00.000', src_line: '3' });
  });

  it('keeps every block, as written, in chain_blocks', async () => {
    const blocks =
      await db.rows(`SELECT block_index, block_position, "timestamp", strftime(ts, '%H:%M:%S') AS t,
      previous_hash, hash, nonce, merkle_root, event_count, data, difficulty, chain, src_file
      FROM chain_blocks ORDER BY block_index`);
    expect(blocks).toHaveLength(4);
    blocks.forEach((row, i) => {
      const block = doc.blocks[i] as Block;
      expect({ ...row, data: json(row['data']) }).toEqual({
        block_index: String(block.index),
        block_position: String(i),
        timestamp: block.timestamp,
        t: block.timestamp.slice(11, 19),
        previous_hash: block.previousHash,
        hash: block.hash,
        nonce: String(block.nonce),
        merkle_root: block.merkleRoot,
        event_count: String(block.data.length),
        data: block.data,
        difficulty: '2',
        chain: 'main',
        src_file: CHAIN,
      });
    });
    expect(await db.rows('SELECT src_file, chain, difficulty, block_count FROM chain_documents')).toEqual([
      { src_file: CHAIN, chain: 'main', difficulty: '2', block_count: '4' },
    ]);
  });
});

describe('blockchain: every file form gives the same events', async () => {
  const work = await tempDir();
  const text = await readFile(CHAIN, 'utf8');
  const reference = await (await importArchive(EXPORT)).rows(CANONICAL);

  const expectSame = sameEventsAs('blockchain', CANONICAL, reference);

  it('the chain alone, minified on one line, and gzipped under a name that says nothing', async () => {
    expect(reference).toHaveLength(12);
    await expectSame(CHAIN);
    const minified = join(work, 'chain.json');
    await writeFile(minified, JSON.stringify(JSON.parse(text)));
    await expectSame(minified);
    const gz = join(work, 'ledger-export.gz');
    await writeFile(gz, gzipSync(text));
    await expectSame(gz);
  });

  it('a zip with the files at its root, and one with a top folder and a gzipped chain', async () => {
    const contracts = await readFile(join(EXPORT, 'contracts.json'));
    const root = join(work, 'root.zip');
    await writeFile(
      root,
      makeZip([
        { name: 'chain.json', data: text },
        { name: 'contracts.json', data: contracts },
      ]),
    );
    const db = await expectSame(root);
    expect(await db.rows(`SELECT DISTINCT src_file FROM chain_blocks`)).toEqual([
      { src_file: `${root}!chain.json` },
    ]);
    const folder = join(work, 'folder.zip');
    await writeFile(
      folder,
      makeZip([
        { name: 'audit/chain.json.gz', data: gzipSync(text), store: true },
        { name: 'audit/contracts.json', data: contracts },
      ]),
    );
    const zipped = await expectSame(folder);
    expect(await zipped.rows(`SELECT path, format FROM import_files WHERE stream IS NULL`)).toEqual([
      { path: `${folder}!audit/contracts.json`, format: 'not analysed' },
    ]);
  });
});

describe('blockchain: bad events and bad documents', async () => {
  const work = await tempDir();
  const bad = join(FIXTURES, 'bad/chain.json');

  it('rejects events lacking id, type or a readable time, by block and position; keeps the rest', async () => {
    const db = await importArchive(join(FIXTURES, 'bad'));
    const rejects = await db.rows('SELECT file, line, unit, reason FROM rejects ORDER BY line, reason');
    expect(rejects.every((r) => r['file'] === bad && r['unit'] === 'record')).toBe(true);
    expect(rejects.map((r) => [r['line'], r['reason']])).toEqual([
      ['1', 'block 1, data[1]: missing required field "timestamp"'],
      ['1', 'block 1, data[2]: missing required field "id"'],
      ['1', 'block 1, data[3]: missing required field "eventType"'],
      ['1', 'block 1, data[4]: field "timestamp" is not an ISO 8601 time: yesterday'],
      ['1', 'block 1, data[5]: not a JSON object'],
      ['2', 'block 2: no "data" array of events'],
    ]);
    const events = await db.rows('SELECT source_id, src_line FROM events ORDER BY seq');
    expect(events.map((r) => `${String(r['source_id'])}@${String(r['src_line'])}`)).toEqual([
      'ev_1@1',
      'ev_7@1',
      'ev_8@3',
    ]);
    expect(await db.rows('SELECT records, rejected FROM archive_info')).toEqual([
      { records: '3', rejected: '6' },
    ]);
    // The blocks stay for the chain checks, whatever their events.
    expect(await db.count('SELECT count(*) FROM chain_blocks')).toBe(4);
  });

  async function expectUnreadable(path: string, message: RegExp): Promise<void> {
    const cacheDir = await tempDir();
    const opening = openArchive(path, { cacheDir, force: true, system: 'blockchain' });
    await expect(opening).rejects.toMatchObject({
      code: 'UNREADABLE',
      message: expect.stringMatching(message),
      data: { file: path },
    });
    expect(await readdir(cacheDir)).toEqual([]);
  }

  it('a document that is not JSON, or not one chain, is UNREADABLE and names the file', async () => {
    const text = await readFile(join(EXPORT, 'chain.json'), 'utf8');
    const cut = join(work, 'cut', 'chain.json');
    await mkdir(join(work, 'cut'));
    await writeFile(cut, text.slice(0, 1500));
    await expectUnreadable(cut, /cut\/chain\.json: Malformed JSON/);
    const array = join(work, 'array.json');
    await writeFile(array, '[{"blocks": []}]');
    await expectUnreadable(array, /array\.json: .*Expected OBJECT, but got ARRAY/);
    const two = join(work, 'two.json');
    await writeFile(two, '{"blocks": []}\n{"blocks": []}\n');
    await expectUnreadable(two, /two\.json: expected one JSON document, found 2$/);
    const none = join(work, 'none.json');
    await writeFile(none, '{"chain": "main", "difficulty": 2}');
    await expectUnreadable(none, /none\.json: no "blocks" array$/);
  });

  it('names a malformed chain inside a zip by its entry', async () => {
    const zip = join(work, 'broken.zip');
    await writeFile(zip, makeZip([{ name: 'chain.json', data: '{"chain": "main", "blocks": [' }]));
    const cacheDir = await tempDir();
    await expect(openArchive(zip, { cacheDir, force: true })).rejects.toMatchObject({
      code: 'UNREADABLE',
      message: expect.stringMatching(/^\S+broken\.zip!chain\.json: Malformed JSON/),
      data: { file: `${zip}!chain.json` },
    });
  });
});

describe('blockchain: a 50,000-event chain', async () => {
  const work = await tempDir();
  const blocks = Array.from({ length: 500 }, (_, b) => {
    const data = Array.from({ length: 100 }, (_, i) => {
      const n = b * 100 + i;
      // Ten events share each second, so order inside a block decides ties.
      const timestamp = new Date(Date.UTC(2026, 1, 1) + Math.floor(n / 10) * 1000).toISOString();
      const eventType = n % 2 ? 'prompt_updated' : 'prompt_created';
      return {
        id: `ev_${n}`,
        eventType,
        userId: `user_${n % 7}`,
        data: { promptId: `p_${n % 300}` },
        timestamp,
      };
    });
    return { index: b, timestamp: '2026-02-01T00:00:00.000Z', data, previousHash: '0', hash: '0', nonce: b };
  });
  const dir = join(work, 'big');
  await mkdir(dir);
  await writeFile(join(dir, 'chain.json'), JSON.stringify({ chain: 'main', difficulty: 0, blocks }));

  it('imports every event in order', async () => {
    const db = await importArchive(dir);
    expect(await db.count('SELECT count(*) FROM events')).toBe(50_000);
    expect(await db.count('SELECT count(*) FROM chain_blocks')).toBe(500);
    expect(await db.count(`SELECT count(*) FROM events WHERE source_id <> 'ev_' || seq`)).toBe(0);
    const row = await event(db, 'ev_43217');
    expect(row).toMatchObject({ src_line: '432', entity_id: 'p_17', action: 'update', tags: ['block:432'] });
  });
});
