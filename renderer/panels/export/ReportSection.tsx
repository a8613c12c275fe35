import { useState } from 'react';
import { FilterScope } from './FilterScope.js';
import { ExportStatus } from './ExportStatus.js';
import { TitleField } from './TitleField.js';
import { useExportFile } from './useExportFile.js';
import { useStudio } from '../../app/studioStore.js';

/**
 * The analyst's report, as `chronoscope report` makes it: one self-contained HTML file (no
 * script, no request) or a PDF printed by Chromium, over the current filter.
 */
export function ReportSection() {
  const filter = useStudio((s) => s.filter);
  const run = useExportFile();
  const [title, setTitle] = useState('');
  const busy = run.progress !== null;
  const make = (format: 'html' | 'pdf') =>
    run.start({ kind: 'report', format, filter, ...(title.trim() ? { title: title.trim() } : {}) });
  return (
    <section className="cs-card" data-testid="export-report">
      <header className="cs-card-head">
        <h3>Report</h3>
      </header>
      <p className="cs-export-help">
        Identity and integrity of the whole archive; charts, findings with their evidence, actors and
        annotations of the selection; a methods section. Opens offline in any browser.
      </p>
      <FilterScope />
      <TitleField value={title} onChange={setTitle} testId="report-title" />
      <div className="cs-export-actions">
        <button type="button" disabled={busy} onClick={() => make('html')} data-testid="report-html">
          HTML report
        </button>
        <button type="button" disabled={busy} onClick={() => make('pdf')} data-testid="report-pdf">
          PDF report
        </button>
      </div>
      <ExportStatus run={run} testId="report" />
    </section>
  );
}
