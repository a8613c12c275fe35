import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPackEntries } from '../../analysis/engine/src/index.js';
import { tempDir } from '../helpers/archives.js';
import { makeZip } from '../helpers/zipWriter.js';

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
    expect(unpinned.stdout).toMatch(/NOT PINNED: checked only against the pack's own key [0-9a-f]{64}/);
    expect(unpinned.stdout).toMatch(/^FAILED: .* \d+ checks passed, \d+ not verified$/m);
  });

  it('reports a tampered pack one line per finding, with the record and the expected and actual hashes', async () => {
    const key = join(work, 'signer');
    const pack = join(work, 'robots.auditpack');
    const entries = await readPackEntries(pack);
    const lines = entries.get('records.ndjson')!.toString('utf8').split('\n');
    lines[1234] = lines[1234]!.replace('"event_type":"', '"event_type":"x');
    entries.set('records.ndjson', Buffer.from(lines.join('\n')));
    const tampered = join(work, 'tampered.auditpack');
    await writeFile(tampered, makeZip([...entries].map(([name, data]) => ({ name, data, store: true }))));
    const run = cli(cache, 'verify', tampered, '--key', `${key}.pub.pem`, '--quiet');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^ {2}CRITICAL modified +seq 1234 +expected [0-9a-f]{64} {2}actual [0-9a-f]{64} {2}— record 1234/m,
    );
    expect(run.stdout).toMatch(/^ {2}✗ records_vs_leaves +1 finding\(s\)$/m);
    expect(run.stdout).toMatch(/^ {2}✓ checkpoint_signature +checkpoint.json signed by the pinned key$/m);
    expect(run.stdout).toMatch(/^FAILED: \d+ finding\(s\) of tampering or loss in .*records_vs_leaves/m);
  });

  it('links a later pack to the one before it, and checks the link with --previous', () => {
    const key = join(work, 'signer');
    const first = join(work, 'robots.auditpack');
    const second = join(work, 'robots-2.auditpack');
    const packed = cli(
      cache,
      'pack',
      out,
      '--key',
      `${key}.pem`,
      '--origin',
      'robots.e2e',
      '--previous',
      first,
      '--out',
      second,
      '--quiet',
    );
    expect(packed.code).toBe(0);
    expect(packed.stdout).toMatch(
      /links to .*robots\.auditpack \(2,0\d\d records, root [0-9a-f]{64}\): its records are the first ones/,
    );
    const linked = JSON.parse(
      cli(cache, 'verify', second, '--key', `${key}.pub.pem`, '--previous', first, '--json', '--quiet')
        .stdout,
    );
    expect(linked.checks.find((c: { name: string }) => c.name === 'previous_link')).toMatchObject({
      ok: true,
    });
    // The first pack names no previous one: given one anyway, the link is broken.
    const backwards = cli(
      cache,
      'verify',
      first,
      '--key',
      `${key}.pub.pem`,
      '--previous',
      second,
      '--json',
      '--quiet',
    );
    expect(backwards.code).toBe(1);
    expect(JSON.parse(backwards.stdout).findings).toContainEqual(
      expect.objectContaining({ kind: 'chain_break', actual: 'null' }),
    );
    const otherOrigin = cli(
      cache,
      'pack',
      out,
      '--key',
      `${key}.pem`,
      '--origin',
      'elsewhere',
      '--previous',
      first,
      '--out',
      join(work, 'x.auditpack'),
      '--quiet',
    );
    expect(otherOrigin.code).toBe(3);
    expect(otherOrigin.stderr).toMatch(
      /--previous .*robots\.auditpack: it is a pack of origin "robots\.e2e", not "elsewhere"/,
    );
  });

  it('refuses a bad --limit with exit 3', () => {
    expect(cli(cache, 'verify', out, '--limit', 'many', '--quiet').code).toBe(3);
  });
});
