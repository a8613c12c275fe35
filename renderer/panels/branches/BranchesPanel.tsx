import { useState } from 'react';
import { useCase } from '../../app/caseStore.js';
import { formatTime } from '../../app/format.js';
import { useStudio } from '../../app/studioStore.js';
import { useCompare } from '../compare/compareStore.js';
import { BranchCreate } from './BranchCreate.js';
import { useBranchRuntime } from './branchRuntime.js';
import { BranchView } from './BranchView.js';
import './branches.css';

function BranchStatus({ id }: { id: string }) {
  const run = useBranchRuntime((s) => s.runs[id]);
  if (!run) return <span className="muted">not built yet</span>;
  if (run.status === 'building') return <span className="muted">building…</span>;
  if (run.status === 'error') return <span className="error">{run.error}</span>;
  return <span>{run.source?.conflictCount ?? 0} conflicts</span>;
}

/**
 * What-ifs: the timeline without an actor, a session, a selection or a range, or with a
 * rollback carried out. Each branch replays on the studio's clock, lists its conflicts, and
 * opens in Compare beside the original. Branches are kept in the case file.
 */
export function BranchesPanel() {
  const branches = useCase((s) => s.branches);
  const remove = useCase((s) => s.remove);
  const openPanel = useStudio((s) => s.openPanel);
  const compareBranch = useCompare((s) => s.compareBranch);
  const [shown, setShown] = useState<string | null>(branches[0]?.id ?? null);
  const current = branches.find((b) => b.id === shown) ?? null;
  return (
    <div className="panel-body branches-panel" data-testid="branches-panel">
      <BranchCreate onCreated={setShown} />
      <section className="card">
        <h3>{branches.length} branches</h3>
        <table className="grid" data-testid="branch-list">
          <tbody>
            {branches.map((b) => (
              <tr key={b.id} className={b.id === shown ? 'selected' : undefined} data-testid="branch-row">
                <td>
                  <button type="button" className="link-button" onClick={() => setShown(b.id)}>
                    {b.name}
                  </button>
                </td>
                <td className="wrap">{b.description}</td>
                <td>
                  <BranchStatus id={b.id} />
                </td>
                <td className="muted">{formatTime(b.created)}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => {
                      compareBranch(b.id);
                      openPanel('compare');
                    }}
                    data-testid="branch-compare"
                  >
                    compare with the original
                  </button>{' '}
                  <button
                    type="button"
                    onClick={() => remove('branches', b.id)}
                    aria-label={`Delete branch ${b.name}`}
                  >
                    delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {current && <BranchView key={current.id} branch={current} />}
    </div>
  );
}
