import type { EntityDiff } from '../../../analysis/core/src/index.js';
import { useStudio } from '../../app/studioStore.js';

const KIND_WORDS: Record<EntityDiff['kind'], string> = {
  only_a: 'only on the left',
  only_b: 'only on the right',
  changed: 'changed',
  deleted_in_a: 'deleted on the left',
  deleted_in_b: 'deleted on the right',
};

/** The entities that differ at the playhead, with the fields (JSON Pointers) that differ; a click opens the entity. */
export function DiffList({ diffs }: { diffs: readonly EntityDiff[] }) {
  const selectEntity = useStudio((s) => s.selectEntity);
  return (
    <section className="card diff-list" data-testid="diff-list">
      <h3>
        <span data-testid="diff-count">{diffs.length}</span> entities differ at the playhead
      </h3>
      <table className="grid">
        <thead>
          <tr>
            <th>entity</th>
            <th>how</th>
            <th>fields</th>
          </tr>
        </thead>
        <tbody>
          {diffs.slice(0, 1000).map((d) => (
            <tr key={`${d.entityType}/${d.entityId}`} data-testid="diff-row">
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => selectEntity({ entityType: d.entityType, entityId: d.entityId })}
                >
                  {d.entityType} {d.entityId}
                </button>
              </td>
              <td>{KIND_WORDS[d.kind]}</td>
              <td className="mono wrap">{d.paths.slice(0, 8).join(' ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {diffs.length > 1000 && <p className="muted">the first 1,000 are listed</p>}
    </section>
  );
}
