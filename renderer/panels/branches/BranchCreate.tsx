import { useState } from 'react';
import type { FormEvent } from 'react';
import { useCase } from '../../app/caseStore.js';
import { formatTime } from '../../app/format.js';
import { useStudio } from '../../app/studioStore.js';
import { errorText, useCall } from '../../app/useCall.js';
import { newId } from '../annotations/index.js';
import type { BranchEntry } from '../annotations/index.js';
import { playheadAtTime } from '../timeline/index.js';
import { describeFilter, selectionSeqs, withoutActor } from './branchSpecs.js';
import type { BranchMode } from './branchSpecs.js';

const MODES: { id: BranchMode; label: string }[] = [
  { id: 'actor', label: "leave out an actor's events" },
  { id: 'session', label: "leave out a session's events" },
  { id: 'selection', label: 'leave out the selection (the current filter)' },
  { id: 'range', label: 'leave out the brushed time range' },
  { id: 'rollback', label: 'roll back a selection at the playhead' },
];

/**
 * A new branch from what the studio has in hand: the actor, the filter the timeline brush or
 * the events table set, the brushed range, or a rollback at the playhead (the same plan as
 * `rollback.plan`, carried out inside the timeline).
 */
export function BranchCreate({ onCreated }: { onCreated(id: string): void }) {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const filter = useStudio((s) => s.filter);
  const playhead = useStudio((s) => s.playhead);
  const put = useCase((s) => s.put);
  const summary = useCall('archive.summary', archive ? { archive: archive.id, filter: {}, top: 200 } : null, {
    cache: true,
  });
  const [mode, setMode] = useState<BranchMode>('actor');
  const [actor, setActor] = useState(filter.actors?.[0] ?? '');
  const [session, setSession] = useState('');
  const [rollbackTo, setRollbackTo] = useState(filter.from ?? '');
  const [entityId, setEntityId] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!client || !archive) return null;
  const actors = summary.data?.actors ?? [];

  const build = async (): Promise<Pick<BranchEntry, 'name' | 'description' | 'spec'>> => {
    switch (mode) {
      case 'actor': {
        const who = actor || actors[0]?.key;
        if (!who) throw new Error('choose an actor');
        return withoutActor(who);
      }
      case 'session':
        if (!session.trim()) throw new Error('type the session id');
        return {
          name: `without session ${session.trim()}`,
          description: `every event of session ${session.trim()} left out`,
          spec: { exclude: [{ sessions: [session.trim()] }] },
        };
      case 'selection': {
        const seqs = await selectionSeqs(client, archive, filter);
        return {
          name: `without ${seqs.length} selected events`,
          description: `left out: ${describeFilter(filter)}`,
          spec: { exclude: [{ seqs }] },
        };
      }
      case 'range': {
        if (!filter.from || !filter.to) throw new Error('brush a range on the timeline first');
        return {
          name: `without ${formatTime(filter.from)} → ${formatTime(filter.to)}`,
          description: 'every event of the brushed range left out',
          spec: { exclude: [{ from: Date.parse(filter.from), to: Date.parse(filter.to) }] },
        };
      }
      case 'rollback': {
        const to = Date.parse(rollbackTo);
        if (Number.isNaN(to)) throw new Error('the time to restore: expected ISO 8601');
        const target = await playheadAtTime(client, archive, to);
        const selection = {
          ...(actor ? { actor } : {}),
          ...(entityId.trim() ? { entityId: entityId.trim() } : {}),
        };
        return {
          name: `rollback at #${playhead.seq} to ${formatTime(target.at)}`,
          description: `after event #${playhead.seq}, ${describeSelection(selection)} restored to ${formatTime(target.at)}`,
          spec: { rollback: { at: playhead.seq, to: target.seq, selection } },
        };
      }
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const made = await build();
      const id = newId('br');
      put('branches', { id, ...made, created: new Date().toISOString() });
      onCreated(id);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card branch-create" onSubmit={(e) => void submit(e)} aria-label="New branch">
      <h3>New branch</h3>
      <div className="form-row">
        <select
          value={mode}
          onChange={(e) => setMode(e.target.value as BranchMode)}
          data-testid="branch-mode"
        >
          {MODES.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
        {(mode === 'actor' || mode === 'rollback') && (
          <select
            value={actor}
            onChange={(e) => setActor(e.target.value)}
            data-testid="branch-actor"
            aria-label="Actor"
          >
            {mode === 'rollback' && <option value="">any actor</option>}
            {mode === 'actor' && !actor && <option value="">choose an actor</option>}
            {actors.map((a) => (
              <option key={a.key} value={a.key}>
                {a.key} ({a.count})
              </option>
            ))}
          </select>
        )}
        {mode === 'session' && (
          <input
            value={session}
            onChange={(e) => setSession(e.target.value)}
            placeholder="session id"
            aria-label="Session"
          />
        )}
        {mode === 'selection' && <span className="muted">{describeFilter(filter)}</span>}
        {mode === 'range' && (
          <span className="muted">
            {filter.from && filter.to
              ? `${formatTime(filter.from)} → ${formatTime(filter.to)}`
              : 'brush the timeline first'}
          </span>
        )}
        {mode === 'rollback' && (
          <>
            <input
              value={entityId}
              onChange={(e) => setEntityId(e.target.value)}
              placeholder="entity id (optional)"
            />
            <label>
              restore to{' '}
              <input
                value={rollbackTo}
                onChange={(e) => setRollbackTo(e.target.value)}
                placeholder="2026-05-05T00:00:00Z"
              />
            </label>
            <span className="muted">at the playhead, event #{playhead.seq}</span>
          </>
        )}
        <button type="submit" disabled={busy} data-testid="branch-create">
          {busy ? 'creating…' : 'create'}
        </button>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

function describeSelection(selection: { actor?: string; entityId?: string }): string {
  const parts = [
    selection.actor ? `actor ${selection.actor}'s changes` : 'every change',
    selection.entityId ? `on ${selection.entityId}` : '',
  ];
  return parts.filter(Boolean).join(' ');
}
