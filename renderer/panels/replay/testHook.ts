import { useReplay } from '../../app/replayStore.js';
import { replayProfile } from '../../viewport/frameProfile.js';

/** What the browser tests read of the replay: plain data only (no functions that run code given to them). */
export interface ReplaySnapshot {
  seq: number;
  /** ISO time of the playhead. */
  at: string | null;
  playing: boolean;
  speed: number;
  /** Every entity that exists or was deleted at the playhead, as `chronoscope state --json` lists them. */
  entities: { entityType: string; entityId: string; deleted: boolean; state: Record<string, unknown> }[];
  instances: number;
}

function snapshot(): ReplaySnapshot | null {
  const { replay } = useReplay.getState();
  if (!replay) return null;
  const seq = replay.world.seq;
  return {
    seq,
    at: seq < 0 ? null : new Date(replay.clock.time).toISOString(),
    playing: replay.clock.playing,
    speed: replay.clock.speed,
    entities: replay.world.entities().map((e) => ({
      entityType: e.entityType,
      entityId: e.entityId,
      deleted: e.deleted,
      state: structuredClone(e.state),
    })),
    instances: replay.world.arrays.count,
  };
}

/**
 * `window.__chronoscope.replay`: read-only views for tests and the benchmark (a snapshot of
 * the world, per-frame timings). Nothing here takes code or changes the evidence.
 */
export function installReplayTestHook(): void {
  if (typeof window === 'undefined') return;
  const host = window as unknown as { __chronoscope?: Record<string, unknown> };
  host.__chronoscope ??= {};
  host.__chronoscope['replay'] = Object.freeze({
    snapshot,
    // The playhead alone (cheap to poll): seq, ISO time, and whether the world waits for data.
    position: () => {
      const s = useReplay.getState();
      return {
        seq: s.seq,
        at: s.seq < 0 ? null : new Date(s.time).toISOString(),
        waiting: s.waiting,
        version: s.version,
      };
    },
    profile: () => replayProfile.read(),
    resetProfile: () => replayProfile.reset(),
  });
}
