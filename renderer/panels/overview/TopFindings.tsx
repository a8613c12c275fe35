import type { ArchiveInfo, EventFilterParams } from '../../../analysis/core/src/index.js';
import { formatCount, formatTime } from '../../app/format.js';
import { useStudio } from '../../app/studioStore.js';
import { useCall } from '../../app/useCall.js';

const SHOWN = 8;

/** The strongest findings of the detectors under the filter; one click filters to their evidence. */
export function TopFindings({ archive, filter }: { archive: ArchiveInfo; filter: EventFilterParams }) {
  const patchFilter = useStudio((s) => s.patchFilter);
  const openPanel = useStudio((s) => s.openPanel);
  // Detectors work on a range and on attributes; a hand-picked set of events (a finding's
  // evidence) is not something they run on, so that part of the filter is left out here.
  const { seqs, ...detectorFilter } = filter;
  const run = useCall('analyze.run', { archive: archive.id, filter: detectorFilter }, { cache: true });
  const findings = [...(run.data?.findings ?? [])].sort((a, b) => b.score - a.score).slice(0, SHOWN);
  return (
    <section className="card findings" data-testid="top-findings" aria-label="Top findings">
      <h3>
        Top findings{' '}
        {run.data && <span className="muted">({formatCount(run.data.findings.length)} in all)</span>}
        {seqs && <span className="muted"> · over the filter without its chosen events</span>}
      </h3>
      {run.loading && <p className="muted">running the detectors…</p>}
      {run.error && <p className="error">{run.error}</p>}
      {run.data?.findings.length === 0 && <p className="muted">No detector found anything here.</p>}
      <ol>
        {findings.map((f, i) => (
          <li key={i}>
            <button
              type="button"
              className="finding"
              onClick={() => {
                patchFilter({ seqs: f.evidence });
                openPanel('events');
              }}
              title="Show its evidence in the events table"
            >
              <span className={`badge sev-${f.severity}`}>{f.severity}</span>
              <span className="finding-detector">{f.detector}</span>
              <span className="finding-summary">{f.summary}</span>
              <span className="muted">
                {formatTime(f.from)} · {formatCount(f.count)} events
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
