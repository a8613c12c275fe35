import { useState } from 'react';
import { ChartStatus, useFilteredCall } from '../../charts/chartKit/index.js';
import { TrendChart } from '../../charts/trend/index.js';
import { useStudio } from '../../app/studioStore.js';

type TrendBy = 'all' | 'action' | 'event_type';
const BY_LABEL: Record<TrendBy, string> = {
  all: 'all events',
  action: 'per action',
  event_type: 'per event type',
};

/** Events over time with moving average and change points; brushing sets the filter's time range. */
export function TrendSection() {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const filter = useStudio((s) => s.filter);
  const patchFilter = useStudio((s) => s.patchFilter);
  const [by, setBy] = useState<TrendBy>('all');
  const params = archive ? { archive: archive.id, filter, by } : null;
  const state = useFilteredCall(
    JSON.stringify(params),
    client && params ? (signal) => client.call('analytics.trend', params, { signal }) : null,
  );
  const result = state.data;
  const empty = !!result && (result.buckets.length === 0 || result.series.length === 0);
  return (
    <section
      className="cs-card"
      data-testid="trend-section"
      data-loading={String(state.loading)}
      aria-label="Trend"
    >
      <header className="cs-card-head">
        <h3>Trend</h3>
        <label>
          series{' '}
          <select value={by} onChange={(e) => setBy(e.target.value as TrendBy)} data-testid="trend-by">
            {(Object.keys(BY_LABEL) as TrendBy[]).map((k) => (
              <option key={k} value={k}>
                {BY_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        {(filter.from || filter.to) && (
          <button
            type="button"
            className="cs-button"
            onClick={() => patchFilter({ from: undefined, to: undefined })}
          >
            clear time range
          </button>
        )}
      </header>
      <ChartStatus loading={state.loading} error={state.error} empty={empty} height={260}>
        {result && !empty ? (
          <TrendChart
            buckets={result.buckets}
            bucketSeconds={result.bucketSeconds}
            series={result.series}
            onBrush={(range) => patchFilter(range)}
          />
        ) : null}
      </ChartStatus>
    </section>
  );
}
