import { useMemo, useState } from 'react';
import { entityKey } from '../../../analysis/core/src/index.js';
import type { ArchiveInfo, FindingShape, Replay } from '../../../analysis/core/src/index.js';
import { useReplay } from '../../app/replayStore.js';
import { useStudio } from '../../app/studioStore.js';
import { useCall } from '../../app/useCall.js';
import { ReplayViewport } from '../../viewport/index.js';
import { actorNames } from '../../viewport/worldNames.js';
import { PlaybackControls } from './PlaybackControls.js';
import { ReplayStatus } from './ReplayStatus.js';
import { Captions, useAnnotationPins } from '../annotations/index.js';
import './replay.css';

/** Findings whose time range holds the playhead: their entity and actor light up in the world. */
function findingsAt(findings: readonly FindingShape[] | undefined, at: string | null): FindingShape[] {
  if (!findings || !at) return [];
  const t = Date.parse(at);
  return findings.filter((f) => Date.parse(f.from) <= t && t <= Date.parse(f.to));
}

function highlightOf(replay: Replay, archive: ArchiveInfo, findings: FindingShape[]): Set<string> {
  const keys = new Set<string>();
  for (const f of findings) {
    if (f.actor) keys.add(f.actor);
    if (!f.entity) continue;
    for (const type of Object.keys(archive.entityTypes)) {
      if (replay.world.instanceOf(type, f.entity) !== undefined) keys.add(entityKey(type, f.entity));
    }
  }
  return keys;
}

function ViewToggles(props: {
  replay: Replay;
  voxel: boolean;
  heatmap: boolean;
  setHeatmap(on: boolean): void;
  labels: boolean;
  setLabels(on: boolean): void;
  findings: boolean;
  setFindings(on: boolean): void;
  onFit(): void;
}) {
  const follow = useReplay((s) => s.follow);
  const setFollow = useReplay((s) => s.setFollow);
  // Re-read the actors when the playhead moves (the world meets new ones as it plays).
  useStudio((s) => s.playhead);
  const actors = [...actorNames(props.replay.world).values()].sort();
  return (
    <div className="replay-view-toggles">
      <label>
        follow{' '}
        <select
          value={follow ?? ''}
          onChange={(e) => setFollow(e.target.value || null)}
          data-testid="replay-follow"
        >
          <option value="">nobody (free camera)</option>
          {actors.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      {props.voxel && (
        <label>
          <input
            type="checkbox"
            checked={props.heatmap}
            onChange={(e) => props.setHeatmap(e.target.checked)}
            data-testid="replay-heatmap"
          />{' '}
          heatmap
        </label>
      )}
      <label>
        <input type="checkbox" checked={props.labels} onChange={(e) => props.setLabels(e.target.checked)} />{' '}
        labels
      </label>
      <label>
        <input
          type="checkbox"
          checked={props.findings}
          onChange={(e) => props.setFindings(e.target.checked)}
          data-testid="replay-findings"
        />{' '}
        findings at the playhead
      </label>
      <button type="button" onClick={props.onFit} title="Frame the whole world">
        fit
      </button>
    </div>
  );
}

/**
 * The replay panel: the 3D world at the playhead and its playback controls. The playhead is
 * the studio's: the timeline, the events table and this panel move together.
 */
export function ReplayPanel() {
  const archive = useStudio((s) => s.archive);
  const playhead = useStudio((s) => s.playhead);
  const replay = useReplay((s) => s.replay);
  const opening = useReplay((s) => s.opening);
  const error = useReplay((s) => s.error);
  const follow = useReplay((s) => s.follow);
  const setFollow = useReplay((s) => s.setFollow);
  const [heatmapOn, setHeatmap] = useState(false);
  const [labels, setLabels] = useState(true);
  const [findingsOn, setFindings] = useState(true);
  const [fitSignal, setFitSignal] = useState(0);

  const voxel = replay?.world.layout.kind === 'voxel';
  const heatmap = useCall(
    'analytics.heatmap',
    archive && heatmapOn && voxel ? { archive: archive.id, filter: {}, kind: 'spatial' } : null,
    { cache: true },
  );
  const analysis = useCall(
    'analyze.run',
    archive && findingsOn ? { archive: archive.id, filter: {} } : null,
    {
      cache: true,
    },
  );
  const active = useMemo(
    () => findingsAt(analysis.data?.findings, playhead.at),
    [analysis.data, playhead.at],
  );
  const highlight = useMemo(
    () => (replay && archive ? highlightOf(replay, archive, active) : new Set<string>()),
    [replay, archive, active],
  );
  // The original's annotations with a place in the world, as pins (they follow their entity).
  const pins = useAnnotationPins(replay, null, playhead.seq);

  if (!archive) return null;
  if (!replay)
    return (
      <div className="replay-panel">
        <p className={error ? 'error' : 'muted'} role={error ? 'alert' : undefined}>
          {error ?? (opening ? 'Opening the replay…' : 'No replay.')}
        </p>
      </div>
    );
  return (
    <div className="replay-panel" data-testid="replay-panel">
      <PlaybackControls />
      <ViewToggles
        replay={replay}
        voxel={voxel}
        heatmap={heatmapOn}
        setHeatmap={setHeatmap}
        labels={labels}
        setLabels={setLabels}
        findings={findingsOn}
        setFindings={setFindings}
        onFit={() => setFitSignal((n) => n + 1)}
      />
      <ReplayStatus findings={active.length} />
      {heatmap.error && <p className="error">heatmap: {heatmap.error}</p>}
      <ReplayViewport
        key={replay.source.system + archive.id}
        replay={replay}
        highlight={highlight}
        follow={follow}
        onFollow={setFollow}
        heatmap={heatmapOn ? heatmap.data : null}
        showLabels={labels}
        fitSignal={fitSignal}
        cameraKey="main"
        pins={pins}
      />
      <Captions />
    </div>
  );
}
