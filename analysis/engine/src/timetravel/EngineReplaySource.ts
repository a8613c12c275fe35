import { decodeKeyframe, decodeWindow } from '../../../core/src/index.js';
import type { EventBatch, Keyframe, ReplaySource } from '../../../core/src/index.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import { replayKeyframe, replayWindow } from './replaySource.js';
import type { TimeTravel } from './TimeTravel.js';

/**
 * The replay engine's source in process (tests, headless replays, video export): the same
 * Arrow tables the service sends, produced from DuckDB and decoded by core, so a headless
 * replay exercises exactly the studio's path minus the transport.
 */
export class EngineReplaySource implements ReplaySource {
  readonly system: string;

  constructor(private readonly travel: TimeTravel) {
    this.system = travel.system;
  }

  private get store(): ArchiveStore {
    return this.travel.store;
  }

  async keyframe(at: string): Promise<Keyframe> {
    return decodeKeyframe(await replayKeyframe(this.travel, at));
  }

  async window(fromSeq: number, limit: number): Promise<EventBatch> {
    return decodeWindow(this.system, await replayWindow(this.store, fromSeq, limit));
  }
}
