import { tableFromIPC } from 'apache-arrow';
import type { Table, Vector } from 'apache-arrow';
import { ChronoscopeError } from '../errors.js';
import { REPLAY_EVENT_COLUMNS, REPLAY_KEYFRAME_COLUMNS } from '../contract/methods.js';
import type { EntityState, JsonObject } from '../state/types.js';
import type { EventBatch, Keyframe, ReplayEvent } from './types.js';

/**
 * Decoding of the contract's replay tables. JSON columns stay text until something reads
 * them (see {@link WindowEvent}): a window is fetched ahead of the playhead and most of its
 * reads and logins never need their states parsed.
 */

export function decodeWindow(
  system: string,
  window: { fromSeq: number; toSeq: number; done: boolean; table: Uint8Array },
): EventBatch {
  const table = tableFromIPC(window.table);
  checkColumns(table, REPLAY_EVENT_COLUMNS, 'replay.window');
  const seq = numbers(table, 'seq');
  const ts = numbers(table, 'ts');
  const [action, eventType, actor, entityType, entityId, oldState, newState, delta] = [
    'action',
    'event_type',
    'actor_id',
    'entity_type',
    'entity_id',
    'old_state',
    'new_state',
    'delta',
  ].map((name) => texts(table, name));
  const full = table.getChild('full_state')?.toArray() as ArrayLike<boolean> | undefined;
  const [x, y, z] = ['x', 'y', 'z'].map((name) => numbers(table, name));
  const session = texts(table, 'session_id');
  const events: ReplayEvent[] = new Array<ReplayEvent>(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    events[i] = new WindowEvent(
      seq?.[i] as number,
      system,
      ts?.[i] ?? 0,
      action?.[i] ?? '',
      eventType?.[i] ?? '',
      actor?.[i] ?? null,
      entityType?.[i] ?? null,
      entityId?.[i] ?? null,
      oldState?.[i] ?? null,
      newState?.[i] ?? null,
      delta?.[i] ?? null,
      full?.[i] === true,
      x?.[i] ?? null,
      y?.[i] ?? null,
      z?.[i] ?? null,
      session?.[i] ?? null,
    );
  }
  return {
    fromSeq: window.fromSeq,
    toSeq: window.toSeq,
    done: window.done,
    events,
    bytes: window.table.byteLength,
  };
}

export function decodeKeyframe(keyframe: { seq: number; at: string | null; table: Uint8Array }): Keyframe {
  const table = tableFromIPC(keyframe.table);
  checkColumns(table, REPLAY_KEYFRAME_COLUMNS, 'replay.keyframe');
  const [types, ids, states] = ['entity_type', 'entity_id', 'state'].map((name) => texts(table, name));
  const deleted = table.getChild('deleted')?.toArray() as ArrayLike<boolean> | undefined;
  const lastSeq = numbers(table, 'last_seq');
  const entities: EntityState[] = new Array<EntityState>(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    entities[i] = new TextState(
      types?.[i] ?? '',
      ids?.[i] ?? '',
      states?.[i] ?? '{}',
      deleted?.[i] === true,
      lastSeq?.[i] ?? -1,
    );
  }
  return { seq: keyframe.seq, at: keyframe.at, entities };
}

/** A JSON column not parsed yet (null is a parsed value). */
const NOT_YET: unique symbol = Symbol('not parsed yet');

/** A window row; its JSON columns are parsed on first read and kept. */
export class WindowEvent implements ReplayEvent {
  private old: unknown = NOT_YET;
  private new_: unknown = NOT_YET;
  private delta_: unknown = NOT_YET;
  effects?: ReplayEvent['effects'];

  constructor(
    readonly seq: number,
    readonly system: string,
    readonly ts: number,
    readonly action: string,
    readonly eventType: string,
    readonly actor: string | null,
    readonly entityType: string | null,
    readonly entityId: string | null,
    private readonly oldText: string | null,
    private readonly newText: string | null,
    private readonly deltaText: string | null,
    readonly fullState: boolean,
    readonly x: number | null,
    readonly y: number | null,
    readonly z: number | null,
    readonly session: string | null,
  ) {}

  // Each column is parsed on its own first read: most events need only `new_state`, and a
  // descendants delta repeats the whole new state.
  get oldState(): unknown {
    return this.old === NOT_YET ? (this.old = parse(this.oldText)) : this.old;
  }
  get newState(): unknown {
    return this.new_ === NOT_YET ? (this.new_ = parse(this.newText)) : this.new_;
  }
  get delta(): unknown {
    return this.delta_ === NOT_YET ? (this.delta_ = parse(this.deltaText)) : this.delta_;
  }
}

/** An entity state from a keyframe table, parsed on first read of `state`. */
export class TextState implements EntityState {
  private parsed: JsonObject | undefined;
  constructor(
    readonly entityType: string,
    readonly entityId: string,
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

function parse(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

function checkColumns(table: Table, expected: readonly string[], what: string): void {
  const names = table.schema.fields.map((f) => f.name);
  const missing = expected.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new ChronoscopeError('INTERNAL', `${what}: the table lacks column(s) ${missing.join(', ')}`);
  }
}

/** A Float64 column as numbers, with nulls as null (Arrow's typed array holds 0 there). */
function numbers(table: Table, name: string): (number | null)[] | Float64Array | undefined {
  const column = table.getChild(name) as Vector | null;
  if (!column) return undefined;
  if (column.nullCount === 0) return column.toArray() as Float64Array;
  const out = new Array<number | null>(column.length);
  for (let i = 0; i < column.length; i++) out[i] = column.get(i) as number | null;
  return out;
}

const utf8 = new TextDecoder();

/**
 * A Utf8 column as strings. Decoding value by value (what `toArray` does) is most of a
 * window's cost; instead each chunk's bytes are decoded once and, when they are ASCII (JSON
 * and ids nearly always are), every value is a slice of that one string.
 */
function texts(table: Table, name: string): (string | null)[] | undefined {
  const column = table.getChild(name) as Vector | null;
  if (!column) return undefined;
  const out = new Array<string | null>(column.length);
  let row = 0;
  for (const data of column.data) {
    const values = data.values as Uint8Array;
    const offsets = data.valueOffsets as Int32Array;
    const whole = utf8.decode(values);
    const ascii = whole.length === values.length;
    for (let j = 0; j < data.length; j++, row++) {
      if (!data.getValid(j)) {
        out[row] = null;
        continue;
      }
      const a = offsets[data.offset + j] as number;
      const b = offsets[data.offset + j + 1] as number;
      out[row] = ascii ? whole.slice(a, b) : utf8.decode(values.subarray(a, b));
    }
  }
  return out;
}
