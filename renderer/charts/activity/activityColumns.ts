import type { ActorActivityResult } from '../../../analysis/core/src/index.js';

export type ActorActivity = ActorActivityResult[number];

/** The peer deviation that stands out most: the largest |robust z| and what it measures. */
export function topDeviation(a: ActorActivity): { key: string; z: number } | null {
  let best: { key: string; z: number } | null = null;
  for (const [key, z] of Object.entries(a.peerDeviation))
    if (!best || Math.abs(z) > Math.abs(best.z)) best = { key, z };
  return best;
}

/** The actor's most frequent actions, busiest first. */
export function topActions(a: ActorActivity, n = 3): [string, number][] {
  return Object.entries(a.actions)
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, n);
}

export interface ActivityColumn {
  id: string;
  title: string;
  /** What a header's tooltip explains (units, statistic). */
  help: string;
  numeric: boolean;
  value: (a: ActorActivity) => number | string;
}

export const ACTIVITY_COLUMNS: ActivityColumn[] = [
  {
    id: 'actor',
    title: 'actor',
    help: 'actor id; click one to filter every panel to it',
    numeric: false,
    value: (a) => a.actor,
  },
  {
    id: 'role',
    title: 'role / type',
    help: 'the role (else actor type) the source records',
    numeric: false,
    value: (a) => a.role ?? a.actorType ?? '',
  },
  { id: 'events', title: 'events', help: 'events in the selection', numeric: true, value: (a) => a.events },
  {
    id: 'sessions',
    title: 'sessions',
    help: "the source's sessions, else runs of activity without a 30-minute gap",
    numeric: true,
    value: (a) => a.sessions.length,
  },
  {
    id: 'entities',
    title: 'entities',
    help: 'distinct entities touched',
    numeric: true,
    value: (a) => a.entities,
  },
  { id: 'first', title: 'first seen', help: 'first event (UTC)', numeric: false, value: (a) => a.firstSeen },
  { id: 'last', title: 'last seen', help: 'last event (UTC)', numeric: false, value: (a) => a.lastSeen },
  {
    id: 'ips',
    title: 'IPs',
    help: 'distinct source IP addresses',
    numeric: true,
    value: (a) => a.ips.length,
  },
  {
    id: 'agents',
    title: 'user agents',
    help: 'distinct user agents',
    numeric: true,
    value: (a) => a.userAgents.length,
  },
  {
    id: 'actions',
    title: 'top actions',
    help: 'the most frequent actions, with counts',
    numeric: false,
    value: (a) => topActions(a, 1)[0]?.[0] ?? '',
  },
  {
    id: 'deviation',
    title: 'peer deviation',
    help: 'largest robust z against peers of the same type and role (|z| > 3.5 stands out); empty with fewer than 3 peers',
    numeric: true,
    value: (a) => Math.abs(topDeviation(a)?.z ?? 0),
  },
];

export interface ActivitySort {
  column: string;
  desc: boolean;
}

export function sortActivity(rows: readonly ActorActivity[], sort: ActivitySort): ActorActivity[] {
  const col = ACTIVITY_COLUMNS.find((c) => c.id === sort.column) ?? ACTIVITY_COLUMNS[2];
  if (!col) return [...rows];
  const dir = sort.desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = col.value(a);
    const vb = col.value(b);
    const cmp =
      typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return cmp * dir || a.actor.localeCompare(b.actor);
  });
}
