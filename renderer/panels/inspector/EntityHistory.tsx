import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { HistoryResult } from '../../../analysis/core/src/index.js';
import { formatCount, formatTime } from '../../app/format.js';

const ROW = 24;

/** Every event on the entity, oldest first; the last one at or before the playhead is marked. */
export function EntityHistory({
  history,
  playheadSeq,
  onPick,
}: {
  history: HistoryResult;
  playheadSeq: number;
  onPick(seq: number): void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const events = history.events;
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 20,
  });
  let current = -1;
  for (let i = 0; i < events.length && events[i]!.seq <= playheadSeq; i++) current = i;
  return (
    <section className="card history" aria-label="History" data-testid="entity-history">
      <h3>History: {formatCount(events.length)} events</h3>
      <div className="history-row head">
        <span>seq</span>
        <span>time (UTC)</span>
        <span>action</span>
        <span>event type</span>
        <span>actor</span>
      </div>
      <div ref={scroller} className="history-scroll" tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const e = events[item.index]!;
            return (
              <button
                type="button"
                key={item.key}
                className={`history-row${item.index === current ? ' current' : ''}${e.deleted ? ' deleted' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW }}
                onClick={() => onPick(e.seq)}
                title="Move the playhead to this event"
              >
                <span>{formatCount(e.seq)}</span>
                <span>{formatTime(e.ts)}</span>
                <span>{e.action}</span>
                <span>{e.eventType}</span>
                <span>{e.actor ?? ''}</span>
              </button>
            );
          })}
        </div>
      </div>
    </section>
  );
}
