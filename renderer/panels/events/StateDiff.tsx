import { useState } from 'react';
import { diffStates } from './stateDiff.js';

/** The entity's state before and after one event, side by side, changed fields marked. */
export function StateDiff({ before, after }: { before: unknown; after: unknown }) {
  const [onlyChanges, setOnlyChanges] = useState(false);
  const rows = diffStates(before, after);
  const shown = onlyChanges ? rows.filter((r) => r.kind !== 'same') : rows;
  const changed = rows.length - rows.filter((r) => r.kind === 'same').length;
  return (
    <section className="state-diff" data-testid="state-diff" aria-label="State before and after">
      <div className="diff-bar">
        <h4>
          State before → after{' '}
          <span className="muted">
            ({changed} of {rows.length} fields differ)
          </span>
        </h4>
        <label>
          <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} />{' '}
          only changes
        </label>
      </div>
      {rows.length === 0 ? (
        <p className="muted">No state on either side (this event carries no entity state).</p>
      ) : (
        <table className="grid diff">
          <thead>
            <tr>
              <th>field</th>
              <th>before{before === null || before === undefined ? ' (none)' : ''}</th>
              <th>after{after === null || after === undefined ? ' (none)' : ''}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.path} className={`diff-${row.kind}`} data-kind={row.kind}>
                <td className="diff-path">{row.path}</td>
                <td className="diff-before">{row.before ?? ''}</td>
                <td className="diff-after">{row.after ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
