import { useRef, useState } from 'react';
import { parseCaseFileText } from '../../../analysis/core/src/index.js';
import { caseData, useCase } from '../../app/caseStore.js';
import { downloadText } from '../../app/download.js';
import { useStudio } from '../../app/studioStore.js';
import { errorText } from '../../app/useCall.js';
import { caseExportDocument } from './caseExport.js';

/**
 * The case as a file to hand over (annotations, bookmarks, branches, views, rules, replay
 * settings, and the findings of the filter with what reproduces each), and a case file
 * brought in: it replaces this archive's case, with a warning when it was made for other
 * evidence.
 */
export function CaseSection() {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const filter = useStudio((s) => s.filter);
  const warnings = useCase((s) => s.warnings);
  // One selector per number: a selector returning a new object would re-render forever.
  const annotations = useCase((s) => s.annotations.length);
  const bookmarks = useCase((s) => s.bookmarks.length);
  const branches = useCase((s) => s.branches.length);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const exportCase = async () => {
    if (!client || !archive) return;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await useCase.getState().flush();
      const analysis = await client.call('analyze.run', { archive: archive.id, filter });
      const doc = caseExportDocument(
        caseData(useCase.getState(), archive),
        archive,
        filter,
        analysis,
        new Date(),
      );
      const name = `${archive.path.split(/[\\/]/).pop() || 'archive'}.chronocase.json`;
      downloadText(`${JSON.stringify(doc, null, 2)}\n`, name, 'application/json');
      setMessage(`saved ${name}: ${doc.annotations.length} annotations, ${doc.findings.length} findings`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const importCase = async (file: File) => {
    setError(null);
    setMessage(null);
    let result;
    try {
      result = parseCaseFileText(await file.text(), file.name);
    } catch (err) {
      // The message names the file already.
      setError(err instanceof Error ? err.message : String(err));
      return;
    }
    useCase.getState().importCase(result);
    setMessage(
      `opened ${file.name}: ${result.annotations.length} annotations, ${result.bookmarks.length} bookmarks`,
    );
  };

  return (
    <section className="cs-card" data-testid="export-case">
      <header className="cs-card-head">
        <h3>Case file</h3>
      </header>
      <p className="cs-export-help">
        This archive&apos;s case: {annotations} annotations, {bookmarks} bookmarks, {branches} branches. The
        export adds the findings of the current filter, each with the archive&apos;s sha256 and the command
        that makes it again.
      </p>
      <div className="cs-export-actions">
        <button type="button" disabled={busy} onClick={() => void exportCase()} data-testid="case-export">
          Export case
        </button>
        <button type="button" onClick={() => input.current?.click()} data-testid="case-import">
          Open a case file…
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="case-import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importCase(file);
          }}
        />
      </div>
      {busy && <p className="cs-export-status">gathering the findings…</p>}
      {message && (
        <p className="cs-export-done" data-testid="case-message">
          {message}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="case-error">
          {error}
        </p>
      )}
      {warnings.map((w) => (
        <p key={w} className="cs-export-warning" role="status" data-testid="case-warning">
          {w}
        </p>
      ))}
    </section>
  );
}
