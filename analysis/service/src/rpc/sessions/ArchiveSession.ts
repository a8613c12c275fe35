import { ArchiveStore, TimeTravel } from '../../../../engine/src/index.js';
import type { SystemId } from '../../../../core/src/index.js';
import { Lane } from './Lane.js';

export interface SessionIdentity {
  /** The archive's sha256: its id on the wire. */
  id: string;
  /** The path it was opened from (absolute). */
  path: string;
  dbPath: string;
  system: SystemId;
  /** `auditpack` when the evidence is a pack (integrity then runs the pack's own checks too). */
  kind: string;
}

/** Results remembered per archive: the cache is read-only, so the same call gives the same answer. */
const MEMO_ENTRIES = 64;

/**
 * One open archive. Its calls run on three lanes, each its own read-only DuckDB instance on
 * the same cache file (opened on first use), so that a long call never holds up the panels:
 *   panels: summary, events, density, heatmaps, trend, activity, rejects (short and many);
 *   travel: state, history, rollback plans, replay (time travel keeps keyframes on it);
 *   work:   user SQL, detectors, rules, integrity, timeline markers (long; cancellable),
 *           with file access switched off and the configuration locked, so user SQL can
 *           neither read nor write files (COPY, read_csv, ATTACH) nor turn that back on.
 * Calls on one lane take turns (see Lane).
 */
export class ArchiveSession {
  readonly panels: Lane;
  readonly travel: Lane;
  readonly work: Lane;
  private timeTravel: Promise<TimeTravel> | null = null;
  private keyframes: Promise<void> | null = null;
  private readonly memo = new Map<string, unknown>();

  constructor(readonly identity: SessionIdentity) {
    const open = (): Promise<ArchiveStore> => ArchiveStore.open(identity.dbPath);
    this.panels = new Lane(open);
    this.travel = new Lane(open);
    this.work = new Lane(async () => {
      const store = await open();
      try {
        await store.conn.run(`SET enable_external_access = false`);
        await store.conn.run(`SET lock_configuration = true`);
      } catch (err) {
        store.close();
        throw err;
      }
      return store;
    });
  }

  get id(): string {
    return this.identity.id;
  }

  /**
   * Builds the archive's keyframes (once per archive, kept in its cache) on a connection of
   * its own that no cancel interrupts: an interrupted stream ends like a complete one, and the
   * keyframe file would be saved with wrong states. Started in the background as soon as the
   * archive is open, so the first seek finds them ready (or nearly) and the travel lane stays
   * free for the replay's windows meanwhile.
   */
  prepareKeyframes(): Promise<void> {
    this.keyframes ??= (async () => {
      const builder = await ArchiveStore.open(this.identity.dbPath);
      try {
        (await TimeTravel.open(builder)).close();
      } finally {
        builder.close();
      }
    })().catch((err: unknown) => {
      this.keyframes = null;
      throw err;
    });
    return this.keyframes;
  }

  /** Time travel on the travel lane's store (call from inside `travel.run`), once the keyframes are ready. */
  travelOn(store: ArchiveStore): Promise<TimeTravel> {
    this.timeTravel ??= this.prepareKeyframes()
      .then(() => TimeTravel.open(store, { keyframes: 'existing' }))
      .catch((err: unknown) => {
        this.timeTravel = null;
        throw err;
      });
    return this.timeTravel;
  }

  /**
   * The remembered answer to the same call, or a new one. Only answers are remembered, not
   * calls in flight: a call cancelled by one caller must not fail another's.
   */
  async remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.memo.has(key)) {
      const hit = this.memo.get(key) as T;
      // Most recently used last: the first key is the one to evict.
      this.memo.delete(key);
      this.memo.set(key, hit);
      return hit;
    }
    const value = await compute();
    this.memo.set(key, value);
    if (this.memo.size > MEMO_ENTRIES) this.memo.delete(this.memo.keys().next().value as string);
    return value;
  }

  async close(): Promise<void> {
    // A build under way finishes first: its file is written atomically, and it holds the cache open.
    await this.keyframes?.catch(() => undefined);
    const travel = this.timeTravel;
    await Promise.all([this.panels.close(), this.travel.close(), this.work.close()]);
    if (travel) (await travel.catch(() => null))?.close();
  }
}
