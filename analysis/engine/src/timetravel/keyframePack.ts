import { entityKey } from '../../../core/src/index.js';
import type { EntityState, JsonObject } from '../../../core/src/index.js';
import { hashSlots, keyHash } from './KeyframeLayer.js';
import type { LayerColumns } from './KeyframeLayer.js';
import { stateJson } from './storedState.js';

/**
 * How a checkpoint's entities are packed for the keyframe file (keyframeFile.ts): PART
 * entities to a part, each part a few columns laid out so that a reader uses them where
 * they lie (KeyframeLayer). Ids and states are UTF-8 concatenated with their end offsets;
 * types, flags, last seqs, each key's hash and an open-addressing table of the hashes are
 * typed arrays. Loading a part therefore does no work per entity: a lookup probes the
 * table, and a state is read and parsed only when something reads it.
 */

/** Bump when the layout or the reducer's rules change: old keyframe files are then rebuilt. */
export const KEYFRAME_FORMAT = 6;

/** Entities per part. */
export const PART = 65_536;

/** The parts of one checkpoint, PART entities each. */
export function packEntities(
  entities: readonly EntityState[],
  text: WeakMap<JsonObject, string>,
): LayerColumns[] {
  const parts: LayerColumns[] = [];
  for (let at = 0; at < entities.length; at += PART)
    parts.push(packPart(entities.slice(at, at + PART), text));
  return parts;
}

/** The columns of one stored part, exactly as a reader will view them. */
export function packPart(slice: readonly EntityState[], text: WeakMap<JsonObject, string>): LayerColumns {
  const types: string[] = [];
  const typeIndex = new Uint16Array(slice.length);
  const idEnds = new Uint32Array(slice.length);
  const stateEnds = new Uint32Array(slice.length);
  const deleted = new Uint8Array(slice.length);
  const lastSeq = new Float64Array(slice.length);
  const hashes = new Uint32Array(slice.length);
  const ids: string[] = [];
  const jsons: string[] = [];
  let idOffset = 0;
  let offset = 0;
  slice.forEach((e, i) => {
    let t = types.indexOf(e.entityType);
    if (t < 0) t = types.push(e.entityType) - 1;
    typeIndex[i] = t;
    ids.push(e.entityId);
    // Offsets are in bytes of UTF-8, which is what the reader slices.
    idEnds[i] = idOffset += Buffer.byteLength(e.entityId);
    const json = stateJson(e, text);
    jsons.push(json);
    stateEnds[i] = offset += Buffer.byteLength(json);
    deleted[i] = e.deleted ? 1 : 0;
    lastSeq[i] = e.lastSeq;
    hashes[i] = keyHash(entityKey(e.entityType, e.entityId));
  });
  return {
    types,
    typeIndex,
    ids: Buffer.from(ids.join('')),
    idEnds,
    states: Buffer.from(jsons.join('')),
    stateEnds,
    deleted,
    lastSeq,
    hashes,
    slots: hashSlots(hashes),
  };
}

export interface EntityFilter {
  entityType?: string;
  entityId?: string;
}
