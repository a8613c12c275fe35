import { describe, expect, it } from 'vitest';
import { runDetectors } from '../../../analysis/engine/src/index.js';
import type { DetectorId, Finding } from '../../../analysis/engine/src/index.js';
import { importArchive } from '../../helpers/archives.js';
import type { Ev } from './qcsFixture.js';
import { qcsArchive, routine, spread, t } from './qcsFixture.js';

/** Every signal one detector raises on a hand-made archive (no triage, no rules). */
async function signals(events: Ev[], detector: DetectorId): Promise<Finding[]> {
  const db = await importArchive(await qcsArchive(events));
  const result = await runDetectors(db.store, { detectors: [detector], all: true, builtinRules: false });
  return result.findings;
}

const actors = (found: Finding[]): string[] => [...new Set(found.map((f) => f.actor ?? '-'))].sort();

describe('each detector on cases whose answer is known by hand', () => {
  it('volume_spike: an hour far above the same hour on other days; a busy but regular actor is quiet', async () => {
    const found = await signals(
      [
        ...routine(11, 20, 9, 17, { user: 'ann' }),
        ...spread(60, t(11, 10), t(11, 10.9), { user: 'ann' }),
        ...routine(12, 60, 10, 11, { user: 'bob' }),
      ],
      'volume_spike',
    );
    expect(actors(found)).toEqual(['ann']);
    expect(found[0]?.from.slice(0, 13)).toBe('2026-05-15T10');
    expect(found[0]?.count).toBeGreaterThanOrEqual(60);
  });

  it('off_hours: a day worker at 02:00 fires; a night-shift worker with a stable pattern does not', async () => {
    const found = await signals(
      [
        ...routine(10, 30, 9, 17, { user: 'dave' }),
        ...spread(20, t(10, 2), t(10, 2.5), { user: 'dave' }),
        ...routine(11, 30, 22, 30, { user: 'nina' }),
      ],
      'off_hours',
    );
    expect(actors(found)).toEqual(['dave']);
    expect(found[0]).toMatchObject({ count: 20, severity: 'high' });
    expect(found[0]?.from.slice(0, 13)).toBe('2026-05-14T02');
  });

  it('burst: thirty creates in a minute from someone who makes a few an hour', async () => {
    const found = await signals(
      [
        ...routine(10, 20, 9, 17, { user: 'carl', op: 'CREATE', newValues: { city: 'Oslo' } }),
        ...spread(30, t(5, 11), t(5, 11.015), { user: 'carl', op: 'CREATE', newValues: { city: 'Oslo' } }),
      ],
      'burst',
    );
    expect(actors(found)).toEqual(['carl']);
    expect(found[0]?.count).toBeGreaterThanOrEqual(30);
  });

  it('mass_destructive: a clerk deleting forty records at once fires; an archivist who does it daily does not', async () => {
    const found = await signals(
      [
        ...routine(10, 20, 9, 17, { user: 'erin' }),
        ...routine(10, 1, 12, 13, { user: 'erin', op: 'DELETE' }),
        ...spread(40, t(8, 14), t(8, 14.08), { user: 'erin', op: 'DELETE' }),
        ...routine(10, 40, 7, 7.1, { user: 'cleo', role: 'archivist', op: 'DELETE' }),
      ],
      'mass_destructive',
    );
    expect(actors(found)).toEqual(['erin']);
    expect(found[0]?.count).toBeGreaterThanOrEqual(40);
  });

  it('first_seen: a new address and user agent after days of the same ones', async () => {
    const found = await signals(
      [
        ...routine(5, 30, 9, 17, { user: 'fay' }),
        ...spread(10, t(5, 10), t(5, 10.2), { user: 'fay', ip: '203.0.113.9', agent: 'curl/8.5' }),
      ],
      'first_seen',
    );
    const fresh = found.filter((f) => f.severity === 'medium');
    expect(actors(fresh)).toEqual(['fay']);
    expect(fresh[0]?.summary).toContain('203.0.113.9');
    expect(fresh[0]?.summary).toContain('curl/8.5');
  });

  it('auth_bruteforce: eight failures then a success; one typo then a success is nothing', async () => {
    const found = await signals(
      [
        ...routine(3, 10, 9, 17, { user: 'gus' }),
        ...spread(8, t(3, 20), t(3, 20.1), { user: 'gus', op: 'LOGIN_FAILED', ip: '203.0.113.7' }),
        { at: t(3, 20.12), user: 'gus', op: 'LOGIN', ip: '203.0.113.7' },
        { at: t(1, 9), user: 'hal', op: 'LOGIN_FAILED' },
        { at: t(1, 9.01), user: 'hal', op: 'LOGIN' },
      ],
      'auth_bruteforce',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ actor: 'gus', severity: 'high', count: 9 });
  });

  it('privilege_change: granting oneself admin is critical, a routine promotion low', async () => {
    const found = await signals(
      [
        ...routine(2, 10, 9, 17, { user: 'ivy' }),
        {
          at: t(2, 10),
          user: 'ivy',
          op: 'PERMISSION_CHANGE',
          type: 'user',
          entity: 'ivy',
          newValues: { role: 'admin' },
        },
        {
          at: t(2, 11),
          user: 'jon',
          role: 'admin',
          op: 'PERMISSION_CHANGE',
          type: 'user',
          entity: 'kim',
          newValues: { role: 'manager' },
        },
      ],
      'privilege_change',
    );
    expect(found.map((f) => [f.actor, f.entity, f.severity])).toEqual([
      ['ivy', 'ivy', 'critical'],
      ['jon', 'kim', 'low'],
    ]);
  });

  it('bulk_export: five exports in five minutes from a clerk who reads', async () => {
    const found = await signals(
      [
        ...routine(5, 30, 9, 17, { user: 'lou', op: 'READ' }),
        ...spread(5, t(4, 15), t(4, 15.08), { user: 'lou', op: 'EXPORT', entity: '*' }),
      ],
      'bulk_export',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ actor: 'lou', count: 5 });
  });

  it('peer_deviation and rare_action: the clerk who deletes thirty times more than the others, and the one config change', async () => {
    const clerks = ['pam', 'quin', 'ray', 'sue', 'tom'];
    const events: Ev[] = [
      ...clerks.flatMap((user) => [
        ...routine(10, 20, 9, 17, { user }),
        ...routine(2, 1, 12, 13, { user, op: 'DELETE' }),
      ]),
      ...routine(10, 14, 9, 17, { user: 'max' }),
      ...routine(10, 6, 9, 17, { user: 'max', op: 'DELETE' }),
      { at: t(6, 12), user: 'max', op: 'CONFIG_CHANGE', type: 'settings', entity: 'SET-global' },
    ];
    const peers = await signals(events, 'peer_deviation');
    expect(peers.map((f) => [f.actor, f.summary.includes('delete')])).toEqual([['max', true]]);
    const rare = await signals(events, 'rare_action');
    expect(rare.map((f) => [f.actor, f.count])).toEqual([['max', 1]]);
  });

  it('sequence_gap: a numbered series with one record missing', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => i + 1).filter((n) => n !== 17);
    const found = await signals(
      ids.map((n) => ({ at: t(0, 9 + n / 10), user: 'uma', id: `ev_${n}` })),
      'sequence_gap',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ count: 1, severity: 'high' });
    expect(found[0]?.summary).toContain('ev_17');
  });

  it('time_gap: six silent office hours on a weekday; the quiet nights are not gaps', async () => {
    const events = routine(5, 200, 8, 18, { user: 'vic' }).filter((e) => {
      const ms = e.at as number;
      return !(ms >= t(2, 10) && ms < t(2, 16));
    });
    const found = await signals(events, 'time_gap');
    expect(found).toHaveLength(1);
    expect(found[0]?.from.slice(0, 10)).toBe('2026-05-06');
    expect(Date.parse(found[0]?.to ?? '') - Date.parse(found[0]?.from ?? '')).toBeGreaterThan(5 * 3_600_000);
  });
});

describe('triage', () => {
  it('sets a lone weak signal aside and keeps it when another kind of signal backs it', async () => {
    const base = [...routine(10, 30, 9, 17, { user: 'dave' }), ...routine(10, 30, 9, 17, { user: 'wes' })];
    // dave: a few events at 01:00 from his usual address (medium off_hours alone);
    // wes: the same hour, but from an address and browser he never used (first_seen backs it).
    const night = (user: string, extra: Partial<Ev>): Ev[] =>
      spread(6, t(10, 1), t(10, 1.3), { user, ...extra });
    const db = await importArchive(
      await qcsArchive([
        ...base,
        ...night('dave', {}),
        ...night('wes', { ip: '203.0.113.4', agent: 'curl/8.5' }),
      ]),
    );
    const triaged = await runDetectors(db.store, { builtinRules: false });
    const all = await runDetectors(db.store, { builtinRules: false, all: true });
    const offHours = (r: typeof triaged): string[] =>
      r.findings.filter((f) => f.detector === 'off_hours').map((f) => f.actor ?? '');
    expect(offHours(all).sort()).toEqual(['dave', 'wes']);
    expect(offHours(triaged)).toEqual(['wes']);
    const entry = triaged.detectors.find((d) => d.id === 'off_hours');
    expect(entry).toMatchObject({ findings: 1, signals: 2 });
  });
});
