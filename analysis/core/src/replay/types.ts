import type { EntityEffect, EntityState, StateEvent } from '../state/types.js';

/**
 * One event as the replay engine holds it: what decides state (a StateEvent) plus what the
 * viewport draws (time, actor, position). `effects` is a cache the world fills on first
 * apply, so replaying the same events again (reverse, loop) never re-derives them.
 */
export interface ReplayEvent extends StateEvent {
  /** Milliseconds since the epoch. */
  ts: number;
  actor: string | null;
  x: number | null;
  y: number | null;
  z: number | null;
  /** The session, where the window carries it (a `session_id` column after the contract's columns). */
  session?: string | null;
  /** Left out by a branch: drawn as a ghost, changes nothing. */
  excluded?: boolean;
  effects?: EntityEffect[];
  /** The entity keys of `effects`, cached with them. */
  keys?: string[];
}

/** The events with seq in [fromSeq, toSeq], contiguous and in order; `done` when toSeq is the last event. */
export interface EventBatch {
  fromSeq: number;
  toSeq: number;
  done: boolean;
  events: ReplayEvent[];
  /** Size of the batch as it travelled (Arrow IPC bytes), what memory budgets count. */
  bytes: number;
}

/** Every entity's state after event `seq` (-1: before the first event). */
export interface Keyframe {
  seq: number;
  /** The time asked for, or that of event `seq`; null when there is no event. */
  at: string | null;
  entities: EntityState[];
}

/**
 * Where a replay reads the timeline: the service through the contract
 * ({@link ClientReplaySource}), DuckDB in process (the engine's source), or a branch that
 * filters another source.
 */
export interface ReplaySource {
  /** The system id, which decides how events change state. */
  readonly system: string;
  /** The world after the last event at or before `at` (ISO 8601 or `seq:N`). */
  keyframe(at: string): Promise<Keyframe>;
  /** Events from `fromSeq` on, at most `limit` of them. */
  window(fromSeq: number, limit: number): Promise<EventBatch>;
}
