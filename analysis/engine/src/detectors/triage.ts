import type { Finding } from './types.js';
import { severityRank } from './types.js';

/**
 * Which signals become findings.
 *
 * Every detector reports signals; most of them describe something that, alone, happens on
 * ordinary days too: a new address, a late evening, a busy hour, a rare chore. What an
 * intruder or a careless administrator does shows several of them at once (a new address
 * and a night and a mass deletion), so a weak signal is shown when another kind of signal
 * backs it. The rule, in full:
 *
 * - kept on its own: a signal of a detector whose statistic is a suspicion by itself
 *   (`STANDALONE`: failed logins then a success, a burst far above the actor's own busiest
 *   windows, mass deletion, mass export, a missing log range; and every rule), any signal at severity high or critical,
 *   and any signal about the log rather than a person (no actor);
 * - a medium signal is kept when the same actor has a signal of another class (`classOf`:
 *   volume, time, origin, rarity, rights, authentication, rule) at medium or above whose time
 *   range comes within `corroborateMinutes` of its own;
 * - a low or info signal (context: a routine rights change, a rare chore, an action new to
 *   the actor) is kept only beside a signal that stands on its own;
 * - a signal about an actor's whole history (spanning more than a day, such as
 *   `peer_deviation`) backs nothing and is kept only beside a signal that stands on its own;
 * - everything else is set aside: counted per detector (`signals`), shown with `all`.
 *
 * Two signals of one class do not corroborate each other: a busy hour and a burst in it, or a
 * rare action and an action new to the actor, are one observation counted twice.
 */
const STANDALONE = new Set([
  'auth_bruteforce',
  'burst',
  'mass_destructive',
  'bulk_export',
  'sequence_gap',
  'time_gap',
]);

const CLASS_OF: Record<string, string> = {
  volume_spike: 'volume',
  burst: 'volume',
  mass_destructive: 'volume',
  bulk_export: 'volume',
  off_hours: 'time',
  first_seen: 'origin',
  rare_action: 'rarity',
  peer_deviation: 'rarity',
  privilege_change: 'rights',
  auth_bruteforce: 'authentication',
};

function classOf(f: Finding): string {
  if (f.detector.startsWith('rule:')) return 'rule';
  // first_seen at info names only a new action: rarity, not a new place or device.
  if (f.detector === 'first_seen' && f.severity === 'info') return 'rarity';
  return CLASS_OF[f.detector] ?? f.detector;
}

/** A signal spanning more than a day speaks of an actor's history, not of a moment. */
function broad(f: Finding): boolean {
  return Date.parse(f.to) - Date.parse(f.from) > 86_400_000;
}

export function standsAlone(f: Finding): boolean {
  return (
    f.actor === undefined ||
    STANDALONE.has(f.detector) ||
    f.detector.startsWith('rule:') ||
    severityRank(f.severity) >= severityRank('high')
  );
}

/** The findings kept (in their order) and, per detector, how many signals were set aside. */
export function triage(
  signals: readonly Finding[],
  corroborateMinutes: number,
): { kept: Finding[]; setAside: Map<string, number> } {
  const slack = corroborateMinutes * 60_000;
  const byActor = new Map<string, { cls: string; from: number; to: number; alone: boolean }[]>();
  for (const f of signals) {
    if (f.actor === undefined || severityRank(f.severity) < severityRank('medium') || broad(f)) continue;
    const list = byActor.get(f.actor) ?? [];
    list.push({ cls: classOf(f), from: Date.parse(f.from), to: Date.parse(f.to), alone: standsAlone(f) });
    byActor.set(f.actor, list);
  }
  const kept: Finding[] = [];
  const setAside = new Map<string, number>();
  for (const f of signals) {
    const cls = classOf(f);
    const from = Date.parse(f.from) - slack;
    const to = Date.parse(f.to) + slack;
    const needsStrong = broad(f) || severityRank(f.severity) < severityRank('medium');
    const backed =
      standsAlone(f) ||
      (byActor.get(f.actor ?? '') ?? []).some(
        (o) => o.cls !== cls && o.from <= to && o.to >= from && (!needsStrong || o.alone),
      );
    if (backed) kept.push(f);
    else setAside.set(f.detector, (setAside.get(f.detector) ?? 0) + 1);
  }
  return { kept, setAside };
}
