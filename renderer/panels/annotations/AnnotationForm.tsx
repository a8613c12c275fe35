import { useState } from 'react';
import type { FormEvent } from 'react';
import { useCase } from '../../app/caseStore.js';
import { formatTime } from '../../app/format.js';
import { useReplay } from '../../app/replayStore.js';
import { useStudio } from '../../app/studioStore.js';
import { errorText } from '../../app/useCall.js';
import { pinPosition } from './annotationPins.js';
import { newId } from './caseEntries.js';
import type { AnnotationEntry } from './caseEntries.js';

const AUTHOR_KEY = 'chronoscope.author';

function savedAuthor(): string {
  try {
    return globalThis.localStorage?.getItem(AUTHOR_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * A new annotation: at the playhead, or over the brushed range of the timeline; pinned to
 * the selected entity when asked (and to its place in the world, when the replay has it).
 */
export function AnnotationForm() {
  const playhead = useStudio((s) => s.playhead);
  const filter = useStudio((s) => s.filter);
  const entity = useStudio((s) => s.selectedEntity);
  const activeBranch = useCase((s) => s.activeBranch);
  const branches = useCase((s) => s.branches);
  const put = useCase((s) => s.put);
  const [text, setText] = useState('');
  const [range, setRange] = useState(false);
  const [pin, setPin] = useState(false);
  const [author, setAuthor] = useState(savedAuthor);
  const [problem, setProblem] = useState<string | null>(null);
  const brush = filter.from && filter.to ? { from: filter.from, to: filter.to } : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setProblem('write the note first');
    const at = range && brush ? new Date(Date.parse(brush.from)).toISOString() : playhead.at;
    if (!at) return setProblem('the playhead is before the first event: move it first');
    const now = new Date().toISOString();
    const entry: AnnotationEntry = {
      id: newId('a'),
      kind: range && brush ? 'range' : 'point',
      at,
      ...(range && brush ? { to: new Date(Date.parse(brush.to)).toISOString() } : { seq: playhead.seq }),
      text: text.trim(),
      author: author.trim(),
      branch: activeBranch,
      created: now,
    };
    if (pin && entity) {
      entry.entity = { entityType: entity.entityType, entityId: entity.entityId };
      const replay = useReplay.getState().replay;
      const place = replay ? pinPosition(replay, entry) : null;
      if (place) entry.position = place;
    }
    try {
      put('annotations', entry);
      try {
        globalThis.localStorage?.setItem(AUTHOR_KEY, author.trim());
      } catch {
        // private mode: the author is simply not remembered
      }
      setText('');
      setProblem(null);
    } catch (error) {
      setProblem(errorText(error));
    }
  };

  const branchName = activeBranch
    ? (branches.find((b) => b.id === activeBranch)?.name ?? activeBranch)
    : null;
  return (
    <form className="card annotation-form" onSubmit={submit} aria-label="New annotation">
      <h3>
        New annotation{' '}
        <span className="muted">
          {range && brush
            ? `${formatTime(brush.from)} → ${formatTime(brush.to)}`
            : `at ${formatTime(playhead.at)}`}
          {branchName ? ` · on branch ${branchName}` : ' · on the original'}
        </span>
      </h3>
      <textarea
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="What happened here, and why it matters"
        aria-label="Annotation text"
        data-testid="annotation-text"
      />
      <div className="form-row">
        <label>
          <input
            type="checkbox"
            checked={range}
            disabled={!brush}
            onChange={(e) => setRange(e.target.checked)}
          />{' '}
          over the brushed range {brush ? '' : '(brush the timeline first)'}
        </label>
        <label>
          <input
            type="checkbox"
            checked={pin}
            disabled={!entity}
            onChange={(e) => setPin(e.target.checked)}
          />{' '}
          pin to {entity ? `${entity.entityType ?? ''} ${entity.entityId}` : 'the selected entity (none)'}
        </label>
        <label>
          author{' '}
          <input value={author} onChange={(e) => setAuthor(e.target.value)} size={12} aria-label="Author" />
        </label>
        <button type="submit" data-testid="annotation-add">
          add
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
