import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { TimeText } from '../../../analysis/core/src/index.js';
import { formatCount } from '../../app/format.js';
import { useStudio } from '../../app/studioStore.js';

const SEARCH_DELAY_MS = 300;

/** Full-text search (the shared filter's `text`), typed with a short delay so each key is not a query. */
function SearchBox() {
  const text = useStudio((s) => s.filter.text ?? '');
  const patchFilter = useStudio((s) => s.patchFilter);
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text]);
  useEffect(() => {
    if (draft === text) return;
    const timer = setTimeout(() => patchFilter({ text: draft || undefined }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, text, patchFilter]);
  return (
    <input
      id="events-search"
      type="search"
      className="search"
      placeholder="Search in values (/)"
      aria-label="Search text in event values"
      data-testid="events-search"
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
    />
  );
}

function JumpToTime({ onJump }: { onJump(at: string): void }) {
  const [at, setAt] = useState('');
  const [bad, setBad] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ok = TimeText.safeParse(at.trim()).success;
    setBad(!ok);
    if (ok) onJump(at.trim());
  };
  return (
    <form className="jump" onSubmit={submit} aria-label="Jump to time">
      <input
        placeholder="jump to 2026-05-01T08:00:00Z or seq:N"
        aria-label="Jump to time (ISO 8601, UTC when no offset, or seq:N)"
        aria-invalid={bad}
        data-testid="events-jump"
        value={at}
        onChange={(e) => setAt(e.target.value)}
      />
      <button type="submit">jump</button>
      {bad && <span className="error">ISO 8601 or seq:N</span>}
    </form>
  );
}

export function EventsToolbar({
  count,
  counting,
  total,
  blockStart,
  blockRows,
  onBlock,
  onJump,
}: {
  count: number | null;
  counting: boolean;
  total: number;
  blockStart: number;
  blockRows: number;
  onBlock(start: number): void;
  onJump(at: string): void;
}) {
  return (
    <div className="events-toolbar">
      <SearchBox />
      <JumpToTime onJump={onJump} />
      <span
        className="events-count"
        data-testid="events-count"
        data-count={counting || count === null ? '' : count}
      >
        {count === null ? 'counting…' : `${formatCount(count)} of ${formatCount(total)} events`}
        {counting && count !== null ? ' (counting…)' : ''}
      </span>
      {count !== null && count > blockRows && (
        <span className="blocks">
          rows {formatCount(blockStart + 1)}–{formatCount(Math.min(count, blockStart + blockRows))}
          <button
            type="button"
            disabled={blockStart === 0}
            onClick={() => onBlock(Math.max(0, blockStart - blockRows))}
          >
            previous block
          </button>
          <button
            type="button"
            disabled={blockStart + blockRows >= count}
            onClick={() => onBlock(blockStart + blockRows)}
          >
            next block
          </button>
        </span>
      )}
    </div>
  );
}
