import { useReelJob } from './reelJob.js';

/** Frames done, an estimate of the time left (from the pace so far), and Cancel. */
export function ReelProgressBar() {
  const { status, progress, startedAt, cancel } = useReelJob();
  if (status !== 'rendering') return null;
  const frames = progress?.frames ?? 0;
  const total = progress?.total ?? 0;
  const elapsed = (performance.now() - startedAt) / 1000;
  const left = frames > 0 && total > 0 ? Math.round((elapsed / frames) * (total - frames)) : null;
  return (
    <div className="cs-export-status" data-testid="reel-status">
      <progress
        max={total || 1}
        value={frames}
        data-testid="reel-progress"
        data-frames={frames}
        data-total={total}
      />
      <span data-testid="reel-progress-text">
        {total === 0
          ? 'preparing…'
          : `${frames} / ${total} frames${left === null ? '' : ` · about ${left} s left`}`}
      </span>
      <button type="button" onClick={cancel} data-testid="reel-cancel">
        Cancel
      </button>
    </div>
  );
}
