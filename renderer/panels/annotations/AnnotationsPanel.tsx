import { useCase } from '../../app/caseStore.js';
import { AnnotationForm } from './AnnotationForm.js';
import { AnnotationList } from './AnnotationList.js';
import { BookmarkList, SavedViews } from './BookmarksAndViews.js';
import './annotations.css';

/** Where the case file stands: loaded, saving, saved where, and what could not be read. */
function CaseStatus() {
  const { loading, saving, dirty, savedPath, error, warnings } = useCase();
  return (
    <div className="case-status" data-testid="case-status">
      {loading ? (
        <span className="muted">loading the case file…</span>
      ) : saving || dirty ? (
        <span className="muted">saving…</span>
      ) : savedPath ? (
        <span className="muted" data-testid="case-saved-path">
          saved to {savedPath}
        </span>
      ) : (
        <span className="muted">the case file is written beside the archive at the first change</span>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {warnings.length > 0 && (
        <p className="error" role="alert">
          {warnings.length} problem(s) in the case file: {warnings.slice(0, 3).join('; ')}
        </p>
      )}
    </div>
  );
}

/**
 * The case: annotations (point or range, optionally pinned to an entity), bookmarks and saved
 * views, kept in `<archive>.chronocase.json` beside the evidence.
 */
export function AnnotationsPanel() {
  return (
    <div className="panel-body annotations-panel" data-testid="annotations-panel">
      <CaseStatus />
      <AnnotationForm />
      <AnnotationList />
      <div className="panel-row">
        <BookmarkList />
        <SavedViews />
      </div>
    </div>
  );
}
