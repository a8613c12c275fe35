import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRules, parseRules, runDetectors, runRules } from '../../../analysis/engine/src/index.js';
import type { Finding } from '../../../analysis/engine/src/index.js';
import { importArchive, tempDir } from '../../helpers/archives.js';
import type { Ev } from '../detectors/qcsFixture.js';
import { qcsArchive, routine, spread, t } from '../detectors/qcsFixture.js';

const INJECTION = "o'brien'); DROP TABLE events; --";

/**
 * Known by hand: ann works 09–17 for three days; on day 3 she logs in from outside at 20:00
 * and exports four tables; bob reads 30 different customers in five minutes, then 30 reads of
 * one customer; carol is made admin by dan, then deletes 25 records; the account named with
 * SQL injection text makes one large payment.
 */
const EVENTS: Ev[] = [
  ...routine(3, 20, 9, 17, { user: 'ann' }),
  { at: t(3, 20), user: 'ann', op: 'LOGIN', ip: '203.0.113.8' },
  ...spread(4, t(3, 20.05), t(3, 20.2), { user: 'ann', op: 'EXPORT', ip: '203.0.113.8', entity: '*' }),
  ...Array.from({ length: 30 }, (_, i) => ({
    at: t(1, 11) + i * 10_000,
    user: 'bob',
    op: 'READ',
    type: 'customer',
    entity: `CUS-${i}`,
  })),
  ...spread(30, t(2, 11), t(2, 11.08), { user: 'bob', op: 'READ', type: 'customer', entity: 'CUS-1' }),
  {
    at: t(2, 14),
    user: 'dan',
    role: 'admin',
    op: 'PERMISSION_CHANGE',
    type: 'user',
    entity: 'carol',
    newValues: { role: 'admin' },
  },
  ...spread(25, t(2, 14.5), t(2, 14.7), { user: 'carol', op: 'DELETE' }),
  { at: t(2, 15), user: INJECTION, op: 'CREATE', type: 'invoice', newValues: { amount: 25_000, note: 'x' } },
  { at: t(2, 15.1), user: 'erin', op: 'CREATE', type: 'invoice', newValues: { amount: 90 } },
];

const RULES = `
- id: many-customers-read
  title: Many different customers read
  severity: medium
  where: { action: read, entity_type: customer }
  group_by: actor_id
  window: 10m
  threshold: { distinct: entity_id, count: 25 }
- id: exports-burst
  title: Several exports in a quarter of an hour
  severity: high
  where: { action: export }
  window: 15m
  threshold: { count: 3 }
- id: big-invoice
  title: Invoice above 10,000
  severity: high
  where:
    entity_type: invoice
    new_state.amount: { gt: 10000 }
- id: named-account
  title: The account with the odd name
  severity: low
  where:
    actor_id: "${INJECTION.replace(/"/g, '\\"')}"
- id: admin-then-delete
  title: Made admin, then deleting
  severity: critical
  group_by: actor_id
  window: 1h
  sequence:
    - where: { action: permission_change, new_state.role: admin }
      key: entity_id
    - where: { action: delete }
      threshold: { count: 20 }
`;

describe('rules compiled to SQL and run on a hand-made archive', async () => {
  const dir = await qcsArchive(EVENTS);
  const db = await importArchive(dir);
  const parsed = parseRules(RULES);
  const found = await runRules(db.store, 'events', parsed.rules, 500);
  const of = (id: string): Finding[] => found.filter((f) => f.detector === `rule:${id}`);

  it('parses', () => {
    expect(parsed.problems).toEqual([]);
  });

  it('a where + window + threshold rule finds the export run, with its rows as evidence', () => {
    expect(of('exports-burst')).toHaveLength(1);
    expect(of('exports-burst')[0]).toMatchObject({ actor: 'ann', severity: 'high', count: 4 });
    expect(of('exports-burst')[0]?.evidence).toHaveLength(4);
  });

  it('a distinct-count rule counts different customers, not reads', () => {
    const hits = of('many-customers-read');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.from.slice(0, 10)).toBe('2026-05-05');
    expect(hits[0]?.summary).toContain('different entity_id');
  });

  it('a JSON path condition compares numbers inside the new state', () => {
    expect(of('big-invoice').map((f) => f.actor)).toEqual([INJECTION]);
  });

  it('a value holding SQL injection text matches literally, and the archive is untouched', async () => {
    expect(of('named-account')).toHaveLength(1);
    expect(of('named-account')[0]?.count).toBe(1);
    expect(await db.count('SELECT count(*) FROM events')).toBe(EVENTS.length);
  });

  it('a sequence rule follows the grant to the account that received it', () => {
    const hits = of('admin-then-delete');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ actor: 'carol', severity: 'critical', count: 26 });
  });

  it('checkRules counts matches and findings, and reports a bad rule without throwing', async () => {
    const check = await checkRules(db.store, `${RULES}\n- id: broken\n  title: B\n  severity: loud\n`);
    expect(check.ok).toBe(false);
    expect(check.errors).toEqual([{ rule: 'broken', field: 'severity', message: expect.any(String) }]);
    expect(check.rules.find((r) => r.id === 'exports-burst')).toMatchObject({ matches: 4, findings: 1 });
    const filtered = await checkRules(db.store, RULES, { actors: ['bob'] });
    expect(filtered.rules.find((r) => r.id === 'many-customers-read')).toMatchObject({
      matches: 60,
      findings: 1,
    });
    expect(filtered.rules.find((r) => r.id === 'exports-burst')).toMatchObject({ matches: 0, findings: 0 });
  });

  it('runDetectors runs the rules beside the detectors and refuses a malformed one by name', async () => {
    const result = await runDetectors(db.store, { rules: RULES });
    expect(result.detectors.map((d) => d.id)).toContain('rule:admin-then-delete');
    expect(result.findings.some((f) => f.detector === 'rule:admin-then-delete')).toBe(true);
    await expect(
      runDetectors(db.store, {
        rules: '- id: x\n  title: X\n  severity: high\n  window: 5 minutes\n',
        rulesFile: 'mine.yaml',
      }),
    ).rejects.toThrow('mine.yaml: rule "x": window: expected a duration like 10m');
  });

  it('`chronoscope analyze --rules FILE` end to end', async () => {
    const work = await tempDir();
    const rulesFile = join(work, 'rules.yaml');
    await writeFile(rulesFile, RULES);
    const cli = (...args: string[]) =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, '../../../analysis/service/src/cli/main.ts'), ...args],
        { encoding: 'utf8', timeout: 120_000 },
      );
    const ok = cli('analyze', dir, '--rules', rulesFile, '--json', '--quiet', '--cache', join(work, 'cache'));
    expect(ok.status, ok.stderr).toBe(0);
    const json = JSON.parse(ok.stdout) as { findings: Finding[]; detectors: { id: string }[] };
    expect(json.findings.find((f) => f.detector === 'rule:admin-then-delete')?.actor).toBe('carol');
    expect(json.detectors.map((d) => d.id)).toContain('rule:big-invoice');

    const badFile = join(work, 'bad.yaml');
    await writeFile(badFile, '- id: exfil-after-login\n  title: T\n  severity: high\n  window: soon\n');
    const bad = cli('analyze', dir, '--rules', badFile, '--quiet', '--cache', join(work, 'cache'));
    expect(bad.status).toBe(3);
    expect(bad.stderr).toContain(
      `${badFile}: rule "exfil-after-login": window: expected a duration like 10m`,
    );
  });
});
