import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EntityStates, entityKey } from '../../../core/src/index.js';
import type { JsonObject } from '../../../core/src/index.js';
import { streamStateEvents } from './eventRows.js';
import { KeyframeFileWriter } from './keyframeFile.js';
import { KEYFRAME_FORMAT, packEntities } from './keyframePack.js';

export type { EntityFilter } from './keyframePack.js';
export { KeyframeReader } from './KeyframeReader.js';
/** The most events between two checkpoints: a seek folds at most this many after its checkpoint. */
export const DEFAULT_KEYFRAME_INTERVAL = 1_000;

/**
 * Keyframes live beside the archive's cache (which is opened read-only) in a file of their
 * own: `<cache name>.keyframes.bin`.
 */
export function keyframePath(archiveDbPath: string): string {
  return `${archiveDbPath.replace(/\.duckdb$/, '')}.keyframes.bin`;
}

export interface KeyframeBuild {
  path: string;
  interval: number;
  /** Checkpoints, and how many of them hold every entity. */
  keyframes: number;
  full: number;
  rows: number;
  ms: number;
}

/**
 * One full replay that checkpoints the world every `interval` events (checkpoint `s` is the
 * state after every event with seq ≤ s). Most checkpoints are deltas: the entities changed
 * since the previous one. A full checkpoint (every entity) is written when the deltas since
 * the last full one hold more than half as many entities as the world: a seek then loads one
 * full checkpoint, at most half as many entities again from the deltas, and folds fewer than
 * `interval` events, so its cost stays flat along the timeline while the file stays within a
 * few times the event count. Written to a temporary file and renamed when complete.
 */
export async function buildKeyframes(
  conn: DuckDBConnection,
  system: string,
  lastSeq: number,
  path: string,
  interval = DEFAULT_KEYFRAME_INTERVAL,
): Promise<KeyframeBuild> {
  const started = Date.now();
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const file = new KeyframeFileWriter(tmp);
  let done = false;
  try {
    const states = new EntityStates();
    const text = new WeakMap<JsonObject, string>();
    const dirty = new Set<string>();
    let sinceFull = Infinity;
    let rows = 0;
    let keyframes = 0;
    let fulls = 0;
    const checkpoint = (kf: number): void => {
      const full = sinceFull + dirty.size > states.entities.size / 2;
      const keys = full ? states.entities.keys() : dirty.values();
      const entities = [...keys].map((k) => states.entities.get(k)).filter((e) => e !== undefined);
      file.checkpoint(kf, full, states.entities.size, packEntities(entities, text));
      rows += entities.length;
      keyframes++;
      if (full) fulls++;
      sinceFull = full ? 0 : sinceFull + dirty.size;
      dirty.clear();
    };
    let next = interval - 1;
    for await (const batch of streamStateEvents(conn, system, -1, lastSeq)) {
      for (const event of batch) {
        while (event.seq > next) {
          checkpoint(next);
          next += interval;
        }
        for (const e of states.apply(event)) dirty.add(entityKey(e.entityType, e.entityId));
      }
    }
    while (next <= lastSeq) {
      checkpoint(next);
      next += interval;
    }
    file.finish({ format: KEYFRAME_FORMAT, system, interval, lastSeq });
    done = true;
    await rename(tmp, path);
    // The DuckDB file that held keyframes before format 5 is no longer read.
    await rm(path.replace(/\.bin$/, '.duckdb'), { force: true });
    return { path, interval, keyframes, full: fulls, rows, ms: Date.now() - started };
  } finally {
    if (!done) file.close();
    await rm(tmp, { force: true });
  }
}
