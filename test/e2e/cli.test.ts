import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SYSTEM_IDS } from '../../analysis/core/src/index.js';
import { tempDir } from '../helpers/archives.js';

const BIN = join(import.meta.dirname, '../../bin/chronoscope.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The command exactly as a user types it, in a fresh cache. */
function cli(cache: string, ...args: string[]): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CHRONOSCOPE_CACHE: cache },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a new user generates, inspects, queries and exports every system', async () => {
  const work = await tempDir();
  const cache = join(work, 'cache');

  for (const system of SYSTEM_IDS) {
    it(system, async () => {
      const out = join(work, system);
      const gen = cli(
        cache,
        'generate',
        '--system',
        system,
        '--events',
        '3000',
        '--seed',
        '7',
        '--incidents',
        '--out',
        out,
        '--json',
      );
      expect(gen.code, gen.stderr).toBe(0);
      const summary = JSON.parse(gen.stdout);
      expect(summary.system).toBe(system);
      const truth = JSON.parse(await readFile(join(out, 'ground-truth.json'), 'utf8'));
      expect(truth.incidents.length).toBeGreaterThan(0);

      const inspect = cli(cache, 'inspect', out, '--json');
      expect(inspect.code, inspect.stderr).toBe(0);
      const info = JSON.parse(inspect.stdout);
      expect(info).toMatchObject({ system, records: summary.events, rejected: 0 });
      expect(Math.abs(info.records - 3000)).toBeLessThan(3000 * 0.05);
      expect(info.actors).toBeGreaterThan(1);
      expect(Object.keys(info.entityTypes).length).toBeGreaterThan(0);
      expect(Date.parse(info.timeRange.to)).toBeGreaterThan(Date.parse(info.timeRange.from));
      expect(inspect.stderr).toMatch(/imported [\d,]+ records, 0 rejected/);

      // The second command on the same archive reuses the cache.
      const again = cli(cache, 'inspect', out);
      expect(again.code).toBe(0);
      expect(again.stderr).not.toMatch(/reading/);
      expect(again.stdout).toMatch(new RegExp(`system +${system}`));

      const query = cli(
        cache,
        'query',
        out,
        'SELECT action, count(*) AS n FROM events GROUP BY 1 ORDER BY 1',
        '--format',
        'json',
      );
      expect(query.code, query.stderr).toBe(0);
      const byAction = JSON.parse(query.stdout) as { action: string; n: number }[];
      expect(byAction.reduce((n, r) => n + r.n, 0)).toBe(info.records);

      const csvPath = join(work, `${system}.csv`);
      expect(cli(cache, 'export', out, '--format', 'csv', '--out', csvPath).code).toBe(0);
      const csv = (await readFile(csvPath, 'utf8')).trimEnd().split('\n');
      expect(csv[0]).toMatch(/^seq,ts,system,source_id,action,event_type,actor_id/);
      expect(csv.length).toBe(info.records + 1);

      const parquet = join(work, `${system}.parquet`);
      expect(
        cli(
          cache,
          'export',
          out,
          '--format',
          'parquet',
          '--from',
          'seq:100',
          '--to',
          'seq:199',
          '--out',
          parquet,
        ).code,
      ).toBe(0);
      const back = cli(
        cache,
        'query',
        out,
        `SELECT count(*) AS n, min(seq) AS lo FROM read_parquet('${parquet}')`,
        '--json',
      );
      expect(JSON.parse(back.stdout)).toEqual([{ n: 100, lo: 100 }]);

      const ndjson = cli(cache, 'export', out, '--format', 'ndjson', '--to', 'seq:4');
      const rows = ndjson.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(rows.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4]);
      expect(rows[0].ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });
  }
});

describe('exit codes and errors', async () => {
  const work = await tempDir();
  const cache = join(work, 'cache');
  const fixture = join(import.meta.dirname, '../fixtures/qcs');

  it('2 and one clear line when the input cannot be used', () => {
    const run = cli(cache, 'inspect', join(work, 'missing.zip'));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `chronoscope: ${join(work, 'missing.zip')}: no such file or directory`,
    ]);
  });

  it('3 for bad arguments', () => {
    expect(cli(cache, 'export', fixture, '--format', 'xlsx').code).toBe(3);
    expect(cli(cache, 'generate', '--system', 'nope', '--events', '10', '--out', work).code).toBe(3);
    expect(cli(cache, 'inspect').code).toBe(3);
    expect(cli(cache, 'export', fixture, '--format', 'csv', '--from', 'last tuesday').code).toBe(3);
  });

  it("2 with DuckDB's reason when the SQL is wrong", () => {
    const run = cli(cache, 'query', fixture, 'SELECT nope FROM events');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/chronoscope: .*nope/);
  });

  it('a readable table by default', () => {
    const run = cli(
      cache,
      'query',
      fixture,
      'SELECT seq, action, entity_id FROM events ORDER BY seq LIMIT 3',
      '--quiet',
    );
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      'seq  action             entity_id',
      '---  -----------------  ------------------------------------',
      '0    permission_change  u0000000-0000-4000-8000-00000000000a',
    ]);
  });
});

describe('an .auditpack opens like the export it holds', async () => {
  const work = await tempDir();
  const cache = join(work, 'cache');
  const demo = join(import.meta.dirname, '../../assets/demo/robot-cycles');

  it('inspect and query a pack of the robot-cycles demo as the demo itself', () => {
    expect(cli(cache, 'keygen', '--out', join(work, 'key')).code).toBe(0);
    const pack = join(work, 'demo.auditpack');
    const packed = cli(
      cache,
      'pack',
      demo,
      '--key',
      join(work, 'key.pem'),
      '--origin',
      'robots.demo',
      '--out',
      pack,
    );
    expect(packed.code, packed.stderr).toBe(0);
    const source = JSON.parse(cli(cache, 'inspect', demo, '--json').stdout);
    const run = cli(cache, 'inspect', pack, '--json');
    expect(run.code, run.stderr).toBe(0);
    const opened = JSON.parse(run.stdout);
    expect(opened).toMatchObject({ system: 'robot-cycles', records: source.records, rejected: 0 });
    expect(opened.archive).toMatchObject({ path: pack, kind: 'auditpack' });
    expect(opened.files.map((f: { path: string }) => f.path)).toContain(`${pack}!audit_logs.ndjson`);
    const q = cli(
      cache,
      'query',
      pack,
      `SELECT count(*) AS n FROM events WHERE event_type = 'battle_complete'`,
      '--json',
    );
    const direct = cli(
      cache,
      'query',
      demo,
      `SELECT count(*) AS n FROM events WHERE event_type = 'battle_complete'`,
      '--json',
    );
    expect(JSON.parse(q.stdout)).toEqual(JSON.parse(direct.stdout));
  });
});
