import { randomBytes } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EntityStates } from '../../../core/src/index.js';
import type { EntityState, JsonObject } from '../../../core/src/index.js';
import { openDuck } from '../store/duck.js';
import { streamStateEvents } from './eventRows.js';
import { stateJson, StoredEntityState } from './storedState.js';

/** A narrowing of the entities a query returns. */
export interface EntityFilter {
  entityType?: string;
  entityId?: string;
}

/** Bump when the layout or the reducer's rules change: old keyframe files are then rebuilt. */
export const KEYFRAME_FORMAT = 3;
/** The most events between two checkpoints: a seek folds at most this many after its keyframe. */
export const DEFAULT_KEYFRAME_INTERVAL = 50_000;
/** The fewest events between two checkpoints (unless the interval asked for is smaller). */
const MIN_KEYFRAME_INTERVAL = 5_000;

/**
 * The gap to the next checkpoint grows with the world: loading a keyframe costs about as
 * much per entity as folding an event costs per event, so a gap of half the entity count
 * keeps both parts of a seek alike, and the file's size within twice the event count.
 */
function nextGap(entities: number, max: number): number {
  return Math.max(Math.min(MIN_KEYFRAME_INTERVAL, max), Math.min(max, Math.round(entities / 2)));
}
/** Entities per stored row of a keyframe. */
const PART = 16_384;

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
  keyframes: number;
  rows: number;
  ms: number;
}

/**
 * One full replay that checkpoints the state of every entity at most `interval` events
 * apart (keyframe `s` holds the state after every event with seq ≤ s). Written to a temporary
 * file and renamed when complete, so a concurrent reader never sees half a keyframe file.
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
    await out.run(`CREATE TABLE keyframes (kf INTEGER, entities INTEGER)`);
    // A keyframe is a few large rows (PART entities each) rather than a row per entity:
    // loading one is then a handful of strings to split, not a value conversion per field.
    await out.run(`CREATE TABLE keyframe_parts (kf INTEGER, part INTEGER, meta VARCHAR, states VARCHAR)`);
    const appender = await out.createAppender('keyframe_parts');
    const states = new EntityStates();
    const text = new WeakMap<JsonObject, string>();
    const marks: [number, number][] = [];
    let rows = 0;
    const dump = (kf: number): void => {
      const all = [...states.entities.values()];
      for (let part = 0; part * PART < all.length; part++) {
        const slice = all.slice(part * PART, (part + 1) * PART);
        appender.appendInteger(kf);
        appender.appendInteger(part);
        appender.appendVarchar(
          JSON.stringify(slice.map((e) => [e.entityType, e.entityId, e.deleted, e.lastSeq])),
        );
        // JSON text never holds a raw newline, so one joins the states unambiguously.
        appender.appendVarchar(slice.map((e) => stateJson(e, text)).join('\n'));
        appender.endRow();
      }
      rows += all.length;
      marks.push([kf, all.length]);
    };
    let next = nextGap(0, interval) - 1;
    const advance = (): void => {
      dump(next);
      next += nextGap(states.entities.size, interval);
    };
    for await (const batch of streamStateEvents(conn, system, -1, lastSeq)) {
      for (const event of batch) {
        while (event.seq > next) advance();
        states.apply(event);
      }
    }
    while (next <= lastSeq) advance();
    appender.closeSync();
    if (marks.length > 0)
      await out.run(`INSERT INTO keyframes VALUES ${marks.map(([k, n]) => `(${k}, ${n})`).join(', ')}`);
    await out.run('CHECKPOINT');
    out.closeSync();
    instance.closeSync();
    done = true;
    await rename(tmp, path);
    return { path, interval, keyframes: marks.length, rows, ms: Date.now() - started };
  } finally {
    if (!done) {
      out.closeSync();
      instance.closeSync();
    }
    await rm(tmp, { force: true });
    await rm(`${tmp}.wal`, { force: true });
  }
}

/** An open keyframe file: the checkpoints it holds and how to load one. */
export class KeyframeReader {
  private constructor(
    private readonly close_: () => void,
    private readonly conn: DuckDBConnection,
    /** Keyframe seqs, ascending. */
    readonly seqs: readonly number[],
  ) {}

  /** Opens the file when it is there and matches this archive; null otherwise. */
  static async open(path: string, system: string, lastSeq: number): Promise<KeyframeReader | null> {
    if (
      !(await stat(path).then(
        () => true,
        () => false,
      ))
    )
      return null;
    const { instance, conn } = await openDuck(path, { readOnly: true });
    const close = (): void => {
      conn.closeSync();
      instance.closeSync();
    };
    try {
      const meta = (
        await conn.runAndReadAll(`SELECT format, system, last_seq FROM meta`)
      ).getRowObjectsJS()[0];
      if (meta?.['format'] !== KEYFRAME_FORMAT || meta['system'] !== system || meta['last_seq'] !== lastSeq) {
        close();
        return null;
      }
      const seqs = (await conn.runAndReadAll(`SELECT kf FROM keyframes ORDER BY kf`))
        .getColumnsJS()[0]
        ?.map(Number);
      return new KeyframeReader(close, conn, seqs ?? []);
    } catch (err) {
      close();
      throw err;
    }
  }

  /** The latest keyframe at or before `seq`, or null when the target precedes the first. */
  keyframeAtOrBefore(seq: number): number | null {
    let lo = 0;
    let hi = this.seqs.length - 1;
    let found: number | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.seqs[mid] as number;
      if (s <= seq) {
        found = s;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The entities of one keyframe, narrowed to a type or an entity when asked. */
  async load(kf: number, filter: EntityFilter = {}): Promise<EntityState[]> {
    const result = await this.conn.stream(
      `SELECT meta, states FROM keyframe_parts WHERE kf = ${Math.floor(kf)} ORDER BY part`,
    );
    const out: EntityState[] = [];
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const [metas, texts] = chunk.getColumns();
      for (let i = 0; i < chunk.rowCount; i++) {
        const meta = JSON.parse(String(metas?.[i])) as [string, string, boolean, number][];
        const jsons = String(texts?.[i]).split('\n');
        meta.forEach(([type, id, deleted, lastSeq], j) => {
          if (filter.entityType !== undefined && type !== filter.entityType) return;
          if (filter.entityId !== undefined && id !== filter.entityId) return;
          out.push(new StoredEntityState(type, id, jsons[j] ?? '{}', deleted, lastSeq));
        });
      }
    }
    return out;
  }

  close(): void {
    this.close_();
  }
}
