import { useMemo, useState } from 'react';
import { formatCount, formatTime, truncate } from '../chartKit/index.js';
import { ACTIVITY_COLUMNS, sortActivity, topActions, topDeviation } from './activityColumns.js';
import type { ActivitySort, ActorActivity } from './activityColumns.js';

export interface ActivityTableProps {
  rows: ActorActivity[];
  /** Clicking an actor: the panel filters every view to it. */
  onActor?: (actor: string) => void;
  activeActors?: ReadonlySet<string>;
}

/** Per-actor activity, sortable by any column (click a header; again to reverse). */
export function ActivityTable({ rows, onActor, activeActors }: ActivityTableProps) {
  const [sort, setSort] = useState<ActivitySort>({ column: 'events', desc: true });
  const sorted = useMemo(() => sortActivity(rows, sort), [rows, sort]);
  const toggle = (column: string, numeric: boolean): void =>
    setSort((s) => (s.column === column ? { column, desc: !s.desc } : { column, desc: numeric }));
  return (
    <div className="cs-table-scroll">
      <table className="cs-table cs-activity">
        <thead>
          <tr>
            {ACTIVITY_COLUMNS.map((c) => (
              <th
                key={c.id}
                title={c.help}
                className={c.numeric ? 'cs-num' : undefined}
                aria-sort={sort.column === c.id ? (sort.desc ? 'descending' : 'ascending') : 'none'}
              >
                <button type="button" className="cs-sort" onClick={() => toggle(c.id, c.numeric)}>
                  {c.title}
                  {sort.column === c.id ? (sort.desc ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((a) => (
            <ActivityRow key={a.actor} a={a} onActor={onActor} active={activeActors?.has(a.actor) ?? false} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActivityRow({
  a,
  onActor,
  active,
}: {
  a: ActorActivity;
  onActor?: (actor: string) => void;
  active: boolean;
}) {
  const dev = topDeviation(a);
  const sessionTitle = a.sessions
    .slice(0, 20)
    .map((s) => `${s.id}: ${formatTime(s.from)} → ${formatTime(s.to)}, ${s.events} events`)
    .join('\n');
  return (
    <tr className={active ? 'cs-row-active' : undefined} data-actor={a.actor}>
      <td>
        {onActor ? (
          <button type="button" className="cs-link" title={a.actor} onClick={() => onActor(a.actor)}>
            {truncate(a.actor, 28)}
          </button>
        ) : (
          <span title={a.actor}>{truncate(a.actor, 28)}</span>
        )}
      </td>
      <td>{a.role ?? a.actorType ?? '—'}</td>
      <td className="cs-num">{formatCount(a.events)}</td>
      <td className="cs-num" title={sessionTitle}>
        {formatCount(a.sessions.length)}
      </td>
      <td className="cs-num">{formatCount(a.entities)}</td>
      <td className="cs-nowrap">{formatTime(a.firstSeen)}</td>
      <td className="cs-nowrap">{formatTime(a.lastSeen)}</td>
      <td className="cs-num" title={a.ips.join('\n')}>
        {a.ips.length}
      </td>
      <td className="cs-num" title={a.userAgents.join('\n')}>
        {a.userAgents.length}
      </td>
      <td
        title={topActions(a, 20)
          .map(([k, n]) => `${k}: ${n}`)
          .join('\n')}
      >
        {topActions(a)
          .map(([k, n]) => `${k} ${formatCount(n)}`)
          .join(', ')}
      </td>
      <td className={dev && Math.abs(dev.z) > 3.5 ? 'cs-num cs-outlier' : 'cs-num'} title={deviationTitle(a)}>
        {dev ? `${dev.z.toFixed(1)} (${dev.key})` : '—'}
      </td>
    </tr>
  );
}

function deviationTitle(a: ActorActivity): string {
  const entries = Object.entries(a.peerDeviation);
  if (entries.length === 0) return 'fewer than 3 peers of this type and role';
  return entries.map(([k, z]) => `${k}: z = ${z.toFixed(2)}`).join('\n');
}
