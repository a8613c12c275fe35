import { useMemo, useState } from 'react';
import type { MouseEvent } from 'react';
import { scaleBand, scaleTime } from 'd3';
import { Tooltip, formatCount, formatTime, truncate, useWidth } from '../chartKit/index.js';
import type { TooltipState } from '../chartKit/index.js';
import type { ActorActivity } from './activityColumns.js';

export interface SessionsChartProps {
  /** Actors in the order to draw them, top to bottom. */
  rows: ActorActivity[];
  /** Clicking a session: its actor and time range (`to` inclusive). */
  onSession?: (actor: string, from: string, to: string) => void;
}

type Session = ActorActivity['sessions'][number];

const ROW = 18;
const MARGIN = { top: 6, right: 16, bottom: 36, left: 190 };

/** Each actor's sessions as bars on one time axis: when each was active, at a glance. */
export function SessionsChart({ rows, onSession }: SessionsChartProps) {
  const [boxRef, width] = useWidth<HTMLDivElement>();
  const [tip, setTip] = useState<TooltipState | null>(null);
  const plotWidth = Math.max(120, width - MARGIN.left - MARGIN.right);
  const plotHeight = rows.length * ROW;
  const x = useMemo(() => {
    const lo = Math.min(...rows.map((a) => Date.parse(a.firstSeen)));
    const hi = Math.max(...rows.map((a) => Date.parse(a.lastSeen)));
    return scaleTime()
      .domain([lo, hi > lo ? hi : lo + 1])
      .range([0, plotWidth]);
  }, [rows, plotWidth]);
  const y = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([0, plotHeight])
    .padding(0.2);
  const most = Math.max(1, ...rows.flatMap((a) => a.sessions.map((s) => s.events)));

  const show = (e: MouseEvent, a: ActorActivity, s: Session): void => {
    const box = boxRef.current?.getBoundingClientRect();
    if (!box) return;
    setTip({
      x: e.clientX - box.left,
      y: e.clientY - box.top,
      lines: [
        a.actor,
        `session ${s.id}`,
        `${formatTime(s.from, true)} → ${formatTime(s.to, true)}`,
        `${formatCount(s.events)} events on ${formatCount(s.entities)} entities${onSession ? ' (click to filter)' : ''}`,
      ],
    });
  };
  const ticks = x.ticks(Math.max(2, Math.floor(plotWidth / 120)));
  const tickFormat = x.tickFormat();
  return (
    <div className="cs-chart cs-sessions" ref={boxRef}>
      <svg
        width={width}
        height={plotHeight + MARGIN.top + MARGIN.bottom}
        role="img"
        aria-label="sessions per actor"
      >
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {rows.map((a, i) => (
            <g key={a.actor} transform={`translate(0,${y(i) ?? 0})`}>
              <text className="cs-axis-text" x={-8} y={y.bandwidth() / 2} dy="0.32em" textAnchor="end">
                <title>{a.actor}</title>
                {truncate(a.actor, 26)}
              </text>
              {a.sessions.map((s, k) => {
                const x0 = x(Date.parse(s.from));
                return (
                  <rect
                    key={k}
                    data-events={s.events}
                    className={onSession ? 'cs-session cs-clickable' : 'cs-session'}
                    x={x0}
                    width={Math.max(2, x(Date.parse(s.to)) - x0)}
                    height={y.bandwidth()}
                    fillOpacity={0.35 + 0.65 * Math.sqrt(s.events / most)}
                    onMouseMove={(e) => show(e, a, s)}
                    onMouseLeave={() => setTip(null)}
                    onClick={onSession ? () => onSession(a.actor, s.from, s.to) : undefined}
                  />
                );
              })}
            </g>
          ))}
          <g transform={`translate(0,${plotHeight})`}>
            <line className="cs-axis-line" x2={plotWidth} />
            {ticks.map((t) => (
              <g key={t.getTime()} transform={`translate(${x(t)},0)`}>
                <line className="cs-axis-line" y2={4} />
                <text className="cs-axis-text" y={16} textAnchor="middle">
                  {tickFormat(t)}
                </text>
              </g>
            ))}
            <text className="cs-axis-title" x={plotWidth / 2} y={32} textAnchor="middle">
              time (UTC) · bar = one session, darker = more events
            </text>
          </g>
        </g>
      </svg>
      <Tooltip state={tip} />
    </div>
  );
}
