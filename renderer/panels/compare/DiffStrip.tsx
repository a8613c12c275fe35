import { useEffect, useMemo, useState } from 'react';
import { ClientReplaySource } from '../../../analysis/core/src/index.js';
import type { ReplaySource } from '../../../analysis/core/src/index.js';
import { errorText } from '../../app/useCall.js';
import { useStudio } from '../../app/studioStore.js';
import { playheadAtSeq, playheadAtTime } from '../timeline/index.js';
import { sampleDiffs } from './diffSeries.js';
import type { DiffSample, SamplePlan } from './diffSeries.js';

const SAMPLES = 40;
const HEIGHT = 44;

/**
 * The number of differing entities over the whole timeline, as bars (sampled from keyframes
 * in the background); the playhead is drawn on it and a click moves it there.
 */
export function DiffStrip({
  right,
  plan,
  planKey,
}: {
  right: ReplaySource | null;
  plan: SamplePlan;
  planKey: string;
}) {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const playhead = useStudio((s) => s.playhead);
  const setPlayhead = useStudio((s) => s.setPlayhead);
  const [samples, setSamples] = useState<(DiffSample | undefined)[]>([]);
  const [error, setError] = useState<string | null>(null);
  const left = useMemo(
    () => (client && archive ? new ClientReplaySource(client, archive.id, archive.system) : null),
    [client, archive],
  );

  useEffect(() => {
    if (!left || !right) return;
    const controller = new AbortController();
    setSamples([]);
    setError(null);
    sampleDiffs(
      left,
      right,
      plan,
      SAMPLES,
      (i, s) =>
        setSamples((prev) => {
          const next = [...prev];
          next[i] = s;
          return next;
        }),
      controller.signal,
    ).catch((e: unknown) => !controller.signal.aborted && setError(errorText(e)));
    return () => controller.abort();
    // `planKey` stands for `plan` (a fresh object each render).
  }, [left, right, planKey]);

  if (!right || !client || !archive) return null;
  const max = Math.max(1, ...samples.map((s) => s?.count ?? 0));
  const done = samples.filter(Boolean).length;
  const width = 100 / SAMPLES;
  const position = (s: DiffSample) =>
    'seq' in s.at
      ? plan.kind === 'seq'
        ? s.at.seq / Math.max(1, plan.last)
        : 0
      : plan.kind === 'time'
        ? (s.at.time - plan.from) / Math.max(1, plan.to - plan.from)
        : 0;
  const playheadX =
    plan.kind === 'seq'
      ? playhead.seq / Math.max(1, plan.last)
      : playhead.at
        ? (Date.parse(playhead.at) - plan.from) / Math.max(1, plan.to - plan.from)
        : null;
  const go = (s: DiffSample) =>
    void (
      'seq' in s.at ? playheadAtSeq(client, archive, s.at.seq) : playheadAtTime(client, archive, s.at.time)
    ).then(setPlayhead, () => undefined);

  return (
    <section
      className="diff-strip"
      data-testid="diff-strip"
      data-sampled={done === SAMPLES ? 'all' : String(done)}
      aria-label="Differences over time"
    >
      <div className="diff-strip-title">
        entities that differ over time{' '}
        <span className="muted">
          (max {max}
          {done < SAMPLES ? `, sampling ${done}/${SAMPLES}` : ''})
        </span>
        {error && <span className="error"> {error}</span>}
      </div>
      <svg viewBox={`0 0 100 ${HEIGHT}`} preserveAspectRatio="none" height={HEIGHT} width="100%">
        {samples.map((s, i) =>
          s ? (
            <rect
              key={i}
              x={position(s) * (100 - width)}
              width={width * 0.8}
              y={HEIGHT - (s.count / max) * (HEIGHT - 2)}
              height={(s.count / max) * (HEIGHT - 2)}
              className="diff-bar"
              onClick={() => go(s)}
            >
              <title>{s.count} differ</title>
            </rect>
          ) : null,
        )}
        {playheadX !== null && (
          <rect x={playheadX * 100 - 0.15} width={0.3} y={0} height={HEIGHT} className="diff-playhead" />
        )}
      </svg>
    </section>
  );
}
