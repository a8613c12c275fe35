import type { EntityState, JsonObject } from '../../../core/src/index.js';

/** Where a stored state's text is read from: its keyframe part. */
export interface StateText {
  text(start: number, end: number): string;
}

/**
 * An entity state read from a keyframe, read and decoded on first use: a seek reaches every
 * entity of a keyframe but a replay touches few of them, and reading states is most of a
 * keyframe's cost. It holds its part and its own byte range there, so making one costs no
 * text work at all.
 */
export class StoredEntityState implements EntityState {
  private parsed: JsonObject | undefined;
  private text: string | undefined;

  constructor(
    readonly entityType: string,
    readonly entityId: string,
    private readonly source: StateText,
    private readonly start: number,
    private readonly end: number,
    readonly deleted: boolean,
    readonly lastSeq: number,
  ) {}

  /** The state as JSON text, exactly as the keyframe holds it. */
  get json(): string {
    return (this.text ??= this.source.text(this.start, this.end));
  }

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
