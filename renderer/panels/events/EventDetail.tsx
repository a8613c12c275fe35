import type { ArchiveInfo } from '../../../analysis/core/src/index.js';
import { asText, formatTime } from '../../app/format.js';
import { useStudio } from '../../app/studioStore.js';
import { useCall } from '../../app/useCall.js';
import { playheadAtSeq } from '../timeline/index.js';
import { StateDiff } from './StateDiff.js';

/** Fields shown first, in this order; the rest follow as the service sends them. */
const FIRST = [
  'seq',
  'ts',
  'action',
  'event_type',
  'actor_id',
  'actor_type',
  'actor_role',
  'entity_type',
  'entity_id',
];
const BULKY = new Set(['old_state', 'new_state', 'raw']);

function timeValue(value: unknown): string | number | null {
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}

/** One event: its fields, the before/after diff of its entity's state, and where to go next. */
export function EventDetail({
  archive,
  seq,
  onClose,
}: {
  archive: ArchiveInfo;
  seq: number;
  onClose(): void;
}) {
  const client = useStudio((s) => s.client);
  const setPlayhead = useStudio((s) => s.setPlayhead);
  const selectEntity = useStudio((s) => s.selectEntity);
  const patchFilter = useStudio((s) => s.patchFilter);
  const detail = useCall('events.detail', { archive: archive.id, seq });
  const event = detail.data?.event;
  const keys = event
    ? [...FIRST.filter((k) => k in event), ...Object.keys(event).filter((k) => !FIRST.includes(k))]
    : [];
  const entityId = event ? asText(event['entity_id']) : '';
  const entityType = event && event['entity_type'] ? asText(event['entity_type']) : null;
  const actor = event ? asText(event['actor_id']) : '';

  return (
    <aside className="event-detail" data-testid="event-detail" aria-label={`Event ${seq}`}>
      <div className="detail-bar">
        <h3>Event #{seq}</h3>
        <button
          type="button"
          className="link-button"
          onClick={onClose}
          aria-label="Close the detail (Escape)"
        >
          close
        </button>
      </div>
      {detail.error && <p className="error">{detail.error}</p>}
      {detail.loading && !event && <p className="muted">loading…</p>}
      {event && (
        <>
          <div className="detail-actions">
            <button
              type="button"
              onClick={() => client && playheadAtSeq(client, archive, seq).then(setPlayhead, () => undefined)}
            >
              playhead here
            </button>
            {entityId && (
              <button
                type="button"
                onClick={() => selectEntity({ entityId, entityType })}
                data-testid="inspect-entity"
              >
                inspect entity
              </button>
            )}
            {actor && (
              <button type="button" onClick={() => patchFilter({ actors: [actor] })}>
                only this actor
              </button>
            )}
          </div>
          <StateDiff before={detail.data?.before ?? null} after={detail.data?.after ?? null} />
          <h4>Fields</h4>
          <dl className="fields" data-testid="event-fields">
            {keys.map((key) => (
              <div key={key} className={BULKY.has(key) ? 'field bulky' : 'field'} data-field={key}>
                <dt>{key}</dt>
                <dd>{key === 'ts' ? formatTime(timeValue(event[key])) : asText(event[key])}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </aside>
  );
}
