import type { BranchConflict } from '../../../analysis/core/src/index.js';
import { useStudio } from '../../app/studioStore.js';

/** Shows the events of a conflict (the later event and what the branch removed) in the Events panel. */
function showEvents(conflict: BranchConflict): void {
  const studio = useStudio.getState();
  studio.clearFilter();
  studio.patchFilter({ seqs: [...new Set([...conflict.causes, conflict.seq])].sort((a, b) => a - b) });
  studio.openPanel('events');
}

/** A branch's conflicts: later events that depended on what the branch left out or rolled back. */
export function ConflictList({ conflicts, total }: { conflicts: readonly BranchConflict[]; total: number }) {
  return (
    <section className="card grow" data-testid="branch-conflicts">
      <h3>
        {total} conflicts{' '}
        {total > conflicts.length && <span className="muted">(the first {conflicts.length} listed)</span>}
      </h3>
      {total === 0 && <p className="muted">Nothing later depended on what this branch changed.</p>}
      <table className="grid">
        <thead>
          <tr>
            <th>kind</th>
            <th>entity</th>
            <th>what</th>
            <th>events</th>
          </tr>
        </thead>
        <tbody>
          {conflicts.slice(0, 500).map((c, i) => (
            <tr key={i} data-testid="branch-conflict">
              <td>{c.kind.replace(/_/g, ' ')}</td>
              <td>
                {c.entityType} {c.entityId}
              </td>
              <td className="wrap">{c.detail}</td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => showEvents(c)}
                  data-testid="conflict-events"
                >
                  #{c.seq} and {c.causes.length} cause{c.causes.length === 1 ? '' : 's'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
