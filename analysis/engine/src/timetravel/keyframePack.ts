import type { DuckDBAppender, DuckDBValue } from '@duckdb/node-api';
import { DuckDBBlobValue } from '@duckdb/node-api';
import { entityKey } from '../../../core/src/index.js';
import type { EntityState, JsonObject } from '../../../core/src/index.js';
import { stateJson, StoredEntityState } from './storedState.js';

/**
 * How a checkpoint's entities are stored: a few large values per PART entities instead of
 * a row per entity, laid out so that loading does as little per entity as JavaScript
 * allows. The states are one text (JSON never holds a raw newline, so one joins them) with
 * their end offsets in a binary column: loading never splits or parses it; each state is
 * sliced and parsed only when something reads it. Types, flags and last seqs are binary
 * columns read as typed arrays; ids are one JSON array of strings.
 */

/** Bump when the layout or the reducer's rules change: old keyframe files are then rebuilt. */
export const KEYFRAME_FORMAT = 4;

/** Entities per stored row. */
export const PART = 16_384;

export const PARTS_TABLE_SQL = `CREATE TABLE keyframe_parts (kf INTEGER, part INTEGER, types VARCHAR,
  type_index BLOB, ids VARCHAR, states VARCHAR, ends BLOB, deleted BLOB, last_seq BLOB)`;

/** Appends the rows of one checkpoint; returns how many entities it wrote. */
export function appendEntities(
  appender: DuckDBAppender,
  kf: number,
  entities: readonly EntityState[],
  text: WeakMap<JsonObject, string>,
): number {
  for (let part = 0; part * PART < entities.length; part++) {
    const slice = entities.slice(part * PART, (part + 1) * PART);
    const types: string[] = [];
    const typeIndex = new Uint16Array(slice.length);
    const ends = new Uint32Array(slice.length);
    const deleted = new Uint8Array(slice.length);
    const lastSeq = new Float64Array(slice.length);
    const jsons: string[] = [];
    let offset = 0;
    slice.forEach((e, i) => {
      let t = types.indexOf(e.entityType);
      if (t < 0) t = types.push(e.entityType) - 1;
      typeIndex[i] = t;
      const json = stateJson(e, text);
      jsons.push(json);
      offset += json.length + (i > 0 ? 1 : 0);
      ends[i] = offset;
      deleted[i] = e.deleted ? 1 : 0;
      lastSeq[i] = e.lastSeq;
    });
    appender.appendInteger(kf);
    appender.appendInteger(part);
    appender.appendVarchar(JSON.stringify(types));
    appender.appendBlob(bytes(typeIndex));
    appender.appendVarchar(JSON.stringify(slice.map((e) => e.entityId)));
    appender.appendVarchar(jsons.join('\n'));
    appender.appendBlob(bytes(ends));
    appender.appendBlob(deleted);
    appender.appendBlob(bytes(lastSeq));
    appender.endRow();
  }
  return entities.length;
}

export interface EntityFilter {
  entityType?: string;
  entityId?: string;
}

/** The columns {@link readPart} takes, in order. */
export const PART_COLUMNS = 'types, type_index, ids, states, ends, deleted, last_seq';

/** Puts the entities of one stored row into `into` (later rows overwrite earlier ones). */
export function readPart(row: DuckDBValue[], filter: EntityFilter, into: Map<string, EntityState>): void {
  const [types, typeIndex, ids, states, ends, deleted, lastSeq] = row;
  const typeNames = JSON.parse(String(types)) as string[];
  const idList = JSON.parse(String(ids)) as string[];
  const t = view(typeIndex, Uint16Array);
  const end = view(ends, Uint32Array);
  const del = blob(deleted);
  const last = view(lastSeq, Float64Array);
  const text = String(states);
  // Keys are built once per type and id; the common case (no filter) does nothing else per entity.
  const keys = typeNames.map((name) => entityKey(name, ''));
  for (let i = 0; i < idList.length; i++) {
    const type = typeNames[t[i] as number] as string;
    const id = idList[i] as string;
    if (filter.entityType !== undefined && type !== filter.entityType) continue;
    if (filter.entityId !== undefined && id !== filter.entityId) continue;
    const start = i === 0 ? 0 : (end[i - 1] as number) + 1;
    into.set(
      (keys[t[i] as number] as string) + id,
      new StoredEntityState(type, id, text, start, end[i] as number, del[i] === 1, last[i] as number),
    );
  }
}

function bytes(array: Uint16Array | Uint32Array | Float64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function blob(value: DuckDBValue | undefined): Uint8Array {
  return value instanceof DuckDBBlobValue ? value.bytes : new Uint8Array(0);
}

/** A typed view of a blob, copied when its offset is not aligned for the element size. */
function view<T extends Uint16Array | Uint32Array | Float64Array>(
  value: DuckDBValue | undefined,
  Kind: { new (buffer: ArrayBufferLike, offset: number, length: number): T; BYTES_PER_ELEMENT: number },
): T {
  const b = blob(value);
  if (b.byteOffset % Kind.BYTES_PER_ELEMENT === 0) {
    return new Kind(b.buffer, b.byteOffset, b.byteLength / Kind.BYTES_PER_ELEMENT);
  }
  const copy = b.slice();
  return new Kind(copy.buffer, 0, copy.byteLength / Kind.BYTES_PER_ELEMENT);
}
