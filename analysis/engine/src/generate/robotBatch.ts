import type { IncidentHandle } from './incidentRecorder.js';
import type { AuditLog } from './robotLog.js';
import { fight, planBatch, tagTeams, tournamentField } from './robotBattles.js';
import type { BatchPlan, Fight } from './robotBattles.js';
import {
  battlePayload,
  creditChange,
  cyclePayload,
  leaguePayload,
  operatingCosts,
  passiveIncome,
  prestigeChange,
  repairPayload,
  teamIdsMember,
  tournamentMember,
  winChanceMetadata,
} from './robotRows.js';
import { LEAGUES, WIN_CREDITS } from './robotWorld.js';
import type { Robot, User, World } from './robotWorld.js';
import type { Rng } from './rng.js';

/** Credits paid without any battle behind them (the planted incident), written among the battles. */
export interface FakeCredits {
  user: User;
  rows: number;
  amount: number;
  handle: IncidentHandle;
}

/**
 * The scheduled run that closes a cycle: repairs, league moves, league battles, tag-team
 * battles, a tournament, passive income and operating costs, each step ending with a
 * `cycle_step_complete`. It writes exactly `budget` rows.
 */
export class Batch {
  private t: number;
  readonly durations: Record<string, number> = {};

  constructor(
    private readonly rng: Rng,
    private readonly world: World,
    private readonly log: AuditLog,
    startMs: number,
    private readonly spacingMs: number,
  ) {
    this.t = startMs;
  }

  private next(): number {
    this.t = Math.max(this.t, this.log.now) + 1 + this.rng.int(0, 2 * this.spacingMs);
    return this.t;
  }

  async run(budget: number, fake: FakeCredits | null): Promise<void> {
    const plan = planBatch(this.rng, this.world, budget, fake?.rows ?? 0);
    await this.step('repair', plan.repairs.length, () => this.repairs(plan));
    await this.step('league_rebalance', plan.moves.length, () => this.leagueMoves(plan));
    await this.step(
      'league_battles',
      plan.battleRows,
      () => this.battles(plan, fake),
      plan.battleStepComplete,
    );
    await this.step('tag_team_battles', plan.tagBattles, () => this.tagBattles(plan));
    await this.step('tournament', plan.tournamentSize, () => this.tournament(plan));
    await this.step('passive_income', plan.stables.length, () => this.income(plan.stables));
    await this.step('operating_costs', plan.stables.length, () => this.costs(plan.stables));
  }

  private async step(name: string, size: number, body: () => Promise<void>, complete = true): Promise<void> {
    if (size <= 0) return;
    const from = Math.max(this.t, this.log.now);
    await body();
    if (!complete) return;
    const at = this.next();
    this.durations[name] = at - from;
    this.log.row(at, 'cycle_step_complete', '', '', cyclePayload({ step: name, durationMs: at - from }));
  }

  private async repairs(plan: BatchPlan): Promise<void> {
    for (const robot of plan.repairs) {
      const restored = 100 - robot.hp;
      const cost = restored * (8 + robot.league * 4);
      robot.hp = 100;
      this.log.row(
        this.next(),
        'robot_repair',
        robot.owner.key,
        robot.key,
        repairPayload(cost, restored, 100),
      );
      creditChange(this.log, this.next(), robot.owner, -cost, 'repair');
      if (this.log.needsFlush) await this.log.flush();
    }
  }

  private async leagueMoves(plan: BatchPlan): Promise<void> {
    for (const robot of plan.moves) {
      const from = LEAGUES[robot.league] as string;
      robot.league += robot.points > 0 ? 1 : -1;
      robot.points = 0;
      const payload = leaguePayload(from, LEAGUES[robot.league] as string);
      this.log.row(this.next(), 'league_change', robot.owner.key, robot.key, payload);
    }
    if (this.log.needsFlush) await this.log.flush();
  }

  /** League battles; the fake credits of the incident are slipped in between them. */
  private async battles(plan: BatchPlan, fake: FakeCredits | null): Promise<void> {
    const slots = plan.fullBattles + plan.draws;
    let fakeLeft = plan.fakeRows;
    for (let i = 0; i < slots; i++) {
      if (fake && fakeLeft > 0 && this.rng.int(0, slots - i - 1) < fakeLeft) {
        fakeLeft--;
        creditChange(this.log, this.next(), fake.user, fake.amount, 'battle_win');
        fake.handle.record(this.log.sourceId, this.log.now);
      }
      const outcome = fight(this.rng, this.world, `b${this.log.cycle}_${i}`, i >= plan.fullBattles);
      this.writeBattle('battle_complete', outcome, '', 'battle_win');
      if (this.log.needsFlush) await this.log.flush();
    }
    for (; fake && fakeLeft > 0; fakeLeft--) {
      creditChange(this.log, this.next(), fake.user, fake.amount, 'battle_win');
      fake.handle.record(this.log.sourceId, this.log.now);
    }
  }

  /** The battle row, then (unless a draw or a tournament match) the winner's credits and prestige. */
  private writeBattle(type: string, outcome: Fight, extra: string, reason: string): void {
    const metadata = winChanceMetadata(Math.round(outcome.chance * 100) / 100);
    this.log.row(this.next(), type, '', '', battlePayload(outcome, extra), metadata);
    if (type === 'battle_complete') this.log.countBattle();
    outcome.robot1.battlesThisCycle++;
    outcome.robot2.battlesThisCycle++;
    if (outcome.winner) outcome.winner.winsThisCycle++;
    if (!outcome.winner || outcome.credits === 0) return;
    const owner = outcome.winner.owner;
    creditChange(this.log, this.next(), owner, outcome.credits, reason);
    prestigeChange(this.log, this.next(), owner, 5 * (outcome.winner.league + 1), reason);
  }

  private async tagBattles(plan: BatchPlan): Promise<void> {
    for (let i = 0; i < plan.tagBattles; i++) {
      const [team1, team2] = tagTeams(this.rng, this.world);
      const outcome = fight(this.rng, this.world, `tt${this.log.cycle}_${i}`, false, team1[0], team2[0]);
      outcome.credits = Math.round(outcome.credits * 1.5);
      const extra = teamIdsMember(`team_${team1[0].id}_${team1[1].id}`, `team_${team2[0].id}_${team2[1].id}`);
      this.writeBattle('tag_team_battle', outcome, extra, 'tag_team_win');
      if (this.log.needsFlush) await this.log.flush();
    }
  }

  /** A knock-out bracket; only the champion is paid, after `tournament_complete`. */
  private async tournament(plan: BatchPlan): Promise<void> {
    const tournamentId = `t${this.log.cycle}`;
    let field: Robot[] = tournamentField(this.rng, this.world, plan.tournamentSize);
    for (let round = 1; field.length > 1; round++) {
      const winners: Robot[] = [];
      for (let i = 0; i + 1 < field.length; i += 2) {
        const outcome = fight(
          this.rng,
          this.world,
          `${tournamentId}_r${round}_${i / 2}`,
          false,
          field[i],
          field[i + 1],
        );
        outcome.credits = 0;
        this.writeBattle('tournament_match', outcome, tournamentMember(tournamentId, round), '');
        winners.push(outcome.winner as Robot);
      }
      field = winners;
    }
    const champion = field[0] as Robot;
    this.log.row(
      this.next(),
      'tournament_complete',
      '',
      '',
      cyclePayload({ tournamentId, winnerRobotId: champion.id }),
    );
    creditChange(
      this.log,
      this.next(),
      champion.owner,
      4 * (WIN_CREDITS[champion.league] ?? 1000),
      'tournament_win',
    );
    prestigeChange(this.log, this.next(), champion.owner, 25 * (champion.league + 1), 'tournament_win');
  }

  private async income(stables: readonly User[]): Promise<void> {
    for (const user of stables) {
      const merchandising = 150 + user.prestige * 2 + (user.facilities[3] ?? 0) * 400;
      const streaming = user.following + user.robots.length * 120 + (user.facilities[4] ?? 0) * 300;
      passiveIncome(this.log, this.next(), user, merchandising, streaming);
      if (this.log.needsFlush) await this.log.flush();
    }
  }

  private async costs(stables: readonly User[]): Promise<void> {
    for (const user of stables) {
      let levels = 0;
      for (const level of user.facilities) levels += level;
      operatingCosts(this.log, this.next(), user, user.robots.length * 250, levels * 120);
      if (this.log.needsFlush) await this.log.flush();
    }
  }
}
