import type { BattleOutcome } from './robotRows.js';
import { WIN_CREDITS, strength } from './robotWorld.js';
import type { Robot, User, World } from './robotWorld.js';
import type { Rng } from './rng.js';

/** What a cycle's batch will do, sized so that it writes exactly its row budget. */
export interface BatchPlan {
  repairs: Robot[];
  moves: Robot[];
  /** Stables paid passive income and charged operating costs this cycle. */
  stables: User[];
  tagBattles: number;
  /** Robots in the knock-out tournament: 0, 4 or 8. */
  tournamentSize: number;
  fullBattles: number;
  draws: number;
  fakeRows: number;
  /** Rows of the league-battle step before its `cycle_step_complete`. */
  battleRows: number;
  battleStepComplete: boolean;
}

export interface Fight extends BattleOutcome {
  /** The stronger-is-likelier win probability of robot 1, kept as calculation metadata. */
  chance: number;
}

/**
 * Sizes each step from the budget: fixed shares for income, repairs, league moves, tag teams
 * and the tournament, and whatever is left for league battles (3 rows each: the battle, the
 * winner's credits and prestige; a draw is 1 row, which is how the total comes out exact).
 */
export function planBatch(rng: Rng, world: World, budget: number, fakeRows: number): BatchPlan {
  const reserved = Math.min(fakeRows, budget);
  let left = budget - reserved;
  const take = (rows: number): boolean => {
    if (rows <= 0 || left < rows + 1) return false;
    left -= rows + 1;
    return true;
  };
  const stableCount = Math.min(world.users.length, Math.floor(budget * 0.1));
  // Income and costs are two steps over the same stables: 2k rows and two step completions.
  const stables =
    stableCount > 0 && take(2 * stableCount + 1) ? rotatingSlice(world.users, stableCount, rng) : [];
  const damaged = pickRobots(world, Math.floor(budget * 0.025), (r) => r.hp < 60, rng);
  const repairs = take(2 * damaged.length) ? damaged : [];
  const movable = pickRobots(world, Math.floor(budget * 0.03), canMove, rng);
  const moves = take(movable.length) ? movable : [];
  const bracket =
    world.robots.length >= 8 && budget >= 100 && rng.chance(0.6)
      ? 8
      : world.robots.length >= 4 && budget >= 40
        ? 4
        : 0;
  const tournamentSize = bracket > 0 && take(bracket + 2) ? bracket : 0;
  const tagCount = world.robots.length >= 4 ? Math.floor((budget * 0.08) / 3) : 0;
  const tagBattles = take(3 * tagCount) ? tagCount : 0;
  const battleStepComplete = left >= 2;
  const content = battleStepComplete ? left - 1 : left;
  return {
    repairs,
    moves,
    stables,
    tagBattles,
    tournamentSize,
    fullBattles: Math.floor(content / 3),
    draws: content % 3,
    fakeRows: reserved,
    battleRows: content + reserved,
    battleStepComplete,
  };
}

function canMove(robot: Robot): boolean {
  return (robot.points >= 3 && robot.league < 5) || (robot.points <= -3 && robot.league > 0);
}

/** Up to `max` robots matching `test`, scanning from a random start so no robot is always first. */
function pickRobots(world: World, max: number, test: (r: Robot) => boolean, rng: Rng): Robot[] {
  const out: Robot[] = [];
  const n = world.robots.length;
  const start = rng.int(0, n - 1);
  for (let i = 0; i < n && out.length < max; i++) {
    const robot = world.robots[(start + i) % n] as Robot;
    if (test(robot)) out.push(robot);
  }
  return out;
}

function rotatingSlice<T>(items: readonly T[], count: number, rng: Rng): T[] {
  const start = rng.int(0, items.length - 1);
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(items[(start + i) % items.length] as T);
  return out;
}

/** An opponent for `robot`: same league and another stable if possible, else any other stable's robot. */
function opponent(rng: Rng, world: World, robot: Robot): Robot {
  let fallback: Robot | null = null;
  for (let tries = 0; tries < 8; tries++) {
    const other = rng.pick(world.robots);
    if (other === robot || other.owner === robot.owner) continue;
    if (other.league === robot.league) return other;
    fallback ??= other;
  }
  return fallback ?? world.robots.find((r) => r !== robot) ?? robot;
}

/** One fight; hit points of both robots and the league points change. */
export function fight(
  rng: Rng,
  world: World,
  battleId: string,
  draw: boolean,
  r1?: Robot,
  r2?: Robot,
): Fight {
  // League matches are scheduled per robot, not per player: every robot fights about as often.
  const robot1 = r1 ?? rng.pick(world.robots);
  const robot2 = r2 ?? opponent(rng, world, robot1);
  const s1 = strength(robot1);
  const chance = s1 / (s1 + strength(robot2));
  const durationMs = rng.int(30_000, 120_000);
  if (draw) {
    robot1.hp = Math.max(1, robot1.hp - rng.int(20, 60));
    robot2.hp = Math.max(1, robot2.hp - rng.int(20, 60));
    return { battleId, robot1, robot2, winner: null, durationMs, credits: 0, chance };
  }
  const winner = rng.next() < chance ? robot1 : robot2;
  const loser = winner === robot1 ? robot2 : robot1;
  winner.hp = Math.max(5, winner.hp - rng.int(5, 55));
  loser.hp = Math.max(0, loser.hp - rng.int(35, 95));
  winner.points++;
  loser.points--;
  return {
    battleId,
    robot1,
    robot2,
    winner,
    durationMs,
    credits: WIN_CREDITS[winner.league] ?? 1000,
    chance,
  };
}

/** Two teams of two: a stable's pair of robots where it has one, else any robots. */
export function tagTeams(rng: Rng, world: World): [[Robot, Robot], [Robot, Robot]] {
  const teams: [Robot, Robot][] = [];
  for (let tries = 0; tries < 12 && teams.length < 2; tries++) {
    const user = rng.pick(world.users);
    const [a, b] = user.robots;
    if (a && b && !teams.some((t) => t[0].owner === user)) teams.push([a, b]);
  }
  while (teams.length < 2) {
    const [a, b] = distinctRobots(rng, world, 2, teams.flat());
    teams.push([a as Robot, b as Robot]);
  }
  return [teams[0] as [Robot, Robot], teams[1] as [Robot, Robot]];
}

export function tournamentField(rng: Rng, world: World, size: number): Robot[] {
  return distinctRobots(rng, world, size, []);
}

function distinctRobots(rng: Rng, world: World, count: number, exclude: readonly Robot[]): Robot[] {
  const chosen = new Set<Robot>();
  for (let tries = 0; tries < count * 20 && chosen.size < count; tries++) {
    const robot = rng.pick(world.robots);
    if (!exclude.includes(robot)) chosen.add(robot);
  }
  for (const robot of world.robots) if (chosen.size < count && !exclude.includes(robot)) chosen.add(robot);
  return [...chosen];
}
