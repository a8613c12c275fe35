import '../../charts/chartKit/charts.css';
import './query.css';
import { useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { isChronoscopeError } from '../../../analysis/core/src/index.js';
import { errorText, formatCount } from '../../charts/chartKit/index.js';
import { useStudio } from '../../app/studioStore.js';
import { downloadText } from '../../app/download.js';
import { ResultChart } from './ResultChart.js';
import { ResultTable } from './ResultTable.js';
import { decodeQueryTable, toCsv, toJson } from './queryTable.js';
import { useQueryConsole } from './queryStore.js';

const ROW_LIMIT = 10_000;

/** SQL over the archive's `events` and its views: Ctrl+Enter runs, Cancel aborts, results as table or chart, exported as CSV or JSON. */
export function QueryPanel() {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const { sql, last, view, setSql, setLast, setView } = useQueryConsole();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  const run = async (): Promise<void> => {
    if (!client || !archive || !sql.trim()) return;
    controller.current?.abort();
    const mine = new AbortController();
    controller.current = mine;
    setRunning(true);
    setError(null);
    try {
      const result = await client.call(
        'query.run',
        { archive: archive.id, sql, limit: ROW_LIMIT },
        { signal: mine.signal },
      );
      const rows = decodeQueryTable(result.table, result.columns);
      setLast({ sql, rows, count: result.rows, truncated: result.truncated, ms: result.ms });
    } catch (e) {
      if (mine.signal.aborted || (isChronoscopeError(e) && e.code === 'CANCELLED')) setError('cancelled');
      else setError(errorText(e));
    } finally {
      if (controller.current === mine) {
        controller.current = null;
        setRunning(false);
      }
    }
  };
  const cancel = (): void => controller.current?.abort();
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void run();
    }
  };
  const stem = `chronoscope-query-${archive?.sha256.slice(0, 12) ?? 'result'}`;

  return (
    <div className="cs-panel cs-query" data-testid="query-panel">
      <section className="cs-card">
        <header className="cs-card-head">
          <h3>SQL console</h3>
          <span className="cs-card-note">
            read-only SQL over events and its views · Ctrl+Enter runs · at most {formatCount(ROW_LIMIT)} rows
          </span>
        </header>
        <textarea
          className="cs-code"
          value={sql}
          onChange={(e) => setSql(e.target.value)}
          onKeyDown={onKey}
          spellCheck={false}
          rows={6}
          aria-label="SQL"
          data-testid="query-sql"
        />
        <div className="cs-toolbar">
          <button
            type="button"
            className="cs-button cs-primary"
            onClick={() => void run()}
            disabled={running || !archive}
            data-testid="query-run"
          >
            Run (Ctrl+Enter)
          </button>
          <button
            type="button"
            className="cs-button"
            onClick={cancel}
            disabled={!running}
            data-testid="query-cancel"
          >
            Cancel
          </button>
          {running && <span className="cs-muted">running…</span>}
          {error && (
            <span className="cs-chart-error cs-inline" role="alert" data-testid="query-error">
              {error}
            </span>
          )}
          {last && !running && !error && (
            <span className="cs-card-note" data-testid="query-status">
              {formatCount(last.count)} {last.count === 1 ? 'row' : 'rows'}
              {last.truncated ? ` (cut at ${formatCount(ROW_LIMIT)})` : ''} in{' '}
              {formatCount(Math.round(last.ms))} ms
            </span>
          )}
        </div>
      </section>
      {last && (
        <section className="cs-card cs-query-result">
          <header className="cs-card-head">
            <div className="cs-tabs" role="tablist">
              <button
                type="button"
                role="tab"
                aria-selected={view === 'table'}
                className={view === 'table' ? 'cs-tab cs-selected' : 'cs-tab'}
                onClick={() => setView('table')}
              >
                table
              </button>
              <button
                type="button"
                role="tab"
                aria-selected={view === 'chart'}
                className={view === 'chart' ? 'cs-tab cs-selected' : 'cs-tab'}
                onClick={() => setView('chart')}
                data-testid="query-view-chart"
              >
                chart
              </button>
            </div>
            <button
              type="button"
              className="cs-button"
              onClick={() => downloadText(toCsv(last.rows), `${stem}.csv`, 'text/csv')}
              data-testid="export-csv"
            >
              export CSV
            </button>
            <button
              type="button"
              className="cs-button"
              onClick={() => downloadText(toJson(last.rows), `${stem}.json`, 'application/json')}
              data-testid="export-json"
            >
              export JSON
            </button>
          </header>
          {last.rows.rows.length === 0 ? (
            <div className="cs-chart-status cs-chart-empty">the query returned no rows</div>
          ) : view === 'table' ? (
            <ResultTable result={last.rows} />
          ) : (
            <ResultChart key={last.sql} result={last.rows} />
          )}
        </section>
      )}
    </div>
  );
}
