import { useEffect, useMemo, useState } from 'react';
import { ClientReplaySource, Replay } from '../../../analysis/core/src/index.js';
import type { ReplaySource } from '../../../analysis/core/src/index.js';
import { useCase } from '../../app/caseStore.js';
import { useStudio } from '../../app/studioStore.js';
import { errorText } from '../../app/useCall.js';
import { replayOptions, useBranchRuntime } from '../branches/index.js';
import type { FollowTarget } from '../branches/index.js';
import { useCompare } from './compareStore.js';

/** The right-hand side of a comparison: a replay, how it follows the playhead, and its source for the strip. */
export interface Comparand {
  replay: Replay | null;
  /** The source the difference strip samples (keyframes); the left side's is the original's. */
  source: ReplaySource | null;
  label: string;
  status: string | null;
  error: string | null;
  target: (main: Replay) => FollowTarget;
  /** Changes when the target changes (the follower re-subscribes). */
  key: string;
}

/** Builds (once per choice) the replay the compare view shows beside the original. */
export function useComparand(): Comparand {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const { mode, branchId, offsetMs, other } = useCompare();
  const branch = useCase((s) => s.branches.find((b) => b.id === branchId) ?? null);
  const run = useBranchRuntime((s) => (branchId ? s.runs[branchId] : undefined));
  const ensure = useBranchRuntime((s) => s.ensure);
  const [second, setSecond] = useState<{ key: string; replay: Replay | null; error: string | null } | null>(
    null,
  );

  useEffect(() => {
    if (mode === 'branch' && client && archive && branch) void ensure(client, archive, branch);
  }, [mode, client, archive, branch, ensure]);

  // A second replay of this archive (offset) or of the other one.
  const secondArchive = mode === 'offset' ? archive : mode === 'archive' ? other : null;
  const secondKey = secondArchive ? `${mode}:${secondArchive.id}` : null;
  useEffect(() => {
    if (!client || !secondArchive || !secondKey) return;
    let cancelled = false;
    setSecond({ key: secondKey, replay: null, error: null });
    Replay.open(
      new ClientReplaySource(client, secondArchive.id, secondArchive.system),
      replayOptions(secondArchive),
    ).then(
      (replay) => !cancelled && setSecond({ key: secondKey, replay, error: null }),
      (error: unknown) => !cancelled && setSecond({ key: secondKey, replay: null, error: errorText(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [client, secondArchive, secondKey]);

  return useMemo<Comparand>(() => {
    if (mode === 'branch') {
      return {
        replay: run?.replay ?? null,
        source: run?.source ?? null,
        label: branch ? `branch: ${branch.name}` : 'branch',
        status: !branch
          ? 'choose a branch'
          : !run || run.status === 'building'
            ? 'building the branch…'
            : null,
        error: run?.error ?? null,
        target: (main) => ({ seq: main.world.seq }),
        key: `branch:${branchId ?? ''}`,
      };
    }
    const mine = second && second.key === secondKey ? second : null;
    const shift = mode === 'offset' ? offsetMs : 0;
    return {
      replay: mine?.replay ?? null,
      source: mine?.replay?.source ?? null,
      label:
        mode === 'offset'
          ? `this archive, ${shift >= 0 ? '+' : ''}${shift / 1000} s`
          : `other archive: ${other?.path ?? '—'}`,
      status: !secondArchive ? 'open a second archive of the same system' : mine?.replay ? null : 'opening…',
      error: mine?.error ?? null,
      target: (main) => ({ time: main.clock.time + shift }),
      key: `${secondKey ?? ''}:${shift}`,
    };
  }, [mode, run, branch, branchId, second, secondKey, secondArchive, offsetMs, other]);
}
