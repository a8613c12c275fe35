import { useState } from 'react';
import type { FormEvent } from 'react';
import { useCase } from '../../app/caseStore.js';
import { formatTime } from '../../app/format.js';
import { useStudio } from '../../app/studioStore.js';
import { bookmarkPlayhead } from './bookmark.js';
import { newId } from './caseEntries.js';
import { jumpTo } from './jump.js';

/** Bookmarks (the `m` key bookmarks the playhead), listed with a jump and a delete. */
export function BookmarkList() {
  const bookmarks = useCase((s) => s.bookmarks);
  const remove = useCase((s) => s.remove);
  const sorted = [...bookmarks].sort((a, b) => a.seq - b.seq);
  return (
    <section className="card" data-testid="bookmarks">
      <h3>
        {bookmarks.length} bookmarks{' '}
        <button type="button" onClick={() => bookmarkPlayhead()} title="Bookmark the playhead (m)">
          bookmark the playhead <kbd>m</kbd>
        </button>
      </h3>
      <ul className="plain-list">
        {sorted.map((b) => (
          <li key={b.id}>
            <button type="button" className="link-button" onClick={() => jumpTo(b)}>
              {b.label}
            </button>{' '}
            <button
              type="button"
              onClick={() => remove('bookmarks', b.id)}
              aria-label={`Delete bookmark ${b.label}`}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Saved views: the filter, the panel and the playhead, restored together. */
export function SavedViews() {
  const views = useCase((s) => s.views);
  const put = useCase((s) => s.put);
  const remove = useCase((s) => s.remove);
  const [name, setName] = useState('');
  const save = (event: FormEvent) => {
    event.preventDefault();
    const { filter, playhead } = useStudio.getState();
    put('views', {
      id: newId('v'),
      name: name.trim() || `view at ${formatTime(playhead.at)}`,
      filter,
      // The view is saved from here; what it restores is the panel the user worked in before.
      panel: lastPanel,
      playhead,
    });
    setName('');
  };
  const restore = (id: string) => {
    const view = views.find((v) => v.id === id);
    if (!view) return;
    const studio = useStudio.getState();
    studio.clearFilter();
    studio.patchFilter(view.filter);
    studio.setPlayhead(view.playhead);
    studio.openPanel(view.panel);
  };
  return (
    <section className="card">
      <h3>Saved views</h3>
      <form onSubmit={save}>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="name"
          aria-label="View name"
        />{' '}
        <button type="submit">save the filter, playhead and {lastPanel}</button>
      </form>
      <ul className="plain-list">
        {views.map((v) => (
          <li key={v.id}>
            <button type="button" className="link-button" onClick={() => restore(v.id)}>
              {v.name}
            </button>{' '}
            <span className="muted">{v.panel}</span>{' '}
            <button type="button" onClick={() => remove('views', v.id)} aria-label={`Delete view ${v.name}`}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

let lastPanel = 'overview';
useStudio.subscribe((s) => {
  if (s.activePanel !== 'annotations' && s.activePanel !== 'open') lastPanel = s.activePanel;
});
