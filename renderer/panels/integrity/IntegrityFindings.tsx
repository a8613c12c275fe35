import type { VerifyResult } from '../../../analysis/core/src/index.js';

export type IntegrityFinding = VerifyResult['findings'][number];

export interface IntegrityFindingsProps {
  findings: IntegrityFinding[];
  /** Lands on the record: `panel` is where to show it (events table or timeline). */
  onOpen: (finding: IntegrityFinding, panel: 'events' | 'timeline') => void;
}

/** Every record a check found at fault, with what was expected and what the archive holds. */
export function IntegrityFindings({ findings, onOpen }: IntegrityFindingsProps) {
  return (
    <div className="cs-table-scroll">
      <table className="cs-table cs-integrity-findings">
        <thead>
          <tr>
            <th>severity</th>
            <th>kind</th>
            <th>record</th>
            <th>expected</th>
            <th>actual</th>
            <th>detail</th>
            <th>open</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((f, i) => (
            <tr key={i} data-testid="integrity-finding" data-kind={f.kind} data-seq={f.seq ?? ''}>
              <td>
                <span className={`cs-severity cs-severity-${severityClass(f.severity)}`}>{f.severity}</span>
              </td>
              <td className="cs-nowrap">{f.kind}</td>
              <td className="cs-mono">{recordText(f)}</td>
              <td className="cs-mono cs-wrap">{f.expected ?? '—'}</td>
              <td className="cs-mono cs-wrap">{f.actual ?? '—'}</td>
              <td className="cs-wrap">{f.detail}</td>
              <td className="cs-nowrap">
                {landable(f) ? (
                  <>
                    <button
                      type="button"
                      className="cs-button"
                      onClick={() => onOpen(f, 'events')}
                      title={landTitle(f)}
                      data-testid="open-events"
                    >
                      events
                    </button>{' '}
                    <button
                      type="button"
                      className="cs-button"
                      onClick={() => onOpen(f, 'timeline')}
                      title={landTitle(f)}
                    >
                      timeline
                    </button>
                  </>
                ) : (
                  <span className="cs-muted" title="the finding names no record of this archive">
                    no event
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A record with a position, or an id the archive may hold (the record itself or the one found in its place). */
function landable(f: IntegrityFinding): boolean {
  return f.seq !== undefined || !!f.sourceId || !!f.actual;
}

function landTitle(f: IntegrityFinding): string {
  return f.seq !== undefined
    ? `filter to event ${f.seq} and put the playhead on it`
    : 'the record is missing: lands on the record found in its place';
}

/** Names the record the way the source does, with the event position when there is one. */
function recordText(f: IntegrityFinding): string {
  const parts: string[] = [];
  if (f.seq !== undefined) parts.push(`seq ${f.seq}`);
  if (f.block !== undefined) parts.push(`block ${f.block}`);
  if (f.sourceId) parts.push(`id ${f.sourceId}`);
  return parts.join(' · ') || '—';
}

function severityClass(severity: string): string {
  return /^[a-z]+$/.test(severity) ? severity : 'info';
}
