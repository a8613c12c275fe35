import '../../charts/chartKit/charts.css';
import './findings.css';
import { useMemo, useState } from 'react';
import type { Severity } from '../../../analysis/core/src/index.js';
import { SEVERITIES } from '../../../analysis/core/src/index.js';
import { ChartStatus, useFilteredCall } from '../../charts/chartKit/index.js';
import { useStudio } from '../../app/studioStore.js';
import { DetectorList } from './DetectorList.js';
import { FindingRow } from './FindingRow.js';
import { detectorFilter, orderFindings } from './findingsOrder.js';
import { openFinding } from './openFinding.js';

/**
 * The findings of every detector under the filter, most severe first; opening one sets the
 * filter to its evidence, the playhead to its start, and shows the Events panel.
 */
export function FindingsPanel() {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const filter = useStudio((s) => s.filter);
  const [detector, setDetector] = useState<string | null>(null);
  const [minSeverity, setMinSeverity] = useState<Severity>('info');
  const params = archive ? { archive: archive.id, filter: detectorFilter(filter) } : null;
  const run = useFilteredCall(
    JSON.stringify(params),
    client && params ? (signal) => client.call('analyze.run', params, { signal }) : null,
  );
  const docs = useFilteredCall(
    'docs',
    client ? (signal) => client.call('analyze.detectors', {}, { signal }) : null,
    0,
  );
  const shown = useMemo(() => {
    const floor = SEVERITIES.indexOf(minSeverity);
    return orderFindings(run.data?.findings ?? []).filter(
      (f) => (detector === null || f.detector === detector) && SEVERITIES.indexOf(f.severity) >= floor,
    );
  }, [run.data, detector, minSeverity]);

  return (
    <div className="cs-panel cs-findings" data-testid="findings-panel" data-loading={String(run.loading)}>
      <section className="cs-card cs-findings-side">
        <header className="cs-card-head">
          <h3>Detectors</h3>
        </header>
        {docs.error && <div className="cs-chart-error">detector documentation: {docs.error}</div>}
        <DetectorList
          counts={run.data?.detectors ?? []}
          docs={docs.data ?? []}
          selected={detector}
          onSelect={setDetector}
        />
      </section>
      <section className="cs-card cs-findings-main">
        <header className="cs-card-head">
          <h3>Findings</h3>
          <label>
            at least{' '}
            <select
              value={minSeverity}
              onChange={(e) => setMinSeverity(e.target.value as Severity)}
              data-testid="min-severity"
            >
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <span className="cs-card-note" data-testid="findings-count">
            {run.data ? `${shown.length} of ${run.data.findings.length} findings` : ''}
            {filter.seqs ? ' · computed without the chosen-events filter' : ''} · click one to open its
            evidence
          </span>
        </header>
        <ChartStatus
          loading={run.loading}
          error={run.error}
          empty={!!run.data && shown.length === 0}
          emptyText="no findings under this filter"
          height={200}
        >
          {run.data && shown.length > 0 ? (
            <ul className="cs-finding-list">
              {shown.map((f, i) => (
                <FindingRow key={`${f.detector}:${f.from}:${i}`} finding={f} onOpen={openFinding} />
              ))}
            </ul>
          ) : null}
        </ChartStatus>
      </section>
    </div>
  );
}
