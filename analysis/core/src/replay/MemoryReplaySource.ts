import { EntityStates } from '../state/reducer.js';
import { parseTimeSpec } from '../timeSpec.js';
import type { EventBatch, Keyframe, ReplayEvent, ReplaySource } from './types.js';

/**
 * A timeline held in memory (hand-made cases, small headless replays): keyframes are folded
 * from the first event on every call, which makes it the naive reference as well.
 */
export class MemoryReplaySource implements ReplaySource {
  private readonly events: readonly ReplayEvent[];

  constructor(
    readonly system: string,
    events: readonly ReplayEvent[],
  ) {
    this.events = [...events].sort((a, b) => a.seq - b.seq);
    this.events.forEach((e, i) => {
      if (e.seq !== i)
        throw new Error(`MemoryReplaySource: events must be numbered 0..n-1 (found ${e.seq} at ${i})`);
    });
  }

  get lastSeq(): number {
    return this.events.length - 1;
  }

  async keyframe(at: string): Promise<Keyframe> {
    const spec = parseTimeSpec(at, 'at');
    let seq = -1;
    if (spec.kind === 'seq') seq = Math.min(spec.seq, this.lastSeq);
    else for (const e of this.events) if (e.ts <= spec.epochMs) seq = e.seq;
    const states = new EntityStates();
    // EntityStates derives every event's effects afresh: nothing a world cached is trusted.
    for (const e of this.events.slice(0, seq + 1)) states.apply(e);
    return { seq, at: spec.kind === 'time' ? spec.iso : null, entities: states.list() };
  }

  async window(fromSeq: number, limit: number): Promise<EventBatch> {
    const events = this.events.slice(Math.max(0, fromSeq), Math.max(0, fromSeq + limit));
    const last = events[events.length - 1];
    return {
      fromSeq,
      toSeq: last ? last.seq : fromSeq - 1,
      done: (last ? last.seq : fromSeq - 1) >= this.lastSeq,
      events,
      bytes: events.length * 100,
    };
  }
}
