import { useState } from 'react';
import { useCase } from '../../app/caseStore.js';
import { formatTime } from '../../app/format.js';
import { errorText } from '../../app/useCall.js';
import type { AnnotationEntry } from './caseEntries.js';
import { jumpTo } from './jump.js';

function matches(a: AnnotationEntry, query: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  return [a.text, a.author, a.entity?.entityId ?? '', a.entity?.entityType ?? ''].some((v) =>
    v.toLowerCase().includes(q),
  );
}

function Row({ a, branchName }: { a: AnnotationEntry; branchName: string | null }) {
  const put = useCase((s) => s.put);
  const remove = useCase((s) => s.remove);
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const save = () => {
    if (draft === null) return;
    try {
      put('annotations', { ...a, text: draft.trim(), updated: new Date().toISOString() });
      setDraft(null);
      setProblem(null);
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <tr data-testid="annotation-row">
      <td>
        <button
          type="button"
          className="link-button"
          onClick={() => jumpTo(a)}
          title="Move the playhead here"
        >
          {formatTime(a.at)}
        </button>
        {a.to && <div className="muted">→ {formatTime(a.to)}</div>}
      </td>
      <td>
        {branchName ? (
          <span className="branch-tag">{branchName}</span>
        ) : (
          <span className="muted">original</span>
        )}
      </td>
      <td>{a.entity ? `${a.entity.entityType ?? ''} ${a.entity.entityId}` : ''}</td>
      <td className="wrap">
        {draft === null ? (
          a.text
        ) : (
          <textarea
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-label="Edit the annotation"
          />
        )}
        {problem && <p className="error">{problem}</p>}
      </td>
      <td>{a.author}</td>
      <td>
        {draft === null ? (
          <button type="button" onClick={() => setDraft(a.text)}>
            edit
          </button>
        ) : (
          <>
            <button type="button" onClick={save}>
              save
            </button>{' '}
            <button type="button" onClick={() => setDraft(null)}>
              cancel
            </button>
          </>
        )}{' '}
        <button type="button" onClick={() => remove('annotations', a.id)} aria-label={`Delete "${a.text}"`}>
          delete
        </button>
      </td>
    </tr>
  );
}

/** Every annotation of the case in time order, searchable; click a time to jump there. */
export function AnnotationList() {
  const annotations = useCase((s) => s.annotations);
  const branches = useCase((s) => s.branches);
  const [query, setQuery] = useState('');
  const shown = annotations.filter((a) => matches(a, query)).sort((x, y) => x.at.localeCompare(y.at));
  return (
    <section className="card grow">
      <h3>
        {shown.length} of {annotations.length} annotations{' '}
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="search text, author, entity"
          aria-label="Search the annotations"
          data-testid="annotation-search"
        />
      </h3>
      <table className="grid" data-testid="annotations-table">
        <thead>
          <tr>
            <th>time</th>
            <th>branch</th>
            <th>entity</th>
            <th>note</th>
            <th>author</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <Row
              key={a.id}
              a={a}
              branchName={
                a.branch === null ? null : (branches.find((b) => b.id === a.branch)?.name ?? a.branch)
              }
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}
