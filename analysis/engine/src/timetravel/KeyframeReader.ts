import { stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { EntityState } from '../../../core/src/index.js';
import { openDuck } from '../store/duck.js';
import { KEYFRAME_FORMAT, PART_COLUMNS, readPart } from './keyframePack.js';
import { LayeredMap } from './LayeredMap.js';
import type { EntityFilter } from './keyframePack.js';

/** Full checkpoints kept decoded between seeks (each is the whole world, shared, never changed). */
const CACHED_FULL = 3;

/** An open keyframe file: the checkpoints it holds and how to load the world at one. */
export class KeyframeReader {
  private readonly cache = new Map<number, Map<string, EntityState>>();

  private constructor(
    private readonly close_: () => void,
    private readonly conn: DuckDBConnection,
    /** Checkpoint seqs, ascending. */
    readonly seqs: readonly number[],
    /** For each checkpoint, the latest full checkpoint at or before it. */
    private readonly fullOf: readonly number[],
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
      const [kfs, fulls] = (
        await conn.runAndReadAll(`SELECT kf, "full" FROM keyframes ORDER BY kf`)
      ).getColumnsJS() as [number[], boolean[]];
      const fullOf: number[] = [];
      let full = -1;
      (kfs ?? []).forEach((kf, i) => fullOf.push((full = fulls[i] ? Number(kf) : full)));
      return new KeyframeReader(close, conn, (kfs ?? []).map(Number), fullOf);
    } catch (err) {
      close();
      throw err;
    }
  }

  /** The latest checkpoint at or before `seq`, or null when the target precedes the first. */
  keyframeAtOrBefore(seq: number): number | null {
    const i = this.indexAtOrBefore(seq);
    return i < 0 ? null : (this.seqs[i] as number);
  }

  /**
   * The world at checkpoint `kf`, keyed like EntityStates, narrowed to a type or an entity
   * when asked: its full checkpoint, then every delta after it up to `kf`. The caller owns
   * the map it gets: writes to it never reach the cached full checkpoint underneath.
   */
  async load(kf: number, filter: EntityFilter = {}): Promise<Map<string, EntityState>> {
    const i = this.indexAtOrBefore(kf);
    if (i < 0 || this.seqs[i] !== kf) return new Map();
    const full = this.fullOf[i] as number;
    const narrowed = filter.entityType !== undefined || filter.entityId !== undefined;
    let out: Map<string, EntityState>;
    if (narrowed) {
      out = new Map();
      await this.read(`kf = ${full}`, filter, out);
    } else {
      let base = this.cache.get(full);
      if (base) this.cache.delete(full);
      else {
        base = new Map();
        await this.read(`kf = ${full}`, filter, base);
        if (this.cache.size >= CACHED_FULL) this.cache.delete(this.cache.keys().next().value as number);
      }
      // Most recently used last; the world at the full checkpoint is shared, never written.
      this.cache.set(full, base);
      out = new LayeredMap(base);
    }
    if (kf > full) await this.read(`kf > ${full} AND kf <= ${Math.floor(kf)}`, filter, out);
    return out;
  }

  close(): void {
    this.cache.clear();
    this.close_();
  }

  private async read(where: string, filter: EntityFilter, into: Map<string, EntityState>): Promise<void> {
    const result = await this.conn.stream(
      `SELECT ${PART_COLUMNS} FROM keyframe_parts WHERE ${where} ORDER BY kf, part`,
    );
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const row of chunk.getRows()) readPart(row, filter, into);
    }
  }

  private indexAtOrBefore(seq: number): number {
    let lo = 0;
    let hi = this.seqs.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.seqs[mid] as number) <= seq) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}
