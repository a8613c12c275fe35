import type { AnalysisClient } from '../contract/client.js';
import { decodeKeyframe, decodeWindow } from './arrowCodec.js';
import type { EventBatch, Keyframe, ReplaySource } from './types.js';

/** The timeline of one open archive, read through the analysis service (`replay.keyframe`, `replay.window`). */
export class ClientReplaySource implements ReplaySource {
  constructor(
    private readonly client: AnalysisClient,
    /** The archive's id (its sha256, as `archive.open` returned it). */
    readonly archive: string,
    readonly system: string,
  ) {}

  async keyframe(at: string): Promise<Keyframe> {
    return decodeKeyframe(await this.client.call('replay.keyframe', { archive: this.archive, at }));
  }

  async window(fromSeq: number, limit: number): Promise<EventBatch> {
    const result = await this.client.call('replay.window', { archive: this.archive, fromSeq, limit });
    return decodeWindow(this.system, result);
  }
}
