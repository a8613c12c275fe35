import { diffStates } from '../../../analysis/core/src/index.js';
import type { ReplaySource } from '../../../analysis/core/src/index.js';
import { isoOf } from '../../app/format.js';

/** One sample of the difference count: where (a seq, or a time in ms) and how many entities differ. */
export interface DiffSample {
  at: { seq: number } | { time: number };
  count: number;
}

export type SamplePlan =
  { kind: 'seq'; last: number } | { kind: 'time'; from: number; to: number; shift: number };

/**
 * The number of differing entities at `samples` evenly spaced points, from the two sources'
 * keyframes (so the strip never moves either replay). Calls `onSample` as each arrives;
 * stops when `signal` aborts.
 */
export async function sampleDiffs(
  left: ReplaySource,
  right: ReplaySource,
  plan: SamplePlan,
  samples: number,
  onSample: (i: number, sample: DiffSample) => void,
  signal: AbortSignal,
): Promise<void> {
  for (let i = 0; i < samples && !signal.aborted; i++) {
    const f = samples === 1 ? 1 : i / (samples - 1);
    if (plan.kind === 'seq') {
      const seq = Math.round(f * plan.last);
      const [a, b] = await Promise.all([left.keyframe(`seq:${seq}`), right.keyframe(`seq:${seq}`)]);
      if (!signal.aborted) onSample(i, { at: { seq }, count: diffStates(a.entities, b.entities).length });
    } else {
      const time = plan.from + f * (plan.to - plan.from);
      const [a, b] = await Promise.all([
        left.keyframe(isoOf(time)),
        right.keyframe(isoOf(time + plan.shift)),
      ]);
      if (!signal.aborted) onSample(i, { at: { time }, count: diffStates(a.entities, b.entities).length });
    }
  }
}
