import type { IncidentRecorder } from './incidentRecorder.js';
import type { DeletedRow, Spree } from './robotActions.js';
import type { FakeCredits } from './robotBatch.js';
import { WIN_CREDITS, usersByActivity } from './robotWorld.js';
import type { User, World } from './robotWorld.js';
import type { Rng } from './rng.js';

/** One cycle's row budget, split between player actions and the batch, after incidents took theirs. */
export interface CycleBudget {
  actionRows: number;
  batchRows: number;
  spree: Spree | null;
  deleted: DeletedRow | null;
  fake: FakeCredits | null;
}

const HOUR_MS = 3_600_000;

/**
 * Plants the robot-cycles incidents at fixed fractions of the export: a deleted purchase row
 * (a sequence gap) at 40 %, a purchase spree by one stable at 55 % (on an evening cycle where
 * there is one), and battle-win credits with no battle behind them at 70 %. Their rows come out
 * of the cycle's budget, so the export keeps its size; each keeps the balance chain intact.
 */
export class RobotIncidents {
  private readonly deletedCycle: number;
  private readonly spreeCycle: number;
  private readonly fakeCycle: number;
  private readonly spreeSize: number;
  private readonly ranked: User[];

  constructor(
    private readonly rng: Rng,
    world: World,
    private readonly recorder: IncidentRecorder,
    cycles: number,
    total: number,
    cycleStart: (cycle: number) => number,
  ) {
    const at = (share: number): number => Math.min(cycles, Math.max(1, Math.round(cycles * share)));
    this.deletedCycle = at(0.4);
    this.fakeCycle = at(0.7);
    let spree = at(0.55);
    for (let c = spree; c <= Math.min(cycles, spree + 4); c++) {
      if (new Date(cycleStart(c)).getUTCHours() === 18) {
        spree = c;
        break;
      }
    }
    this.spreeCycle = spree;
    this.spreeSize = Math.min(25, Math.max(6, Math.round(Math.sqrt(total) / 40)));
    this.ranked = usersByActivity(world);
  }

  /** The user at `share` of the activity ranking (0 the busiest, 1 the quietest). */
  private userAt(share: number): User {
    return this.ranked[Math.min(this.ranked.length - 1, Math.floor(share * this.ranked.length))] as User;
  }

  plan(
    cycle: number,
    actionRows: number,
    batchRows: number,
    window: { fromMs: number; toMs: number },
  ): CycleBudget {
    const budget: CycleBudget = { actionRows, batchRows, spree: null, deleted: null, fake: null };
    if (cycle === this.deletedCycle) this.planDeleted(budget);
    if (cycle === this.spreeCycle) this.planSpree(budget, window);
    if (cycle === this.fakeCycle) this.planFake(budget);
    return budget;
  }

  private planDeleted(budget: CycleBudget): void {
    if (budget.actionRows >= 1) budget.actionRows -= 1;
    else if (budget.batchRows >= 3) budget.batchRows -= 1;
    else return;
    const user = this.userAt(0.5);
    budget.deleted = { user, handle: this.recorder.open('deleted_log_row', user.key, ['sequence_gap']) };
  }

  private planSpree(budget: CycleBudget, window: { fromMs: number; toMs: number }): void {
    const spare = budget.actionRows + Math.max(0, budget.batchRows - 2);
    const count = Math.min(this.spreeSize, Math.floor(spare / 2));
    if (count < 3) return;
    const fromActions = Math.min(budget.actionRows, 2 * count);
    budget.actionRows -= fromActions;
    budget.batchRows -= 2 * count - fromActions;
    const user = this.userAt(0.3);
    const handle = this.recorder.open('purchase_spree', user.key, ['burst', 'volume_spike']);
    const middle = window.fromMs + Math.floor((window.toMs - window.fromMs) / 2);
    budget.spree = {
      user,
      count,
      atMs: Math.min(middle + this.rng.int(0, HOUR_MS / 6), window.toMs - HOUR_MS / 4),
      handle,
    };
  }

  /** Credits marked as a battle win for the quietest stable, ten times a normal prize, with no battle. */
  private planFake(budget: CycleBudget): void {
    // These rows are written inside the batch's battle step, out of its own budget.
    const rows = Math.min(3, budget.batchRows - 2);
    if (rows < 1) return;
    const user = this.userAt(1);
    let league = 0;
    for (const robot of user.robots) league = Math.max(league, robot.league);
    const amount = (WIN_CREDITS[league] ?? 1000) * this.rng.int(8, 12);
    const handle = this.recorder.open('credit_without_battle', user.key, ['rare_action', 'peer_deviation']);
    budget.fake = { user, rows, amount, handle };
  }
}
