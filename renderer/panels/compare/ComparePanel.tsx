import { useMemo } from 'react';
import { diffStates } from '../../../analysis/core/src/index.js';
import type { EntityDiff, Replay } from '../../../analysis/core/src/index.js';
import { useReplay } from '../../app/replayStore.js';
import { useStudio } from '../../app/studioStore.js';
import { highlightKey, ReplayViewport } from '../../viewport/index.js';
import { useFollower } from '../branches/index.js';
import { PlaybackControls } from '../replay/index.js';
import { CompareBar } from './CompareBar.js';
import { useCompare } from './compareStore.js';
import { DiffList } from './DiffList.js';
import { DiffStrip } from './DiffStrip.js';
import type { SamplePlan } from './diffSeries.js';
import { useComparand } from './useComparand.js';
import './compare.css';

/**
 * Two replays side by side on one clock: the original on the left, a branch, another time of
 * this archive or another archive on the right. The entities that differ light up in both,
 * are listed with their fields, and their count over time is drawn under the viewports.
 */
export function ComparePanel() {
  const archive = useStudio((s) => s.archive);
  const main = useReplay((s) => s.replay);
  const syncCameras = useCompare((s) => s.syncCameras);
  const offsetMs = useCompare((s) => s.offsetMs);
  const mode = useCompare((s) => s.mode);
  const right = useComparand();
  const moves = useFollower(right.replay, right.target, right.key);

  const diffs = useMemo<EntityDiff[]>(
    () => (main && right.replay ? diffStates(main.world.entities(), right.replay.world.entities()) : []),
    // `moves`: the right side moved (and the left with it): compare again.
    [main, right.replay, moves],
  );
  const highlight = useMemo(() => new Set(diffs.map((d) => highlightKey(d.entityType, d.entityId))), [diffs]);
  // How many of the differing entities each side draws lit (an entity absent on one side has no instance there).
  const drawn = (replay: Replay | null) =>
    replay ? diffs.filter((d) => replay.world.instanceOf(d.entityType, d.entityId) !== undefined).length : 0;
  const plan = useMemo<SamplePlan | null>(() => {
    if (!archive) return null;
    if (mode === 'branch') return { kind: 'seq', last: Math.max(0, archive.records - 1) };
    const from = Date.parse(archive.timeRange.from ?? '');
    const to = Date.parse(archive.timeRange.to ?? '');
    return Number.isFinite(from) && Number.isFinite(to)
      ? { kind: 'time', from, to, shift: mode === 'offset' ? offsetMs : 0 }
      : null;
  }, [archive, mode, offsetMs]);

  if (!archive) return null;
  return (
    <div className="panel-body compare-panel" data-testid="compare-panel">
      <CompareBar />
      <PlaybackControls />
      <div className="compare-views">
        <figure className="compare-side" data-testid="compare-left" data-highlighted={drawn(main)}>
          <figcaption>original</figcaption>
          {main ? (
            <ReplayViewport
              replay={main}
              highlight={highlight}
              cameraKey={syncCameras ? 'compare' : 'compare-left'}
            />
          ) : (
            <p className="muted">Opening the replay…</p>
          )}
        </figure>
        <figure className="compare-side" data-testid="compare-right" data-highlighted={drawn(right.replay)}>
          <figcaption>{right.label}</figcaption>
          {right.replay ? (
            <ReplayViewport
              key={right.key}
              replay={right.replay}
              highlight={highlight}
              cameraKey={syncCameras ? 'compare' : 'compare-right'}
            />
          ) : (
            <p className={right.error ? 'error' : 'muted'}>{right.error ?? right.status}</p>
          )}
        </figure>
      </div>
      {plan && (
        <DiffStrip right={right.source} plan={plan} planKey={`${right.key}:${JSON.stringify(plan)}`} />
      )}
      <DiffList diffs={diffs} />
    </div>
  );
}
