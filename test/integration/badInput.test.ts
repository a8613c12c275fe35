import { describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openArchive } from '../../analysis/engine/src/index.js';
import { importArchive, tempDir } from '../helpers/archives.js';
import { makeZip } from '../helpers/zipWriter.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/qcs');
const rawLines = async (): Promise<string[]> => {
  const db = await importArchive(FIXTURE);
  return (await db.rows('SELECT raw FROM events ORDER BY src_line')).map((r) => String(r['raw']));
};

async function expectFailure(path: string, code: string, message: RegExp, cacheDir?: string): Promise<void> {
  const cache = cacheDir ?? (await tempDir());
  await expect(openArchive(path, { cacheDir: cache, force: true })).rejects.toMatchObject({
    code,
    message: expect.stringMatching(message),
  });
  // An import that failed leaves nothing behind: no database, no temporary file, no staging.
  expect(await readdir(cache).catch(() => [])).toEqual([]);
}

describe('bad records are rejected with file, line and reason; the rest is imported', async () => {
  const work = await tempDir();
  const lines = await rawLines();

  it('NDJSON: broken JSON, non-objects, missing fields, bad times, blank lines, bad UTF-8', async () => {
    const dir = join(work, 'mixed');
    await mkdir(dir);
    const bad = [
      lines[0],
      '{"id": "broken", ',
      '',
      '[1, 2, 3]',
      lines[1],
      JSON.stringify({ ...JSON.parse(lines[2] as string), operation_type: null }),
      JSON.stringify({ ...JSON.parse(lines[3] as string), timestamp: 'yesterday' }),
      lines[4],
    ].join('\n');
    const path = join(dir, 'comprehensive_audit_log.ndjson');
    await writeFile(
      path,
      Buffer.concat([
        Buffer.from(bad + '\n'),
        Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]),
        Buffer.from(lines[5] + '\n'),
      ]),
    );
    const db = await importArchive(dir);
    expect(await db.count('SELECT count(*) FROM events')).toBe(4);
    const rejects = await db.rows('SELECT line, unit, reason FROM rejects ORDER BY line');
    expect(rejects).toEqual([
      { line: '2', unit: 'line', reason: 'not valid JSON' },
      { line: '4', unit: 'line', reason: 'not a JSON object' },
      { line: '6', unit: 'line', reason: 'missing required field "operation_type"' },
      { line: '7', unit: 'line', reason: 'field "timestamp" is not an ISO 8601 time: yesterday' },
      { line: '9', unit: 'line', reason: 'not valid UTF-8 text' },
    ]);
    expect(await db.rows('SELECT src_line FROM events ORDER BY src_line')).toEqual(
      ['1', '5', '8', '10'].map((n) => ({ src_line: n })),
    );
    const [info] = await db.rows('SELECT records, rejected FROM archive_info');
    expect(info).toEqual({ records: '4', rejected: '5' });
  });

  it('CSV: a JSON column that is not JSON and a missing required value', async () => {
    const dir = join(work, 'csvbad');
    await mkdir(dir);
    const csv = (await readFile(join(FIXTURE, 'comprehensive_audit_log.csv'), 'utf8')).split('\n');
    csv[2] = (csv[2] as string).replace('"{""status"":""booked"",""origin""', '"{status:booked,""origin""');
    csv[6] = (csv[6] as string).replace(',BULK_DELETE,', ',,');
    await writeFile(join(dir, 'comprehensive_audit_log.csv'), csv.join('\n'));
    const db = await importArchive(dir);
    const rejects = await db.rows('SELECT line, unit, reason FROM rejects ORDER BY line');
    expect(rejects).toEqual([
      { line: '2', unit: 'row', reason: 'column "new_values" is not valid JSON' },
      { line: '5', unit: 'row', reason: 'missing required column value "operation_type"' },
    ]);
    expect(await db.count('SELECT count(*) FROM events')).toBe(6);
  });

  it('a 50 MB single line is rejected by length, not read into memory', async () => {
    const dir = join(work, 'huge');
    await mkdir(dir);
    const huge = `{"id":"x","pad":"${'a'.repeat(50 * 1024 * 1024)}"}`;
    await writeFile(join(dir, 'comprehensive_audit_log.ndjson'), `${lines[0]}\n${huge}\n${lines[1]}\n`);
    const db = await importArchive(dir);
    expect(await db.count('SELECT count(*) FROM events')).toBe(2);
    const [reject] = await db.rows('SELECT line, reason FROM rejects');
    expect(reject?.['line']).toBe('2');
    expect(String(reject?.['reason'])).toMatch(/^record is 52428\d+ bytes, over the 16777216-byte limit$/);
  });

  it('a truncated gzip keeps every complete record and names the cut', async () => {
    const body = Buffer.from(lines.join('\n') + '\n');
    const gz = gzipSync(body);
    const path = join(work, 'cut.ndjson.gz');
    await writeFile(path, gz.subarray(0, Math.floor(gz.length * 0.7)));
    const db = await importArchive(path, { system: 'qcs' });
    const kept = await db.count('SELECT count(*) FROM events');
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(lines.length);
    const [file] = await db.rows('SELECT truncated, rejected FROM import_files');
    expect(String(file?.['truncated'])).toMatch(/truncated/);
    expect(file?.['rejected']).toBe('1');
  });
});

describe('unusable inputs fail with one clear error and leave nothing behind', async () => {
  const work = await tempDir();
  const csv = await readFile(join(FIXTURE, 'comprehensive_audit_log.csv'));

  it('a missing path', async () => {
    await expectFailure(join(work, 'nope.zip'), 'NOT_FOUND', /nope\.zip: no such file/);
  });

  it('an empty file', async () => {
    const path = join(work, 'empty.csv');
    await writeFile(path, '');
    await expectFailure(path, 'UNREADABLE', /empty\.csv: the file is empty/);
  });

  it('a file of no known system', async () => {
    const path = join(work, 'people.csv');
    await writeFile(path, 'name,age\nana,31\n');
    await expectFailure(path, 'UNKNOWN_FORMAT', /people\.csv: not an export of any known system .*--system/);
  });

  it('a file of another system than the one asked for', async () => {
    const cache = await tempDir();
    await expect(
      openArchive(join(FIXTURE, 'comprehensive_audit_log.csv'), {
        cacheDir: cache,
        system: 'wedsync',
        force: true,
      }),
    ).rejects.toMatchObject({
      code: 'UNREADABLE',
      message: expect.stringMatching(
        /comprehensive_audit_log\.csv: line 1: the header lacks required column\(s\) .*audit_logs/,
      ),
    });
  });

  it('a truncated zip', async () => {
    const zip = makeZip([{ name: 'comprehensive_audit_log.csv', data: csv }]);
    const path = join(work, 'cut.zip');
    await writeFile(path, zip.subarray(0, zip.length - 30));
    await expectFailure(path, 'UNREADABLE', /cut\.zip: not a readable zip .*truncated/);
  });

  it('a zip entry that escapes with ../ is refused and nothing is written outside the cache', async () => {
    const dir = join(work, 'escape');
    await mkdir(dir);
    const path = join(dir, 'evil.zip');
    await writeFile(
      path,
      makeZip([
        { name: 'comprehensive_audit_log.csv', data: csv },
        { name: '../../escaped.csv', data: csv },
      ]),
    );
    await expectFailure(
      path,
      'UNSAFE_ARCHIVE',
      /evil\.zip: zip entry escapes the archive .*\.\.\/\.\.\/escaped\.csv/,
    );
    expect(await readdir(dirname(dir))).not.toContain('escaped.csv');
  });

  it('a zip bomb is stopped by the expansion ratio', async () => {
    const spaces = Buffer.concat([csv, Buffer.alloc(64 * 1024 * 1024, 0x20)]);
    const path = join(work, 'bomb.zip');
    await writeFile(path, makeZip([{ name: 'comprehensive_audit_log.csv', data: spaces }]));
    await expectFailure(
      path,
      'UNSAFE_ARCHIVE',
      /bomb\.zip!comprehensive_audit_log\.csv: expands more than 200x/,
    );
  });

  it('a zip entry that expands beyond the size its header claims', async () => {
    const spaces = Buffer.concat([csv, Buffer.alloc(4 * 1024 * 1024, 0x20)]);
    const path = join(work, 'liar.zip');
    await writeFile(
      path,
      makeZip([{ name: 'comprehensive_audit_log.csv', data: spaces, declaredSize: csv.length }]),
    );
    await expectFailure(
      path,
      'UNSAFE_ARCHIVE',
      /liar\.zip!comprehensive_audit_log\.csv: the entry's size differs from its header/,
    );
  });

  it('a gzip bomb too', async () => {
    const path = join(work, 'bomb.csv.gz');
    await writeFile(path, gzipSync(Buffer.concat([csv, Buffer.alloc(64 * 1024 * 1024, 0x20)])));
    await expectFailure(path, 'UNSAFE_ARCHIVE', /expands more than 200x/);
  });
});
