import type { HistoryResult } from '../../../analysis/core/src/index.js';
import { BarList } from '../../charts/BarList.js';
import { formatCount, formatTime } from '../../app/format.js';
import { useStudio } from '../../app/studioStore.js';
import { useCall } from '../../app/useCall.js';
import { flatten } from '../events/index.js';
import { playheadAtSeq } from '../timeline/index.js';
import { EntityHistory } from './EntityHistory.js';
import { EntityPicker } from './EntityPicker.js';
import './inspector.css';

function touchedBy(history: HistoryResult) {
  const counts = new Map<string, number>();
  for (const e of history.events) counts.set(e.actor ?? '', (counts.get(e.actor ?? '') ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count);
}

/** One entity: its state at the playhead, everything that happened to it, and who did it. */
export function InspectorPanel() {
  const archive = useStudio((s) => s.archive);
  const client = useStudio((s) => s.client);
  const entity = useStudio((s) => s.selectedEntity);
  const playhead = useStudio((s) => s.playhead);
  const selectEntity = useStudio((s) => s.selectEntity);
  const setPlayhead = useStudio((s) => s.setPlayhead);
  const patchFilter = useStudio((s) => s.patchFilter);
  const ref =
    archive && entity
      ? {
          archive: archive.id,
          entityId: entity.entityId,
          ...(entity.entityType ? { entityType: entity.entityType } : {}),
        }
      : null;
  const history = useCall('entity.history', ref);
  const state = useCall('state.at', ref ? { ...ref, at: `seq:${playhead.seq}`, limit: 10 } : null);
  if (!archive || !client) return null;
  const atPlayhead = state.data?.entities[0];
  const fields = atPlayhead?.state ? [...flatten(atPlayhead.state)] : [];

  return (
    <div className="panel-body inspector-panel" data-testid="inspector-panel">
      <div className="panel-row">
        <EntityPicker
          key={entity ? `${entity.entityType}/${entity.entityId}` : ''}
          current={entity}
          onPick={selectEntity}
        />
        {entity && (
          <button
            type="button"
            onClick={() =>
              patchFilter({
                entities: [entity.entityId],
                ...(entity.entityType ? { entityTypes: [entity.entityType] } : {}),
              })
            }
          >
            filter every panel to this entity
          </button>
        )}
      </div>
      {!entity && (
        <p className="muted">Name an entity above, or choose one from an event’s detail (inspect entity).</p>
      )}
      {(history.error ?? state.error) && <p className="error">{history.error ?? state.error}</p>}
      {entity && (
        <div className="inspector-grid">
          <section className="card" data-testid="entity-state" aria-label="State at the playhead">
            <h3>
              {entity.entityType ?? history.data?.entity.entityType ?? 'entity'}{' '}
              <span className="mono">{entity.entityId}</span>
            </h3>
            <p className="muted">
              state at the playhead ({formatTime(playhead.at)}, event #{formatCount(playhead.seq)})
              {atPlayhead ? `, last changed by event #${formatCount(atPlayhead.lastSeq)}` : ''}
            </p>
            {state.loading && !state.data && <p className="muted">loading…</p>}
            {state.data && !atPlayhead && <p className="muted">Not yet created at the playhead.</p>}
            {atPlayhead?.deleted && <p className="warn">Deleted at the playhead (last state shown).</p>}
            {fields.length > 0 && (
              <table className="grid">
                <tbody>
                  {fields.map(([path, value]) => (
                    <tr key={path}>
                      <td className="diff-path">{path}</td>
                      <td>{value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          {history.data && (
            <EntityHistory
              history={history.data}
              playheadSeq={playhead.seq}
              onPick={(seq) => playheadAtSeq(client, archive, seq).then(setPlayhead, () => undefined)}
            />
          )}
          {history.data && (
            <BarList title="Touched by" items={touchedBy(history.data)} testId="entity-actors" />
          )}
        </div>
      )}
    </div>
  );
}
