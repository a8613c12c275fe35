import type { ActorActivity } from '../analytics/activity.js';
import { clipped, count, esc } from './escapeHtml.js';
import { htmlTable } from './htmlTable.js';
import type { ReportData } from './reportData.js';

/** One line per actor (the busiest of the selection): when, how much, what, from where. */
export function actorsSection(d: ReportData): string {
  if (d.actors.length === 0)
    return `<section id="actors"><h2>Actors</h2><p>No actor in the selection.</p></section>`;
  const table = htmlTable(
    [
      { head: 'Actor' },
      { head: 'Type / role' },
      { head: 'Active (UTC)' },
      { head: 'Events', num: true },
      { head: 'Entities', num: true },
      { head: 'Sessions', num: true },
      { head: 'Top actions' },
      { head: 'IPs / agents', num: true },
      { head: 'Largest peer deviation' },
    ],
    d.actors.map((a) => [
      clipped(a.actor, 48),
      esc([a.actorType, a.role].filter((x) => x !== null).join(' / ')),
      `<span class="mono">${esc(a.firstSeen.slice(0, 16))}</span> → <span class="mono">${esc(a.lastSeen.slice(0, 16))}</span>`,
      `<span data-actor-events>${esc(count(a.events))}</span>`,
      esc(count(a.entities)),
      esc(count(a.sessions.length)),
      esc(topActions(a)),
      `${esc(count(a.ips.length))} / ${esc(count(a.userAgents.length))}`,
      esc(largestDeviation(a)),
    ]),
    'actors',
  );
  return `<section id="actors"><h2>Actors</h2>
<p>The ${d.actors.length} busiest actors of the selection. A session is the source’s own session id, or a run of events with no pause over 30 minutes; peer deviation is a robust z against actors of the same type and role (3 or more).</p>
${table}</section>`;
}

function topActions(a: ActorActivity): string {
  return Object.entries(a.actions)
    .sort((x, y) => y[1] - x[1])
    .slice(0, 3)
    .map(([k, n]) => `${k} ${count(n)}`)
    .join(', ');
}

function largestDeviation(a: ActorActivity): string {
  const best = Object.entries(a.peerDeviation).sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]))[0];
  return best ? `${best[0]} z ${best[1].toFixed(1)}` : '–';
}
