import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/archives.js';

const BIN = join(import.meta.dirname, '../../bin/chronoscope.mjs');

function cli(cache: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CHRONOSCOPE_CACHE: cache },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('chronoscope verify, as an investigator runs it', async () => {
  const work = await tempDir();
  const cache = join(work, 'cache');
  const out = join(work, 'robots');
  cli(
    cache,
    'generate',
    '--system',
    'robot-cycles',
    '--events',
    '2000',
    '--seed',
    '5',
    '--out',
    out,
    '--quiet',
  );

  it('passes a clean export with exit 0 and the JSON of cli.md', () => {
    const run = cli(cache, 'verify', out, '--json', '--quiet');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ ok: true, records: 2000 });
    expect(report.checks.map((c: { name: string }) => c.name)).toContain('balance_continuity');
    for (const c of report.checks)
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['name', 'ok', 'detail']));
  });

  it('exits 1 on a tampered copy and names the record in both outputs', async () => {
    const csv = join(out, 'audit_logs.csv');
    const lines = (await readFile(csv, 'utf8')).split('\n');
    const [, cycle, , , sequence] = lines[500]!.split(',');
    lines.splice(500, 1);
    await writeFile(csv, lines.join('\n'));
    const json = cli(cache, 'verify', out, '--json', '--quiet');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.ok).toBe(false);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ kind: 'sequence_gap', sourceId: `${cycle}:${sequence}` }),
    );
    const human = cli(cache, 'verify', out, '--quiet');
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/✗ cycle_sequences/);
    expect(human.stdout).toContain(`${cycle}:${sequence}`);
    expect(human.stdout).toMatch(/^FAILED: /m);
  });

  it('keygen, pack and verify a signed pack, pinned and not', () => {
    const key = join(work, 'signer');
    expect(cli(cache, 'keygen', '--out', key).code).toBe(0);
    const pack = join(work, 'robots.auditpack');
    expect(
      cli(cache, 'pack', out, '--key', `${key}.pem`, '--origin', 'robots.e2e', '--out', pack, '--quiet').code,
    ).toBe(0);
    const pinned = cli(cache, 'verify', pack, '--key', `${key}.pub.pem`, '--json', '--quiet');
    const report = JSON.parse(pinned.stdout);
    expect(report.pack).toMatchObject({ pinned: true, origin: 'robots.e2e' });
    // The export was tampered with above, so the pack faithfully carries that gap: its own
    // checks pass and the source checks on the records inside it fail.
    const failed = report.checks.filter((c: { ok: boolean }) => !c.ok).map((c: { name: string }) => c.name);
    expect(failed).toContain('cycle_sequences');
    expect(failed).not.toContain('records_vs_leaves');
    expect(failed).not.toContain('checkpoint_signature');
    const unpinned = cli(cache, 'verify', pack, '--quiet');
    expect(unpinned.stdout).toMatch(/checked only against its own key/);
  });

  it('refuses a bad --limit with exit 3', () => {
    expect(cli(cache, 'verify', out, '--limit', 'many', '--quiet').code).toBe(3);
  });
});
