/** A JSON object: the shape every entity state has. */
export type JsonObject = { [key: string]: unknown };

/** One RFC 6902 operation, as far as the reducer needs to read it. */
export interface PatchOp {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

/**
 * The columns of one `events` row that decide state, already parsed from JSON. `fullState`
 * exists for `blockchain` only: its `new_state` column holds either the source's complete
 * state (`data.newState`) or the event's `data` to merge, and the two cannot be told apart
 * from the column alone.
 */
export interface StateEvent {
  seq: number;
  system: string;
  action: string;
  eventType: string;
  entityType: string | null;
  entityId: string | null;
  oldState: unknown;
  newState: unknown;
  delta: unknown;
  fullState?: boolean;
  /** Who did it; only rollback plans read it. */
  actor?: string | null;
}

/**
 * An entity at some point of the timeline. A deleted entity keeps its last live state (the
 * tombstone says what was removed); `lastSeq` is the last event that changed its state.
 */
export interface EntityState {
  entityType: string;
  entityId: string;
  state: JsonObject;
  deleted: boolean;
  lastSeq: number;
}

/** How one event changes one entity. */
export type StateChange =
  | { op: 'set'; value: JsonObject }
  | { op: 'merge'; value: JsonObject }
  | { op: 'patch'; patch: readonly PatchOp[]; base: JsonObject | null }
  | { op: 'delete'; last: JsonObject | null };

export interface EntityEffect {
  entityType: string;
  entityId: string;
  change: StateChange;
}
