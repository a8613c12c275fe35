import { join } from 'node:path';
import { IncidentRecorder } from './incidentRecorder.js';
import { LineWriter, pgCsvField, pgCsvRow } from './lineWriter.js';
import { iso } from './rhythm.js';
import { Rng } from './rng.js';
import { PlayerActions } from './robotActions.js';
import { Batch } from './robotBatch.js';
import { RobotIncidents } from './robotIncidents.js';
import type { CycleBudget } from './robotIncidents.js';
import { AuditLog } from './robotLog.js';
import { windowWeight } from './robotRhythm.js';
import { cyclePayload, stableMetricsField } from './robotRows.js';
import { LEAGUES, makeWorld } from './robotWorld.js';
import type { World } from './robotWorld.js';
import type { SystemGenerator } from './types.js';

/** A cycle every six hours (00, 06, 12, 18 UTC): players act for most of it, then the batch runs. */
const PERIOD_MS = 6 * 3_600_000;
const ACTIONS_END = 0.85;
const BATCH_START = 0.86;
/** Share of the rows that are player actions; the rest is the batch. */
const ACTION_SHARE = 0.35;

export const SNAPSHOT_COLUMNS = [
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
] as const;

/**
 * Streams a `robot-cycles` export (`sources.md` §5): `audit_logs.csv` and `cycle_snapshots.csv`.
 * Exactly `options.events` audit rows are written; each cycle's budget is fixed in advance
 * (player actions follow the daily and weekly rhythm, batches are even), so the total is exact
 * without buffering anything.
 */
export const generateRobotCycles: SystemGenerator = async (options) => {
  const total = options.events;
  const rng = new Rng(`robot-cycles:${options.seed}`);
  const layout = new CycleLayout(total, options.startMs);
  const world = makeWorld(rng, total, (total * ACTION_SHARE) / 2 / layout.cycles);
  const recorder = new IncidentRecorder();
  const incidents = options.incidents
    ? new RobotIncidents(rng, world, recorder, layout.cycles, total, (c) => layout.startOf(c))
    : null;
  const log = new AuditLog(join(options.out, 'audit_logs.csv'));
  const snapshots = new LineWriter(join(options.out, 'cycle_snapshots.csv'));
  await snapshots.write(pgCsvRow(SNAPSHOT_COLUMNS));
  const cycles = new CycleWriter(rng, world, log, new PlayerActions(rng, world, log));
  for (let cycle = 1; cycle <= layout.cycles; cycle++) {
    const startMs = layout.startOf(cycle);
    const window = { fromMs: startMs + 2_000, toMs: startMs + Math.floor(PERIOD_MS * ACTIONS_END) };
    const { actionRows, batchRows } = layout.budgetOf(cycle);
    const budget = incidents?.plan(cycle, actionRows, batchRows, window) ?? plain(actionRows, batchRows);
    const steps = await cycles.write(cycle, startMs, window, budget);
    await snapshots.write(snapshotRow(rng, world, log, cycle, startMs, steps));
    options.onProgress?.(log.rows);
  }
  await log.close();
  await snapshots.close();
  return {
    files: [
      { path: 'audit_logs.csv', records: log.rows },
      { path: 'cycle_snapshots.csv', records: layout.cycles },
    ],
    events: log.rows,
    groundTruth: { system: 'robot-cycles', seed: options.seed, incidents: recorder.incidents() },
  };
};

/** One cycle: `cycle_start`, the players' actions, the batch and `cycle_complete`. */
class CycleWriter {
  constructor(
    private readonly rng: Rng,
    private readonly world: World,
    private readonly log: AuditLog,
    private readonly actions: PlayerActions,
  ) {}

  /** Writes the cycle's rows and returns the batch's step durations. */
  async write(
    cycle: number,
    startMs: number,
    window: { fromMs: number; toMs: number },
    budget: CycleBudget,
  ): Promise<Record<string, number>> {
    const { rng, log } = this;
    log.beginCycle(cycle, startMs);
    const openedMs = log.row(
      startMs + rng.int(20, 120),
      'cycle_start',
      '',
      '',
      cyclePayload({ step: 'start' }),
    );
    // An odd action budget leaves one row over: the batch writes it.
    const units = Math.floor(budget.actionRows / 2);
    await this.actions.run({ ...window, actions: units, spree: budget.spree, deleted: budget.deleted });
    const batchRows = budget.batchRows + (budget.actionRows - 2 * units);
    const batchStart = startMs + Math.floor(PERIOD_MS * BATCH_START);
    const batch = new Batch(rng, this.world, log, batchStart, spacingFor(batchRows));
    if (batchRows >= 2) {
      await batch.run(batchRows - 2, budget.fake);
      const endMs = log.now + rng.int(50, 400);
      log.row(endMs, 'cycle_complete', '', '', cyclePayload({ durationMs: endMs - openedMs }));
    }
    if (log.needsFlush) await log.flush();
    return batch.durations;
  }
}

function plain(actionRows: number, batchRows: number): CycleBudget {
  return { actionRows, batchRows, spree: null, deleted: null, fake: null };
}

/** Batch rows a fraction of a second apart, as in the seed's example, but never past the cycle's end. */
function spacingFor(batchRows: number): number {
  return Math.max(1, Math.min(450, Math.floor((PERIOD_MS * 0.12) / Math.max(1, batchRows))));
}

/**
 * How many cycles, and how many rows each: about 20,000 rows a day over two days to two months,
 * at least 40 rows a cycle. Action rows are shared out by the rhythm's weight of each cycle's
 * window (cumulative rounding keeps the sum exact), batch rows evenly.
 */
class CycleLayout {
  readonly cycles: number;
  private readonly actionTotal: number;
  private readonly weightTotal: number;
  private weightSoFar = 0;
  private actionsSoFar = 0;

  constructor(
    private readonly total: number,
    private readonly firstStartMs: number,
  ) {
    const days = Math.min(60, Math.max(2, total / 20_000));
    this.cycles = Math.max(1, Math.min(Math.round(days * 4), Math.floor(total / 40)));
    this.actionTotal = Math.round(total * ACTION_SHARE);
    let weight = 0;
    for (let c = 1; c <= this.cycles; c++) weight += this.weightOf(c);
    this.weightTotal = weight;
  }

  startOf(cycle: number): number {
    return this.firstStartMs + (cycle - 1) * PERIOD_MS;
  }

  private weightOf(cycle: number): number {
    const start = this.startOf(cycle);
    return windowWeight(start, start + PERIOD_MS * ACTIONS_END);
  }

  /** Called once per cycle, in order. */
  budgetOf(cycle: number): { actionRows: number; batchRows: number } {
    this.weightSoFar += this.weightOf(cycle);
    const actionsUpTo = Math.round((this.actionTotal * this.weightSoFar) / this.weightTotal);
    const actionRows = actionsUpTo - this.actionsSoFar;
    this.actionsSoFar = actionsUpTo;
    const batchTotal = this.total - this.actionTotal;
    const batchRows =
      Math.round((batchTotal * cycle) / this.cycles) - Math.round((batchTotal * (cycle - 1)) / this.cycles);
    return { actionRows, batchRows };
  }
}

/** The cycle's `cycle_snapshots` row; its totals are those of the rows actually written. */
function snapshotRow(
  rng: Rng,
  world: World,
  log: AuditLog,
  cycle: number,
  startMs: number,
  steps: Record<string, number>,
): string {
  const robots: Record<string, { hp: number; league: string; battles: number; wins: number }> = {};
  for (const robot of world.robots) {
    if (robot.battlesThisCycle === 0) continue;
    robots[robot.key] = {
      hp: robot.hp,
      league: LEAGUES[robot.league] as string,
      battles: robot.battlesThisCycle,
      wins: robot.winsThisCycle,
    };
    robot.battlesThisCycle = 0;
    robot.winsThisCycle = 0;
  }
  const endMs = log.now;
  const { battles, credits, prestige } = log.totals;
  return pgCsvRow([
    pgCsvField(cycle),
    pgCsvField(cycle),
    pgCsvField(rng.chance(0.05) ? 'manual' : 'scheduled'),
    pgCsvField(iso(startMs)),
    pgCsvField(iso(endMs)),
    pgCsvField(endMs - startMs),
    stableMetricsField(world.users),
    pgCsvField(robots, 'json'),
    pgCsvField(steps, 'json'),
    pgCsvField(battles),
    pgCsvField(credits),
    pgCsvField(prestige),
    pgCsvField(iso(endMs + 1_000)),
  ]);
}
