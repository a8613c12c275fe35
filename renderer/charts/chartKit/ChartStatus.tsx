import type { ReactNode } from 'react';

export interface ChartStatusProps {
  loading: boolean;
  error: string | null;
  /** True when the answer came back with nothing to draw. */
  empty: boolean;
  emptyText?: string;
  /** Minimum height so the layout does not jump while loading. */
  height?: number;
  children?: ReactNode;
}

/**
 * What every chart shows besides itself: the service's error inline (never a blank area), a
 * loading note, or the empty state. While a new answer loads, the previous chart stays,
 * dimmed, so brushing does not flash.
 */
export function ChartStatus({
  loading,
  error,
  empty,
  emptyText = 'no events match the filter',
  height = 120,
  children,
}: ChartStatusProps) {
  if (error)
    return (
      <div className="cs-chart-status cs-chart-error" role="alert" style={{ minHeight: height }}>
        {error}
      </div>
    );
  if (empty && !loading)
    return (
      <div className="cs-chart-status cs-chart-empty" style={{ minHeight: height }}>
        {emptyText}
      </div>
    );
  if (!children)
    return (
      <div className="cs-chart-status cs-chart-loading" aria-busy="true" style={{ minHeight: height }}>
        loading…
      </div>
    );
  return (
    <div className={loading ? 'cs-chart-body cs-chart-stale' : 'cs-chart-body'} aria-busy={loading}>
      {children}
      {loading && <div className="cs-chart-spinner">loading…</div>}
    </div>
  );
}
