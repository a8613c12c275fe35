import { formatCount, formatTime } from '../../app/format.js';
import { useReplay } from '../../app/replayStore.js';

/** Where the replay stands: event time and seq, speed and direction, and whether it waits for data. */
export function ReplayStatus({ findings }: { findings: number }) {
  const time = useReplay((s) => s.time);
  const seq = useReplay((s) => s.seq);
  const speed = useReplay((s) => s.speed);
  const direction = useReplay((s) => s.direction);
  const waiting = useReplay((s) => s.waiting);
  const error = useReplay((s) => s.error);
  return (
    <p className="replay-status" data-testid="replay-status" data-seq={seq} data-time={time}>
      <span data-testid="replay-time">{seq < 0 ? 'before the first event' : formatTime(time)}</span>
      {' · '}event #{formatCount(Math.max(0, seq))} · {direction < 0 ? 'backwards ' : ''}
      {speed}× {waiting && <span className="muted">· loading…</span>}
      {findings > 0 && <span className="replay-findings"> · {findings} finding(s) at the playhead</span>}
      {error && (
        <span className="error" role="alert">
          {' '}
          · {error}
        </span>
      )}
    </p>
  );
}
