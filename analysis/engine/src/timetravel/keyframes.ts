import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EntityStates, entityKey } from '../../../core/src/index.js';
import type { JsonObject } from '../../../core/src/index.js';
import { openDuck } from '../store/duck.js';
import { streamStateEvents } from './eventRows.js';
import { appendEntities, KEYFRAME_FORMAT, PARTS_TABLE_SQL } from './keyframePack.js';

export type { EntityFilter } from './keyframePack.js';
export { KeyframeReader } from './KeyframeReader.js';
/** The most events between two checkpoints: a seek folds at most this many after its checkpoint. */
export const DEFAULT_KEYFRAME_INTERVAL = 1_000;

/**
 * Keyframes live beside the archive's cache (which is opened read-only) in a file of their
 * own: `<cache name>.keyframes.duckdb`.
 */
export function keyframePath(archiveDbPath: string): string {
  return `${archiveDbPath.replace(/\.duckdb$/, '')}.keyframes.duckdb`;
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
  const { instance, conn: out } = await openDuck(tmp);
  let done = false;
  try {
    await out.run(`CREATE TABLE meta (format INTEGER, system VARCHAR, interval INTEGER, last_seq INTEGER)`);
    await out.run(
      `INSERT INTO meta VALUES (${KEYFRAME_FORMAT}, '${system.replace(/'/g, "''")}', ${interval}, ${lastSeq})`,
    );
    await out.run(`CREATE TABLE keyframes (kf INTEGER, "full" BOOLEAN, entities INTEGER)`);
    await out.run(PARTS_TABLE_SQL);
    const appender = await out.createAppender('keyframe_parts');
    const states = new EntityStates();
    const text = new WeakMap<JsonObject, string>();
    const marks: [number, boolean, number][] = [];
    const dirty = new Set<string>();
    let sinceFull = Infinity;
    let rows = 0;
    const checkpoint = (kf: number): void => {
      const full = sinceFull + dirty.size > states.entities.size / 2;
      const keys = full ? states.entities.keys() : dirty.values();
      const entities = [...keys].map((k) => states.entities.get(k)).filter((e) => e !== undefined);
      rows += appendEntities(appender, kf, entities, text);
      marks.push([kf, full, entities.length]);
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
    appender.closeSync();
    for (let i = 0; i < marks.length; i += 1000) {
      const values = marks.slice(i, i + 1000).map(([k, f, n]) => `(${k}, ${f}, ${n})`);
      await out.run(`INSERT INTO keyframes VALUES ${values.join(', ')}`);
    }
    await out.run('CHECKPOINT');
    out.closeSync();
    instance.closeSync();
    done = true;
    await rename(tmp, path);
    const full = marks.filter(([, f]) => f).length;
    return { path, interval, keyframes: marks.length, full, rows, ms: Date.now() - started };
  } finally {
    if (!done) {
      out.closeSync();
      instance.closeSync();
    }
    await rm(tmp, { force: true });
    await rm(`${tmp}.wal`, { force: true });
  }
}
