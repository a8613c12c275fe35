import type { EntityState, JsonObject } from '../../../core/src/index.js';

/**
 * An entity state read from a keyframe, decoded on first use: a seek loads every entity of
 * a keyframe but a replay touches few of them, and decoding is most of a keyframe's cost.
 */
export class StoredEntityState implements EntityState {
  private parsed: JsonObject | undefined;

  constructor(
    readonly entityType: string,
    readonly entityId: string,
    /** The state as JSON text, exactly as the keyframe holds it. */
    readonly json: string,
    readonly deleted: boolean,
    readonly lastSeq: number,
  ) {}

  get state(): JsonObject {
    return (this.parsed ??= JSON.parse(this.json) as JsonObject);
  }

  toJSON(): EntityState {
    const { entityType, entityId, state, deleted, lastSeq } = this;
    return { entityType, entityId, state, deleted, lastSeq };
  }
}

/** JSON text of a state, reusing the stored text when the state came from a keyframe. */
export function stateJson(entity: EntityState, cache: WeakMap<JsonObject, string>): string {
  if (entity instanceof StoredEntityState) return entity.json;
  let json = cache.get(entity.state);
  if (json === undefined) cache.set(entity.state, (json = JSON.stringify(entity.state)));
  return json;
}
