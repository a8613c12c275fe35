import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pgCsvField } from '../../../analysis/engine/src/generate/lineWriter.js';
import { generateRobotCycles } from '../../../analysis/engine/src/generate/robotCycles.js';
import * as rows from '../../../analysis/engine/src/generate/robotRows.js';
import type { GroundTruth, Incident } from '../../../analysis/engine/src/generate/types.js';
import type { Robot, User } from '../../../analysis/engine/src/generate/robotWorld.js';
import { DETECTOR_IDS } from '../../../analysis/engine/src/index.js';
import { parsePgCsv } from '../../helpers/pgCsv.js';

const START = Date.UTC(2026, 4, 4);
const DETECTORS: readonly string[] = DETECTOR_IDS;
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** PostgreSQL COPY CSV: quoted fields with "" for ", NULL as an empty unquoted field (null here). */
function parseCsv(text: string): { header: string[]; records: (string | null)[][] } {
  const [header, ...records] = parsePgCsv(text);
  return { header: (header ?? []) as string[], records };
}

interface AuditRow {
  id: number;
  cycle: number;
  type: string;
  ms: number;
  seq: number;
  user: string | null;
  robot: string | null;
  payload: Record<string, any>;
  metadata: unknown;
}

interface Export {
  dir: string;
  result: Awaited<ReturnType<typeof generateRobotCycles>>;
  header: string[];
  rows: AuditRow[];
  snapshotHeader: string[];
  snapshots: (string | null)[][];
  audit: string;
  snapshotText: string;
}

async function generate(events: number, seed: number, incidents: boolean): Promise<Export> {
  const dir = await mkdtemp(join(tmpdir(), 'chronoscope-rc-'));
  dirs.push(dir);
  const result = await generateRobotCycles({
    system: 'robot-cycles',
    events,
    seed,
    incidents,
    out: dir,
    startMs: START,
  });
  const audit = await readFile(join(dir, 'audit_logs.csv'), 'utf8');
  const snapshotText = await readFile(join(dir, 'cycle_snapshots.csv'), 'utf8');
  const parsed = parseCsv(audit);
  const rows = parsed.records.map((r) => ({
    id: Number(r[0]),
    cycle: Number(r[1]),
    type: r[2] as string,
    ms: Date.parse(r[3] as string),
    seq: Number(r[4]),
    user: r[5] ?? null,
    robot: r[6] ?? null,
    payload: JSON.parse(r[7] as string) as Record<string, any>,
    metadata: r[8] === null || r[8] === undefined ? null : JSON.parse(r[8]),
  }));
  const snaps = parseCsv(snapshotText);
  return {
    dir,
    result,
    header: parsed.header,
    rows,
    snapshotHeader: snaps.header,
    snapshots: snaps.records,
    audit,
    snapshotText,
  };
}

function truthOf(e: Export): GroundTruth {
  return e.result.groundTruth;
}

/** sources.md §5: the first balance event sets the balance, each later one must follow from it. */
function balanceBreaks(rows: readonly AuditRow[]): string[] {
  const balance = new Map<string, number>();
  const breaks: string[] = [];
  for (const r of rows) {
    let delta: number;
    if (r.type === 'credit_change') delta = r.payload.amount;
    else if (r.type === 'passive_income') delta = r.payload.total;
    else if (r.type === 'operating_costs') delta = -r.payload.total;
    else continue;
    const user = r.user as string;
    const before = balance.get(user);
    if (before !== undefined && before + delta !== r.payload.balanceAfter) breaks.push(`${r.cycle}:${r.seq}`);
    balance.set(user, r.payload.balanceAfter);
  }
  return breaks;
}

// Each test generates and parses tens of thousands of rows: allow for a busy two-core machine.
describe('generateRobotCycles', { timeout: 60_000 }, () => {
  it('writes exactly the requested number of audit rows, with the seed columns', async () => {
    for (const events of [1, 2, 3, 10, 50, 137, 4_321]) {
      const e = await generate(events, 3, true);
      expect(e.rows).toHaveLength(events);
      expect(e.result.events).toBe(events);
      expect(e.result.files).toEqual([
        { path: 'audit_logs.csv', records: events },
        { path: 'cycle_snapshots.csv', records: e.snapshots.length },
      ]);
      expect(balanceBreaks(e.rows)).toEqual([]);
      expect(e.audit.endsWith('\n') && !e.audit.includes('\n\n')).toBe(true);
    }
    const e = await generate(50, 3, false);
    expect(e.header).toEqual([
      'id',
      'cycle_number',
      'event_type',
      'event_timestamp',
      'sequence_number',
      'user_id',
      'robot_id',
      'payload',
      'metadata',
    ]);
    expect(e.snapshotHeader).toEqual([
      'id',
      'cycle_number',
      'trigger_type',
      'start_time',
      'end_time',
      'duration_ms',
      'stable_metrics',
      'robot_metrics',
      'step_durations',
      'total_battles',
      'total_credits_transacted',
      'total_prestige_awarded',
      'created_at',
    ]);
  });

  it('is byte-identical for the same seed and differs for another', async () => {
    const a = await generate(20_000, 42, true);
    const b = await generate(20_000, 42, true);
    const c = await generate(20_000, 43, true);
    expect(b.audit).toBe(a.audit);
    expect(b.snapshotText).toBe(a.snapshotText);
    expect(truthOf(b)).toEqual(truthOf(a));
    expect(c.audit).not.toBe(a.audit);
  });

  it('numbers rows 1.. within each cycle, in strictly increasing time', async () => {
    const e = await generate(20_000, 7, false);
    // Violations are collected and compared once: an expect per row is slow on a busy machine.
    const problems: string[] = [];
    const seen = new Set<string>();
    let previous: AuditRow | undefined;
    let opened = 0;
    for (const r of e.rows) {
      const key = `${r.cycle}:${r.seq}`;
      if (seen.has(key)) problems.push(`${key} duplicated`);
      seen.add(key);
      if (previous && previous.cycle === r.cycle) {
        if (r.seq !== previous.seq + 1) problems.push(`${key} follows ${previous.seq}`);
        if (!(r.ms > previous.ms)) problems.push(`${key} not later than the row before`);
      } else if (
        r.seq !== 1 ||
        r.type !== 'cycle_start' ||
        (previous && previous.type !== 'cycle_complete')
      ) {
        problems.push(`${key} does not open its cycle`);
      }
      if (r.id !== (previous?.id ?? 0) + 1) problems.push(`${key} has id ${r.id}`);
      if (r.type === 'cycle_start') opened = r.ms;
      if (r.type === 'cycle_complete' && r.payload.durationMs !== r.ms - opened)
        problems.push(`${key} duration`);
      previous = r;
    }
    expect(problems).toEqual([]);
  });

  it('keeps every balance chain and every snapshot total exact', async () => {
    const e = await generate(30_000, 11, true);
    expect(balanceBreaks(e.rows)).toEqual([]);
    const cycles = new Set(e.rows.map((r) => r.cycle));
    expect(e.snapshots).toHaveLength(cycles.size);
    for (const snap of e.snapshots) {
      const cycle = Number(snap[1]);
      const inCycle = e.rows.filter((r) => r.cycle === cycle);
      const sum = (type: string, f: (r: AuditRow) => number): number =>
        inCycle.filter((r) => r.type === type).reduce((acc, r) => acc + f(r), 0);
      expect(Number(snap[9])).toBe(inCycle.filter((r) => r.type === 'battle_complete').length);
      expect(Number(snap[10])).toBe(sum('credit_change', (r) => Math.abs(r.payload.amount)));
      expect(Number(snap[11])).toBe(sum('prestige_change', (r) => r.payload.amount));
      expect(snap[4]).toBe(new Date(inCycle[inCycle.length - 1]!.ms).toISOString());
      expect(Number(snap[5])).toBe(Date.parse(snap[4] as string) - Date.parse(snap[3] as string));
      const stables = JSON.parse(snap[6] as string) as Record<string, { balance: number }>;
      // The snapshot's balances are the last balanceAfter of each stable up to the cycle's end.
      const last = new Map<string, number>();
      for (const r of e.rows)
        if (r.cycle <= cycle && 'balanceAfter' in r.payload)
          last.set(r.user as string, r.payload.balanceAfter);
      for (const [user, balance] of last) expect(stables[user]?.balance).toBe(balance);
    }
  });

  it('follows each purchase, sale, upgrade and repair with its credit_change', async () => {
    const e = await generate(20_000, 5, false);
    const cost: Record<string, (p: Record<string, any>) => number> = {
      attribute_upgrade: (p) => -p.cost,
      facility_purchase: (p) => -p.cost,
      facility_upgrade: (p) => -p.cost,
      weapon_purchase: (p) => -p.price,
      weapon_sale: (p) => p.price,
      robot_repair: (p) => -p.cost,
    };
    let checked = 0;
    const problems: string[] = [];
    e.rows.forEach((r, i) => {
      const f = cost[r.type];
      if (!f) return;
      const next = e.rows[i + 1]!;
      const ok =
        next.type === 'credit_change' && next.user === r.user && next.payload.amount === f(r.payload);
      if (!ok) problems.push(`${r.cycle}:${r.seq}`);
      checked++;
    });
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(1_000);
    const types = new Set(e.rows.map((r) => r.type));
    for (const type of [
      'battle_complete',
      'tag_team_battle',
      'tournament_match',
      'tournament_complete',
      'league_change',
      'passive_income',
      'operating_costs',
      'prestige_change',
      'cycle_step_complete',
      'facility_upgrade',
      'weapon_sale',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('shows a daily rhythm and heavy-tailed players', async () => {
    const e = await generate(60_000, 9, false);
    const actions = e.rows.filter(
      (r) => r.type === 'attribute_upgrade' || r.type.startsWith('weapon_') || r.type.startsWith('facility_'),
    );
    const byHour = new Array<number>(24).fill(0);
    for (const r of actions) byHour[new Date(r.ms).getUTCHours()]!++;
    expect(byHour[20]!).toBeGreaterThan(3 * byHour[4]!);
    const perUser = new Map<string, number>();
    for (const r of actions) perUser.set(r.user as string, (perUser.get(r.user as string) ?? 0) + 1);
    const counts = [...perUser.values()].sort((a, b) => b - a);
    const top = counts.slice(0, Math.ceil(counts.length / 10)).reduce((a, b) => a + b, 0);
    expect(top / actions.length).toBeGreaterThan(0.3);
  });

  it('plants the incidents it describes, and none without --incidents', async () => {
    const plain = await generate(20_000, 21, false);
    expect(truthOf(plain)).toEqual({ system: 'robot-cycles', seed: 21, incidents: [] });
    const e = await generate(20_000, 21, true);
    const byId = new Map(e.rows.map((r) => [`${r.cycle}:${r.seq}`, r]));
    const incidents = truthOf(e).incidents;
    expect(incidents.map((i) => i.kind)).toEqual([
      'deleted_log_row',
      'purchase_spree',
      'credit_without_battle',
    ]);
    const first = e.rows[0]!.ms;
    const last = e.rows[e.rows.length - 1]!.ms;
    for (const incident of incidents) {
      expect(incident.detectors.every((d) => DETECTORS.includes(d))).toBe(true);
      expect(Date.parse(incident.from)).toBeGreaterThanOrEqual(first);
      expect(Date.parse(incident.to)).toBeLessThanOrEqual(last);
      expect(Date.parse(incident.from)).toBeLessThanOrEqual(Date.parse(incident.to));
    }
    const [deleted, spree, fake] = incidents as [Incident, Incident, Incident];

    // The deleted row is the one missing sequence number; the rows around it exist.
    expect(deleted.evidence).toHaveLength(1);
    const [cycle, seq] = deleted.evidence[0]!.split(':').map(Number) as [number, number];
    expect(byId.has(deleted.evidence[0]!)).toBe(false);
    expect(byId.get(`${cycle}:${seq - 1}`)).toBeDefined();
    expect(byId.get(`${cycle}:${seq + 1}`)).toMatchObject({ type: 'credit_change', user: deleted.actor });
    const gaps = e.rows.filter(
      (r, i) => i > 0 && e.rows[i - 1]!.cycle === r.cycle && r.seq !== e.rows[i - 1]!.seq + 1,
    );
    expect(gaps.map((r) => `${r.cycle}:${r.seq - 1}`)).toEqual(deleted.evidence);

    // The spree: many purchases by one player within minutes.
    const spreeRows = spree.evidence.map((id) => byId.get(id)!);
    expect(spreeRows.length).toBeGreaterThanOrEqual(12);
    expect(spreeRows.every((r) => r.user === spree.actor)).toBe(true);
    expect(spreeRows.filter((r) => r.type === 'weapon_purchase')).toHaveLength(spreeRows.length / 2);
    expect(Date.parse(spree.to) - Date.parse(spree.from)).toBeLessThan(10 * 60_000);

    // Credits for a win with no battle before them, far above a normal prize; the chain still holds.
    expect(fake.evidence.length).toBeGreaterThan(0);
    for (const id of fake.evidence) {
      const r = byId.get(id)!;
      expect(r).toMatchObject({ type: 'credit_change', user: fake.actor, payload: { reason: 'battle_win' } });
      const index = e.rows.indexOf(r);
      expect(e.rows[index - 1]!.type).not.toBe('battle_complete');
      expect(r.payload.amount).toBeGreaterThanOrEqual(8_000);
    }
    expect(balanceBreaks(e.rows)).toEqual([]);
  });

  it('still plants the incidents in a 50-row export', async () => {
    const e = await generate(50, 1, true);
    expect(e.rows).toHaveLength(50);
    expect(truthOf(e).incidents.map((i) => i.kind)).toEqual([
      'deleted_log_row',
      'purchase_spree',
      'credit_without_battle',
    ]);
    const ids = new Set(e.rows.map((r) => `${r.cycle}:${r.seq}`));
    for (const incident of truthOf(e).incidents.slice(1))
      expect(incident.evidence.every((id) => ids.has(id))).toBe(true);
  });
});

describe('robot-cycles payload encoders', () => {
  const robot = (id: number, hp: number): Robot => ({ id, hp }) as Robot;

  it('write exactly what pgCsvField writes for the same payload', () => {
    const battle = {
      battleId: 'b3_14',
      robot1: robot(501, 63),
      robot2: robot(502, 0),
      winner: null,
      durationMs: 83495,
      credits: 0,
    };
    const won = { ...battle, winner: robot(502, 0), credits: 1500 };
    const cases: [string, unknown][] = [
      [rows.creditPayload(-420, 50580, 'repair'), { amount: -420, balanceAfter: 50580, reason: 'repair' }],
      [rows.prestigePayload(5, 10, 'battle_win'), { amount: 5, prestigeAfter: 10, reason: 'battle_win' }],
      [
        rows.battlePayload(battle),
        {
          battleId: 'b3_14',
          robot1Id: 501,
          robot2Id: 502,
          winnerId: null,
          durationMs: 83495,
          robot1HpAfter: 63,
          robot2HpAfter: 0,
          creditsAwarded: 0,
        },
      ],
      [
        rows.battlePayload(won, rows.teamIdsMember('team_501_503', 'team_502_504')),
        {
          battleId: 'b3_14',
          robot1Id: 501,
          robot2Id: 502,
          winnerId: 502,
          durationMs: 83495,
          robot1HpAfter: 63,
          robot2HpAfter: 0,
          creditsAwarded: 1500,
          teamIds: ['team_501_503', 'team_502_504'],
        },
      ],
      [
        rows.battlePayload(won, rows.tournamentMember('t4', 2)),
        {
          battleId: 'b3_14',
          robot1Id: 501,
          robot2Id: 502,
          winnerId: 502,
          durationMs: 83495,
          robot1HpAfter: 63,
          robot2HpAfter: 0,
          creditsAwarded: 1500,
          tournamentId: 't4',
          round: 2,
        },
      ],
      [
        rows.upgradePayload('combatPower', 7, 8, 2400),
        { attribute: 'combatPower', oldValue: 7, newValue: 8, cost: 2400 },
      ],
      [rows.facilityPayload('repair_bay', 2, 16000), { facilityType: 'repair_bay', level: 2, cost: 16000 }],
      [
        rows.weaponPayload(7001, 'Plasma Cannon', 25000),
        { weaponId: 7001, weaponName: 'Plasma Cannon', price: 25000 },
      ],
      [rows.repairPayload(420, 42, 100), { cost: 420, hpRestored: 42, hpAfter: 100 }],
      [rows.leaguePayload('bronze', 'silver'), { oldLeague: 'bronze', newLeague: 'silver' }],
      [
        rows.incomePayload(350, 340, 690, 51690),
        { merchandising: 350, streaming: 340, total: 690, balanceAfter: 51690 },
      ],
      [
        rows.costsPayload(500, 240, -12),
        { total: 740, breakdown: { robots: 500, facilities: 240 }, balanceAfter: -12 },
      ],
      [rows.winChanceMetadata(0.62), { winProbability: 0.62 }],
    ];
    const users = [
      { key: '101', balance: 51000, prestige: 5 },
      { key: '102', balance: -20, prestige: 0 },
      { key: '310', balance: 7, prestige: 130 },
    ] as User[];
    cases.push([
      rows.stableMetricsField(users),
      {
        '310': { balance: 7, prestige: 130 },
        '101': { balance: 51000, prestige: 5 },
        '102': { balance: -20, prestige: 0 },
      },
    ]);
    for (const [encoded, payload] of cases) expect(encoded).toBe(pgCsvField(payload, 'json'));
  });
});
