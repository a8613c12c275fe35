import { useState } from 'react';
import type { FormEvent } from 'react';
import type { EntityRef } from '../../app/studioStore.js';

/** Names the entity to inspect: its id, and its type where ids repeat across types. */
export function EntityPicker({
  current,
  onPick,
}: {
  current: EntityRef | null;
  onPick(entity: EntityRef): void;
}) {
  const [entityType, setEntityType] = useState(current?.entityType ?? '');
  const [entityId, setEntityId] = useState(current?.entityId ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (entityId.trim()) onPick({ entityId: entityId.trim(), entityType: entityType.trim() || null });
  };
  return (
    <form className="entity-picker" onSubmit={submit} aria-label="Entity to inspect">
      <label>
        type
        <input
          value={entityType}
          onChange={(e) => setEntityType(e.target.value)}
          placeholder="any"
          data-testid="inspector-type"
        />
      </label>
      <label>
        id
        <input
          value={entityId}
          onChange={(e) => setEntityId(e.target.value)}
          placeholder="entity id"
          data-testid="inspector-id"
        />
      </label>
      <button type="submit">inspect</button>
    </form>
  );
}
