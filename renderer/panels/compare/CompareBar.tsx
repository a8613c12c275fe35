import { useState } from 'react';
import type { FormEvent } from 'react';
import { useCase } from '../../app/caseStore.js';
import { useStudio } from '../../app/studioStore.js';
import { errorText } from '../../app/useCall.js';
import { useCompare } from './compareStore.js';
import type { CompareMode } from './compareStore.js';

/** What to compare with the original: a branch, this archive shifted in time, or a second archive. */
export function CompareBar() {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const branches = useCase((s) => s.branches);
  const {
    mode,
    branchId,
    offsetMs,
    other,
    syncCameras,
    setMode,
    compareBranch,
    setOffset,
    setOther,
    setSyncCameras,
  } = useCompare();
  const [path, setPath] = useState(other?.path ?? '');
  const [offsetText, setOffsetText] = useState(String(offsetMs / 1000));
  const [problem, setProblem] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);

  const openOther = async (event: FormEvent) => {
    event.preventDefault();
    if (!client || !archive || !path.trim()) return;
    setOpening(true);
    setProblem(null);
    try {
      const info = await client.call('archive.open', { path: path.trim() });
      if (info.system !== archive.system) {
        setProblem(`${path.trim()} is a ${info.system} archive; this one is ${archive.system}`);
      } else setOther(info);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setOpening(false);
    }
  };

  return (
    <div className="compare-bar">
      <select
        value={mode}
        onChange={(e) => setMode(e.target.value as CompareMode)}
        data-testid="compare-mode"
      >
        <option value="branch">original and a branch</option>
        <option value="offset">two times of this archive</option>
        <option value="archive">two archives of the same system</option>
      </select>
      {mode === 'branch' && (
        <select
          value={branchId ?? ''}
          onChange={(e) => compareBranch(e.target.value)}
          aria-label="Branch"
          data-testid="compare-branch"
        >
          <option value="">choose a branch</option>
          {branches.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      )}
      {mode === 'offset' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const s = Number(offsetText);
            if (Number.isFinite(s)) setOffset(Math.round(s * 1000));
            else setProblem('the offset is a number of seconds');
          }}
        >
          right side runs{' '}
          <input
            value={offsetText}
            onChange={(e) => setOffsetText(e.target.value)}
            size={8}
            aria-label="Offset in seconds"
          />{' '}
          s later <button type="submit">apply</button>
        </form>
      )}
      {mode === 'archive' && (
        <form onSubmit={(e) => void openOther(e)}>
          <input
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder={`path of another ${archive?.system ?? ''} archive`}
            size={40}
            aria-label="Second archive"
          />{' '}
          <button type="submit" disabled={opening}>
            {opening ? 'opening…' : 'open'}
          </button>
        </form>
      )}
      <label>
        <input type="checkbox" checked={syncCameras} onChange={(e) => setSyncCameras(e.target.checked)} />{' '}
        sync cameras
      </label>
      {problem && (
        <span className="error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
