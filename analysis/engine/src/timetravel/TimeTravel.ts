import { EntityStates } from '../../../core/src/index.js';
import type { EntityState, StateEvent, TimeSpec } from '../../../core/src/index.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import { isoSql } from '../store/ArchiveStore.js';
import { queued } from './connectionQueue.js';
import { streamStateEvents } from './eventRows.js';
import { buildKeyframes, DEFAULT_KEYFRAME_INTERVAL, KeyframeReader, keyframePath } from './keyframes.js';
import type { EntityFilter, KeyframeBuild } from './keyframes.js';

export interface TimeTravelOptions {
  /**
   * `auto` (default): use the keyframe file, building it on first use; `existing`: use it only
   * when already built; `off`: always replay from the first event (the reference).
   */
  keyframes?: 'auto' | 'existing' | 'off';
  interval?: number;
  /** Told when a keyframe file is being built (it takes one full replay). */
  onBuild?: (phase: 'start' | 'done', build?: KeyframeBuild) => void;
}

/** A resolved point of the timeline: the last event at or before it (-1: before the first). */
export interface TimelinePoint {
  seq: number;
  /** The instant asked for, or the time of event `seq` when asked by seq; null when no event. */
  at: string | null;
}

/**
 * The state of every entity at any point of one archive: a keyframe at or before the point,
 * then the events after it folded in JS. Without keyframes it folds from the first event,
 * which is also the reference the keyframes are tested against.
 */
export class TimeTravel {
  private constructor(
    readonly store: ArchiveStore,
    readonly system: string,
    /** Seq of the last event (-1 for an empty archive). */
    readonly lastSeq: number,
    private readonly keyframes: KeyframeReader | null,
  ) {}

  /** Waits for other reads of the store: two opens at once build the keyframe file once. */
  static open(store: ArchiveStore, options: TimeTravelOptions = {}): Promise<TimeTravel> {
    return queued(store.conn, () => TimeTravel.openNow(store, options));
  }

  private static async openNow(store: ArchiveStore, options: TimeTravelOptions): Promise<TimeTravel> {
    const info = (
      await store.all(`SELECT (SELECT system FROM archive_info) AS system,
        (SELECT coalesce(max(seq), -1)::INTEGER FROM events) AS last_seq`)
    )[0];
    const system = String(info?.['system']);
    const lastSeq = Number(info?.['last_seq'] ?? -1);
    const mode = options.keyframes ?? 'auto';
    let reader: KeyframeReader | null = null;
    if (mode !== 'off') {
      const path = keyframePath(store.dbPath);
      reader = await KeyframeReader.open(path, system, lastSeq);
      // A timeline shorter than one interval is folded whole: a keyframe would not save anything.
      if (!reader && mode === 'auto' && lastSeq + 1 >= (options.interval ?? DEFAULT_KEYFRAME_INTERVAL)) {
        options.onBuild?.('start');
        const build = await buildKeyframes(
          store.conn,
          system,
          lastSeq,
          path,
          options.interval ?? DEFAULT_KEYFRAME_INTERVAL,
        );
        options.onBuild?.('done', build);
        reader = await KeyframeReader.open(path, system, lastSeq);
      }
    }
    return new TimeTravel(store, system, lastSeq, reader);
  }

  get hasKeyframes(): boolean {
    return this.keyframes !== null;
  }

  /** An instant resolves to the last event at or before it; `seq:N` to N (clamped to the end). */
  resolve(spec: TimeSpec): Promise<TimelinePoint> {
    return queued(this.store.conn, () => this.resolveNow(spec));
  }

  private async resolveNow(spec: TimeSpec): Promise<TimelinePoint> {
    if (spec.kind === 'seq') {
      const seq = Math.min(spec.seq, this.lastSeq);
      const row = (await this.store.all(`SELECT ${isoSql('ts')} AS at FROM events WHERE seq = ${seq}`))[0];
      return { seq, at: row ? String(row['at']) : null };
    }
    const row = (
      await this.store.all(
        `SELECT coalesce(max(seq), -1)::INTEGER AS seq FROM events WHERE ts <= epoch_ms($ms::BIGINT)::TIMESTAMPTZ`,
        { ms: BigInt(Math.round(spec.epochMs)) },
      )
    )[0];
    return { seq: Number(row?.['seq'] ?? -1), at: spec.iso };
  }

  /**
   * Every entity's state after event `seq` (all of them: filters are applied by the caller,
   * except that a keyframe is loaded narrowed to `filter` when one is given).
   */
  statesAt(seq: number, filter: EntityFilter = {}): Promise<EntityStates> {
    return queued(this.store.conn, () => this.statesAtNow(seq, filter));
  }

  private async statesAtNow(seq: number, filter: EntityFilter): Promise<EntityStates> {
    const target = Math.min(seq, this.lastSeq);
    const kf = this.keyframes?.keyframeAtOrBefore(target) ?? null;
    const states = new EntityStates();
    if (kf !== null && this.keyframes) {
      // The loaded map is keyed as EntityStates keys it and is ours: adopt it rather than copy 100,000 entries.
      (states as { entities: Map<string, EntityState> }).entities = await this.keyframes.load(kf, filter);
    }
    await this.foldNow(states, kf ?? -1, target);
    return states;
  }

  /** The entities matching `filter` after event `seq`, ordered by type and id. */
  async entitiesAt(seq: number, filter: EntityFilter = {}): Promise<EntityState[]> {
    const states = await this.statesAt(seq, filter);
    return states.list(
      (e) =>
        (filter.entityType === undefined || e.entityType === filter.entityType) &&
        (filter.entityId === undefined || e.entityId === filter.entityId),
    );
  }

  /** Folds the events with seq in (after, upTo] into `states`, telling `onEvent` of each. */
  fold(
    states: EntityStates,
    after: number,
    upTo: number,
    onEvent?: (event: StateEvent, effects: ReturnType<EntityStates['apply']>) => void,
  ): Promise<void> {
    return queued(this.store.conn, () => this.foldNow(states, after, upTo, onEvent));
  }

  private async foldNow(
    states: EntityStates,
    after: number,
    upTo: number,
    onEvent?: (event: StateEvent, effects: ReturnType<EntityStates['apply']>) => void,
  ): Promise<void> {
    for await (const batch of streamStateEvents(this.store.conn, this.system, after, upTo)) {
      for (const event of batch) {
        const effects = states.apply(event);
        onEvent?.(event, effects);
      }
    }
  }

  close(): void {
    this.keyframes?.close();
  }
}
