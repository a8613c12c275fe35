import { useEffect, useState } from 'react';
import { formatBytes, formatCount, formatDuration } from '../../app/format.js';
import { useImport } from './importStore.js';

/**
 * The import under way: its phase, a bar over the phase's bytes, the rate in the phase's own
 * unit (bytes while hashing, reading and mapping), the time left in the phase, the records
 * and rejects once counted, and the time since it started.
 */
export function ImportProgress() {
  const { opening, uploading, progress, startedAt } = useImport();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!opening) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [opening]);
  if (!opening) return null;
  const fraction = progress?.total ? Math.min(1, progress.done / progress.total) : null;
  const rate = progress
    ? progress.total !== null
      ? `${formatBytes(progress.rate)}/s`
      : `${formatCount(progress.rate)} records/s`
    : null;
  return (
    <section className="card import-progress" aria-live="polite" data-testid="import-progress">
      <h3>{uploading ? 'Uploading a copy of' : 'Opening'}</h3>
      <p className="mono wrap">{opening}</p>
      <progress max={1} value={fraction ?? undefined} aria-label="Import progress" />
      <p className="progress-figures" data-testid="import-figures">
        <span className="phase">{uploading ? 'uploading' : (progress?.phase ?? 'starting')}</span>
        {progress && progress.total !== null && (
          <span>
            {' · '}
            {formatBytes(progress.done)} of {formatBytes(progress.total)} ({Math.round((fraction ?? 0) * 100)}
            %)
          </span>
        )}
        {rate && <span> · {rate}</span>}
        {progress?.etaSeconds !== null && progress?.etaSeconds !== undefined && (
          <span> · {formatDuration(progress.etaSeconds * 1000)} left in this phase</span>
        )}
        {progress && (progress.records > 0 || progress.rejected > 0) && (
          <span>
            {' · '}
            {formatCount(progress.records)} records, {formatCount(progress.rejected)} rejected
          </span>
        )}
        {startedAt !== null && <span className="muted"> · {formatDuration(now - startedAt)} so far</span>}
      </p>
    </section>
  );
}
