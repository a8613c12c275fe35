import { useEffect } from 'react';
import type { Replay } from '../../../analysis/core/src/index.js';
import { useCase } from '../../app/caseStore.js';
import { useStudio } from '../../app/studioStore.js';
import { ReplayViewport } from '../../viewport/index.js';
import { Captions, useAnnotationPins } from '../annotations/index.js';
import type { BranchEntry } from '../annotations/index.js';
import { PlaybackControls } from '../replay/index.js';
import { useBranchRuntime } from './branchRuntime.js';
import { ConflictList } from './ConflictList.js';
import { useFollower } from './followReplay.js';

const sameEvent = (main: Replay) => ({ seq: main.world.seq });

/** One branch replayed on the studio's clock (the same controls as Replay), with its conflicts. */
export function BranchView({ branch }: { branch: BranchEntry }) {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const run = useBranchRuntime((s) => s.runs[branch.id]);
  const ensure = useBranchRuntime((s) => s.ensure);
  const setActiveBranch = useCase((s) => s.setActiveBranch);
  useEffect(() => {
    if (client && archive) void ensure(client, archive, branch);
  }, [client, archive, branch, ensure]);
  // Annotations made while a branch is shown belong to it.
  useEffect(() => {
    setActiveBranch(branch.id);
    return () => setActiveBranch(null);
  }, [branch.id, setActiveBranch]);
  const replay = run?.replay ?? null;
  const moves = useFollower(replay, sameEvent, branch.id);
  const pins = useAnnotationPins(replay, branch.id, moves);

  if (!run || run.status === 'building')
    return <p className="muted">Building the branch (reading the original once)…</p>;
  if (run.status === 'error' || !replay || !run.source)
    return (
      <p className="error" role="alert">
        {run.error ?? 'the branch could not be built'}
      </p>
    );
  const source = run.source;
  return (
    <div className="branch-view" data-testid="branch-view">
      <p className="muted">
        {source.excludedSeqs.length} events left out · same as the original up to event #
        {Math.max(0, source.divergence)} ·{' '}
        <span data-testid="branch-conflict-count">{source.conflictCount}</span> conflicts
      </p>
      <PlaybackControls />
      <div className="branch-split">
        <div className="viewport-host">
          <ReplayViewport key={branch.id} replay={replay} pins={pins} cameraKey="main" />
          <Captions branch={branch.id} />
        </div>
        <ConflictList conflicts={source.conflicts} total={source.conflictCount} />
      </div>
    </div>
  );
}
