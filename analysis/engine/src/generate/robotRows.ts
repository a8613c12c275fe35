import { pgCsvField } from './lineWriter.js';
import type { AuditLog } from './robotLog.js';
import type { Robot, User } from './robotWorld.js';

/*
 * Payload encoders for the frequent rows of `audit_logs.csv`. Each returns exactly what
 * `pgCsvField(payload, 'json')` returns for the same object (JSON text, quoted, with `""` for
 * `"`), written out as a template: JSON.stringify plus the quote doubling costs ~2 µs a row
 * here, ten times this. The unit tests hold every encoder to `pgCsvField`. Strings passed in
 * are identifiers and names from fixed vocabularies (no quotes, commas or backslashes).
 */

const s = (text: string): string => `""${text}""`;

export const creditPayload = (amount: number, balanceAfter: number, reason: string): string =>
  `"{""amount"":${amount},""balanceAfter"":${balanceAfter},""reason"":${s(reason)}}"`;

export const prestigePayload = (amount: number, prestigeAfter: number, reason: string): string =>
  `"{""amount"":${amount},""prestigeAfter"":${prestigeAfter},""reason"":${s(reason)}}"`;

export interface BattleOutcome {
  battleId: string;
  robot1: Robot;
  robot2: Robot;
  winner: Robot | null;
  durationMs: number;
  credits: number;
}

/** battle_complete, tag_team_battle and tournament_match; `extra` is further `""key"":value` members. */
export function battlePayload(b: BattleOutcome, extra = ''): string {
  const winner = b.winner ? b.winner.id : 'null';
  return (
    `"{""battleId"":${s(b.battleId)},""robot1Id"":${b.robot1.id},""robot2Id"":${b.robot2.id},""winnerId"":${winner},` +
    `""durationMs"":${b.durationMs},""robot1HpAfter"":${b.robot1.hp},""robot2HpAfter"":${b.robot2.hp},` +
    `""creditsAwarded"":${b.credits}${extra}}"`
  );
}

export const teamIdsMember = (team1: string, team2: string): string =>
  `,""teamIds"":[${s(team1)},${s(team2)}]`;

export const tournamentMember = (tournamentId: string, round: number): string =>
  `,""tournamentId"":${s(tournamentId)},""round"":${round}`;

export const upgradePayload = (attribute: string, oldValue: number, newValue: number, cost: number): string =>
  `"{""attribute"":${s(attribute)},""oldValue"":${oldValue},""newValue"":${newValue},""cost"":${cost}}"`;

export const facilityPayload = (facilityType: string, level: number, cost: number): string =>
  `"{""facilityType"":${s(facilityType)},""level"":${level},""cost"":${cost}}"`;

export const weaponPayload = (weaponId: number, weaponName: string, price: number): string =>
  `"{""weaponId"":${weaponId},""weaponName"":${s(weaponName)},""price"":${price}}"`;

export const repairPayload = (cost: number, hpRestored: number, hpAfter: number): string =>
  `"{""cost"":${cost},""hpRestored"":${hpRestored},""hpAfter"":${hpAfter}}"`;

export const leaguePayload = (oldLeague: string, newLeague: string): string =>
  `"{""oldLeague"":${s(oldLeague)},""newLeague"":${s(newLeague)}}"`;

export const incomePayload = (
  merchandising: number,
  streaming: number,
  total: number,
  balanceAfter: number,
): string =>
  `"{""merchandising"":${merchandising},""streaming"":${streaming},""total"":${total},""balanceAfter"":${balanceAfter}}"`;

export const costsPayload = (robots: number, facilities: number, balanceAfter: number): string =>
  `"{""total"":${robots + facilities},""breakdown"":{""robots"":${robots},""facilities"":${facilities}},""balanceAfter"":${balanceAfter}}"`;

/** Calculation metadata of a battle (seed: "optional calculation metadata for debugging"). */
export const winChanceMetadata = (chance: number): string => `"{""winProbability"":${chance}}"`;

/**
 * The snapshot's `stable_metrics`, `{"<user>":{"balance","prestige"}}` for every user: about
 * 50 kB a cycle with 400 users. User ids are integers and `users` is in ascending id order,
 * which is the order JSON.stringify gives integer-like keys, so the text is the same.
 */
export function stableMetricsField(users: readonly User[]): string {
  const parts: string[] = [];
  for (const u of users) parts.push(`""${u.key}"":{""balance"":${u.balance},""prestige"":${u.prestige}}`);
  return `"{${parts.join(',')}}"`;
}

/** Rows of the cycle machinery are few: they go through pgCsvField itself. */
export const cyclePayload = (payload: Record<string, unknown>): string => pgCsvField(payload, 'json');

/*
 * Balance-changing rows. Every change of a user's balance is written with the balance after it
 * (sources.md §5), and counted into the cycle's totals here and only here.
 */

export function creditChange(log: AuditLog, ms: number, user: User, amount: number, reason: string): number {
  user.balance += amount;
  log.countCredit(amount);
  return log.row(ms, 'credit_change', user.key, '', creditPayload(amount, user.balance, reason));
}

export function prestigeChange(
  log: AuditLog,
  ms: number,
  user: User,
  amount: number,
  reason: string,
): number {
  user.prestige += amount;
  log.countPrestige(amount);
  return log.row(ms, 'prestige_change', user.key, '', prestigePayload(amount, user.prestige, reason));
}

export function passiveIncome(
  log: AuditLog,
  ms: number,
  user: User,
  merchandising: number,
  streaming: number,
): number {
  const total = merchandising + streaming;
  user.balance += total;
  return log.row(
    ms,
    'passive_income',
    user.key,
    '',
    incomePayload(merchandising, streaming, total, user.balance),
  );
}

export function operatingCosts(
  log: AuditLog,
  ms: number,
  user: User,
  robots: number,
  facilities: number,
): number {
  user.balance -= robots + facilities;
  return log.row(ms, 'operating_costs', user.key, '', costsPayload(robots, facilities, user.balance));
}
