import '../../charts/chartKit/charts.css';
import { useState } from 'react';
import type { VerifyResult } from '../../../analysis/core/src/index.js';
import { ChartStatus, errorText, useFilteredCall } from '../../charts/chartKit/index.js';
import { useStudio } from '../../app/studioStore.js';
import { IntegrityFindings } from './IntegrityFindings.js';
import type { IntegrityFinding } from './IntegrityFindings.js';
import { locateRecord } from './locateRecord.js';

/**
 * Every integrity check of the archive with its verdict, and every record found at fault one
 * click from the events table and the timeline (the filter set to it, the playhead on it).
 */
export function IntegrityPanel() {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const [secretDraft, setSecretDraft] = useState('');
  const [secret, setSecret] = useState<string | undefined>(undefined);
  const [landError, setLandError] = useState<string | null>(null);
  const params = archive ? { archive: archive.id, ...(secret ? { hmacSecret: secret } : {}) } : null;
  const state = useFilteredCall(
    JSON.stringify(params),
    client && params ? (signal) => client.call('integrity.verify', params, { signal }) : null,
    0,
  );
  const result = state.data;

  const open = async (f: IntegrityFinding, panel: 'events' | 'timeline'): Promise<void> => {
    if (!client || !archive) return;
    setLandError(null);
    try {
      const found = await locateRecord(client, archive.id, f);
      if (!found) {
        setLandError(`no event of this archive carries ${f.sourceId ?? 'this record'}`);
        return;
      }
      const studio = useStudio.getState();
      studio.clearFilter();
      studio.patchFilter({ seqs: [found.seq] });
      studio.selectEvent(found.seq);
      studio.setPlayhead({ seq: found.seq, at: found.at });
      studio.openPanel(panel);
    } catch (error) {
      setLandError(errorText(error));
    }
  };

  const failed = result?.checks.filter((c) => !c.ok && !c.skipped).length ?? 0;
  return (
    <div className="cs-panel cs-integrity" data-testid="integrity-panel" data-loading={String(state.loading)}>
      <section className="cs-card">
        <header className="cs-card-head">
          <h3>Checks</h3>
          {result && (
            <span
              className={result.ok ? 'cs-verdict cs-verdict-ok' : 'cs-verdict cs-verdict-bad'}
              data-testid="integrity-verdict"
            >
              {result.ok
                ? 'intact: no tampering or loss found'
                : `tampering or loss: ${failed} check${failed === 1 ? '' : 's'} failed`}
            </span>
          )}
          <span className="cs-card-note">
            {result ? `${result.records.toLocaleString('en-US')} records checked` : ''}
          </span>
          {archive?.system === 'blockchain' && (
            <form
              className="cs-inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                setSecret(secretDraft || undefined);
              }}
            >
              <label>
                HMAC secret{' '}
                <input
                  type="password"
                  value={secretDraft}
                  onChange={(e) => setSecretDraft(e.target.value)}
                  autoComplete="off"
                />
              </label>{' '}
              <button type="submit" className="cs-button">
                verify signatures
              </button>
            </form>
          )}
        </header>
        <ChartStatus
          loading={state.loading}
          error={state.error}
          empty={!!result && result.checks.length === 0}
          emptyText="no checks apply to this archive"
        >
          {result ? <CheckTable checks={result.checks} /> : null}
        </ChartStatus>
      </section>
      {result && result.findings.length > 0 && (
        <section className="cs-card">
          <header className="cs-card-head">
            <h3>Records at fault and observations</h3>
            <span className="cs-card-note">
              {result.findings.length} · open one in the events table or on the timeline
            </span>
          </header>
          {landError && <div className="cs-chart-error">{landError}</div>}
          <IntegrityFindings findings={result.findings} onOpen={(f, panel) => void open(f, panel)} />
        </section>
      )}
    </div>
  );
}

function CheckTable({ checks }: { checks: VerifyResult['checks'] }) {
  return (
    <table className="cs-table cs-checks">
      <thead>
        <tr>
          <th>check</th>
          <th>verdict</th>
          <th className="cs-num">findings</th>
          <th>detail</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((c) => (
          <tr
            key={c.name}
            data-testid="integrity-check"
            data-check={c.name}
            data-verdict={c.skipped ? 'skipped' : c.ok ? 'pass' : 'fail'}
            className={!c.ok && !c.skipped ? 'cs-row-failed' : undefined}
          >
            <td className="cs-mono">{c.name}</td>
            <td>
              <span
                className={
                  c.skipped
                    ? 'cs-badge cs-badge-skip'
                    : c.ok
                      ? 'cs-badge cs-badge-pass'
                      : 'cs-badge cs-badge-fail'
                }
              >
                {c.skipped ? 'skipped' : c.ok ? 'pass' : 'FAIL'}
              </span>
            </td>
            <td className="cs-num">{c.findings ?? '—'}</td>
            <td className="cs-wrap">{c.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
