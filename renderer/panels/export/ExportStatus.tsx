import { formatCount } from '../../app/format.js';
import type { ExportRun } from './useExportFile.js';

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A running export's bar, elapsed time and Cancel; then what was saved, or the error. */
export function ExportStatus({ run, testId }: { run: ExportRun; testId: string }) {
  if (run.progress !== null) {
    const seconds = run.startedAt ? Math.round((Date.now() - run.startedAt) / 1000) : 0;
    return (
      <div className="cs-export-status" data-testid={`${testId}-running`}>
        <progress max={1} value={run.progress} aria-label="export progress" />
        <span>
          {Math.round(run.progress * 100)}% · {seconds}s
        </span>
        <button type="button" onClick={run.cancel} data-testid={`${testId}-cancel`}>
          Cancel
        </button>
      </div>
    );
  }
  if (run.error) {
    return (
      <p className="error" role="alert" data-testid={`${testId}-error`}>
        {run.error}
      </p>
    );
  }
  if (run.done) {
    const d = run.done;
    return (
      <p className="cs-export-done" data-testid={`${testId}-done`}>
        saved <span className="mono">{d.name}</span> ({sizeText(d.size)}
        {d.rows !== undefined ? `, ${formatCount(d.rows)} rows` : ''}
        {d.pages !== undefined ? `, ${d.pages} pages` : ''})
        {d.note ? <span className="cs-export-note"> · {d.note}</span> : null}
      </p>
    );
  }
  return null;
}
