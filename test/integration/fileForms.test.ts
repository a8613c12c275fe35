import { describe, expect, it } from 'vitest';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importArchive, tempDir } from '../helpers/archives.js';
import { makeZip } from '../helpers/zipWriter.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/qcs');
const FILES = ['comprehensive_audit_log.csv', 'system_snapshots.csv', 'rollback_operations.csv'];
const CANONICAL = `SELECT seq, strftime(ts, '%Y-%m-%dT%H:%M:%S.%g') AS ts, source_id, action, event_type, actor_id, actor_type,
  actor_role, session_id, ip, user_agent, entity_type, entity_id, old_state, new_state, delta, severity, tags,
  correlation_id, parent_id, rollback_id, src_line FROM events ORDER BY seq`;

/** Every form of one export must give exactly the events of the plain directory. */
describe('every file form of an export yields the same events', async () => {
  const work = await tempDir();
  const reference = await (await importArchive(FIXTURE)).rows(CANONICAL);
  const csv = await readFile(join(FIXTURE, FILES[0] as string));

  async function expectSame(path: string, system?: 'qcs'): Promise<void> {
    const db = await importArchive(path, system ? { system } : {});
    expect(db.opened.system).toBe('qcs');
    expect(await db.rows(CANONICAL)).toEqual(reference);
  }

  it('a single main-table file', async () => {
    await expectSame(join(FIXTURE, 'comprehensive_audit_log.csv'));
  });

  it('a single gzipped file whose name says nothing', async () => {
    const path = join(work, 'export-2026-05.gz');
    await writeFile(path, gzipSync(csv));
    await expectSame(path);
  });

  it('a zip with the files at its root', async () => {
    const entries = await Promise.all(
      FILES.map(async (name) => ({ name, data: await readFile(join(FIXTURE, name)) })),
    );
    const path = join(work, 'root.zip');
    await writeFile(path, makeZip(entries));
    const db = await importArchive(path);
    expect(await db.rows(CANONICAL)).toEqual(reference);
    expect(await db.count('SELECT count(*) FROM system_snapshots')).toBe(1);
  });

  it('a zip with one top folder, gzipped members and a stored one', async () => {
    const entries = [
      { name: 'qcs-export/comprehensive_audit_log.csv.gz', data: gzipSync(csv), store: true },
      {
        name: 'qcs-export/rollback_operations.csv',
        data: await readFile(join(FIXTURE, 'rollback_operations.csv')),
      },
      { name: '__MACOSX/._comprehensive_audit_log.csv', data: 'resource fork' },
    ];
    const path = join(work, 'folder.zip');
    await writeFile(path, makeZip(entries));
    const db = await importArchive(path);
    expect(await db.rows(CANONICAL)).toEqual(reference);
    const files = await db.rows('SELECT path, stream FROM import_files ORDER BY rank');
    expect(files.map((f) => f['stream'])).toEqual(['comprehensive_audit_log', 'rollback_operations']);
    expect(String(files[0]?.['path'])).toBe(`${path}!qcs-export/comprehensive_audit_log.csv.gz`);
  });

  it('NDJSON, a JSON array, and CRLF line ends of the same records', async () => {
    const source = await importArchive(FIXTURE);
    const raws = (await source.rows('SELECT raw FROM events ORDER BY src_line')).map((r) => String(r['raw']));
    const dir = join(work, 'ndjson');
    await mkdir(dir);
    await writeFile(join(dir, 'comprehensive_audit_log.ndjson'), raws.join('\r\n') + '\r\n');
    await expectSame(dir);
    const arrayDir = join(work, 'array');
    await mkdir(arrayDir);
    await writeFile(join(arrayDir, 'comprehensive_audit_log.json'), `[\n${raws.join(',\n')}\n]\n`);
    await expectSame(arrayDir);
  });

  it('reads a CSV with a byte-order mark and CRLF line ends', async () => {
    const dir = join(work, 'bom');
    await mkdir(dir);
    const text = csv.toString('utf8').replace(/\n(?=[a-z0-9]{8}-|$)/g, '\r\n');
    await writeFile(
      join(dir, 'comprehensive_audit_log.csv'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    );
    await expectSame(dir);
  });

  it('reuses the cache for the same bytes and never changes the evidence', async () => {
    const cacheDir = await tempDir();
    const copy = join(work, 'evidence.csv');
    await copyFile(join(FIXTURE, 'comprehensive_audit_log.csv'), copy);
    const before = await readFile(copy);
    const first = await importArchive(copy, { cacheDir, force: false });
    const second = await importArchive(copy, { cacheDir, force: false });
    expect(first.opened.reused).toBe(false);
    expect(second.opened.reused).toBe(true);
    expect(second.opened.dbPath).toBe(first.opened.dbPath);
    expect((await readFile(copy)).equals(before)).toBe(true);
  });

  it('finds the cache without reading unchanged evidence, and re-hashes evidence that changed', async () => {
    const cacheDir = await tempDir();
    const copy = join(work, 'changing.csv');
    await copyFile(join(FIXTURE, 'comprehensive_audit_log.csv'), copy);
    const first = await importArchive(copy, { cacheDir, force: false });
    const phases: string[] = [];
    const again = await importArchive(copy, {
      cacheDir,
      force: false,
      onProgress: (p) => phases.push(p.phase),
    });
    expect(again.opened.reused).toBe(true);
    expect(phases).not.toContain('hashing');
    // Same size, one byte changed: the stat identity moves (ctime), so the bytes are hashed again.
    const text = (await readFile(copy, 'utf8')).replace('SHI-1,', 'SHI-9,');
    await writeFile(copy, text);
    const changed = await importArchive(copy, { cacheDir, force: false });
    expect(changed.opened.reused).toBe(false);
    expect(changed.opened.sha256).not.toBe(first.opened.sha256);
    expect(await changed.count(`SELECT count(*) FROM events WHERE entity_id = 'SHI-9'`)).toBeGreaterThan(0);
  });
});
