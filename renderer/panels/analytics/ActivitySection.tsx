import { useState } from 'react';
import { ChartStatus, useFilteredCall } from '../../charts/chartKit/index.js';
import { ActivityTable, SessionsChart } from '../../charts/activity/index.js';
import { useStudio } from '../../app/studioStore.js';

const ACTOR_LIMIT = 100;
/** Actors drawn on the sessions chart: the busiest, as many as stay readable. */
const SESSION_ROWS = 25;

/** Per-actor activity under the filter, as a table or as sessions on a time axis; clicking an actor or a session filters. */
export function ActivitySection() {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const filter = useStudio((s) => s.filter);
  const patchFilter = useStudio((s) => s.patchFilter);
  const [view, setView] = useState<'table' | 'sessions'>('table');
  const params = archive ? { archive: archive.id, filter, limit: ACTOR_LIMIT } : null;
  const state = useFilteredCall(
    JSON.stringify(params),
    client && params ? (signal) => client.call('analytics.activity', params, { signal }) : null,
  );
  const rows = state.data;
  return (
    <section
      className="cs-card"
      data-testid="activity-section"
      data-loading={String(state.loading)}
      aria-label="Per-actor activity"
    >
      <header className="cs-card-head">
        <h3>Per-actor activity</h3>
        <div className="cs-tabs" role="tablist">
          {(['table', 'sessions'] as const).map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={view === v}
              className={view === v ? 'cs-tab cs-selected' : 'cs-tab'}
              onClick={() => setView(v)}
              data-testid={`activity-view-${v}`}
            >
              {v}
            </button>
          ))}
        </div>
        <span className="cs-card-note">
          {rows
            ? `${rows.length} actors${rows.length === ACTOR_LIMIT ? ` (the ${ACTOR_LIMIT} busiest)` : ''} · `
            : ''}
          {view === 'table'
            ? 'click a header to sort, an actor to filter'
            : `${rows && rows.length > SESSION_ROWS ? `the ${SESSION_ROWS} busiest actors · ` : ''}click a session to filter to it`}
        </span>
      </header>
      <ChartStatus
        loading={state.loading}
        error={state.error}
        empty={!!rows && rows.length === 0}
        height={160}
      >
        {rows && rows.length > 0 ? (
          view === 'table' ? (
            <ActivityTable
              rows={rows}
              onActor={(actor) => patchFilter({ actors: [actor] })}
              activeActors={new Set(filter.actors ?? [])}
            />
          ) : (
            <SessionsChart
              rows={rows.slice(0, SESSION_ROWS)}
              onSession={(actor, from, to) => patchFilter({ actors: [actor], from, to })}
            />
          )
        ) : null}
      </ChartStatus>
    </section>
  );
}
