import { ActorPool, makeActors } from './actors.js';
import type { Actor } from './actors.js';
import type { Rng } from './rng.js';

/*
 * The stables of the robot battle game (seed 004): users own robots, robots have hit points, a
 * league and upgradeable attributes, users have credits, prestige, facilities and weapons.
 * Everything is sized by the number of users, which is capped, so state stays bounded.
 */

export const LEAGUES = ['bronze', 'silver', 'gold', 'platinum', 'diamond', 'champion'] as const;
/** Credits for a win, by league: what the credit_change after a battle pays. */
export const WIN_CREDITS = [1000, 1500, 2500, 4000, 6000, 9000];
export const ATTRIBUTES = [
  'combatPower',
  'targetingSystems',
  'criticalSystems',
  'penetration',
  'armorPlating',
  'shieldCapacity',
  'evasionThrusters',
  'attackSpeed',
  'hullIntegrity',
  'servoMotors',
] as const;
export const FACILITIES = [
  'training_facility',
  'repair_bay',
  'research_lab',
  'merchandising_hub',
  'streaming_studio',
  'weapons_workshop',
] as const;
export const WEAPONS: readonly { name: string; price: number }[] = [
  { name: 'Practice Sword', price: 2000 },
  { name: 'Machine Gun', price: 4500 },
  { name: 'Combat Knife', price: 3000 },
  { name: 'Shotgun', price: 8000 },
  { name: 'Laser Rifle', price: 15000 },
  { name: 'Energy Shield', price: 12000 },
  { name: 'Plasma Cannon', price: 25000 },
  { name: 'Railgun', price: 30000 },
];
export const START_BALANCE = 50_000;
/** Weapons a stable keeps before it starts selling the oldest. */
export const ARMOURY_SIZE = 8;

export interface Weapon {
  id: number;
  name: string;
  price: number;
}

export interface Robot {
  id: number;
  /** The id as written in the robot_id column. */
  key: string;
  owner: User;
  hp: number;
  league: number;
  attrs: number[];
  /** League points since the last promotion or demotion. */
  points: number;
  battlesThisCycle: number;
  winsThisCycle: number;
}

export interface User {
  id: number;
  /** The id as written in the user_id column. */
  key: string;
  actor: Actor;
  /**
   * Credits this player's audience brings in per cycle (streaming): proportional to their
   * share of all activity, so that the busiest players can afford to stay the busiest.
   */
  following: number;
  balance: number;
  prestige: number;
  robots: Robot[];
  weapons: Weapon[];
  facilities: number[];
}

export interface World {
  users: User[];
  robots: Robot[];
  /** Picks users by their heavy-tailed activity weight. */
  pool: ActorPool;
  byActor: Map<Actor, User>;
  nextWeaponId: number;
}

/** What a player action costs on average, to size incomes (upgrades, facilities, weapons). */
const MEAN_ACTION_COST = 2_500;

/** `actionsPerCycle`: player actions the layout expects per cycle, all players together. */
export function makeWorld(rng: Rng, totalEvents: number, actionsPerCycle: number): World {
  const count = Math.min(399, Math.max(4, Math.round(Math.sqrt(totalEvents) / 3)));
  const actors = makeActors(rng, count, [{ role: 'player', share: 1 }], (i) => String(101 + i));
  let totalWeight = 0;
  for (const actor of actors) totalWeight += actor.weight;
  const users: User[] = [];
  const robots: Robot[] = [];
  const byActor = new Map<Actor, User>();
  let nextWeaponId = 7001;
  for (const actor of actors) {
    const following = Math.round((actor.weight / totalWeight) * actionsPerCycle * MEAN_ACTION_COST);
    const user: User = {
      id: Number(actor.id),
      key: actor.id,
      actor,
      following,
      balance: START_BALANCE + 2 * following,
      prestige: 0,
      robots: [],
      weapons: [],
      facilities: FACILITIES.map(() => 0),
    };
    user.weapons.push({ id: nextWeaponId++, ...(WEAPONS[0] as { name: string; price: number }) });
    const owned = 1 + rng.weighted([5, 3, 2, 1]);
    for (let r = 0; r < owned; r++) {
      const id = 501 + robots.length;
      const robot: Robot = {
        id,
        key: String(id),
        owner: user,
        hp: 100,
        league: rng.weighted([6, 3, 1]),
        attrs: ATTRIBUTES.map(() => rng.int(1, 10)),
        points: 0,
        battlesThisCycle: 0,
        winsThisCycle: 0,
      };
      user.robots.push(robot);
      robots.push(robot);
    }
    users.push(user);
    byActor.set(actor, user);
  }
  return { users, robots, pool: new ActorPool(rng, actors), byActor, nextWeaponId };
}

/** A user drawn by activity weight. */
export function pickUser(world: World): User {
  return world.byActor.get(world.pool.pick()) as User;
}

export function strength(robot: Robot): number {
  let total = 0;
  for (const value of robot.attrs) total += value;
  return total * (1 + robot.league * 0.15);
}

/** Users ordered by activity weight, busiest first: incidents pick their actors from it. */
export function usersByActivity(world: World): User[] {
  return world.users.slice().sort((a, b) => b.actor.weight - a.actor.weight);
}
