import { useEffect, useMemo } from 'react';
import type { ArchiveInfo, EventFilterParams, Marker } from '../../../analysis/core/src/index.js';
import { decodeDensity } from '../../charts/density.js';
import { DensityChart } from '../../charts/DensityChart.js';
import { MiniMap } from '../../charts/MiniMap.js';
import { useWidth } from '../../charts/useWidth.js';
import { formatCount, formatDuration, formatTime, isoOf } from '../../app/format.js';
import { useStudio } from '../../app/studioStore.js';
import { useCall } from '../../app/useCall.js';
import { playheadAtTime } from './playhead.js';
import { useCaseMarkers } from '../annotations/caseMarkers.js';
import { clampDomain, fullDomain, panDomain, useTimelineView, zoomDomain } from './timelineView.js';
import './timeline.css';

const CHART_HEIGHT = 92;
const MINIMAP_HEIGHT = 16;

/** The filter without its time range: the strip shows where events are, the brush shows the range. */
function withoutTime(filter: EventFilterParams): EventFilterParams {
  const rest: EventFilterParams = { ...filter };
  delete rest.from;
  delete rest.to;
  return rest;
}

/**
 * Always under the header: event density over the visible range (zoom with the wheel or
 * + / -, pan with shift+wheel, arrows or the minimap), the brush that sets the shared
 * filter's time range, the markers, and the playhead (click to move it).
 */
export function TimelineStrip({ archive }: { archive: ArchiveInfo }) {
  const client = useStudio((s) => s.client);
  const filter = useStudio((s) => s.filter);
  const playhead = useStudio((s) => s.playhead);
  const patchFilter = useStudio((s) => s.patchFilter);
  const setPlayhead = useStudio((s) => s.setPlayhead);
  const { domain, hiddenKinds, setDomain } = useTimelineView();
  const [ref, width] = useWidth<HTMLDivElement>();

  // Each archive opens showing all of itself.
  useEffect(() => setDomain(null), [archive.id, setDomain]);
  const full = useMemo(() => fullDomain(archive), [archive]);
  const view: [number, number] = domain ?? full;
  const base = withoutTime(filter);
  const buckets = Math.max(10, Math.min(2000, Math.floor(width / 3)));

  const detail = useCall(
    'timeline.density',
    width > 0
      ? { archive: archive.id, filter: base, from: isoOf(view[0]), to: isoOf(view[1]), buckets }
      : null,
  );
  const overview = useCall(
    'timeline.density',
    width > 0 ? { archive: archive.id, filter: base, buckets: Math.max(10, Math.floor(width / 4)) } : null,
  );
  const markers = useCall('timeline.markers', { archive: archive.id }, { cache: true });

  const detailSeries = useMemo(
    () => (detail.data ? decodeDensity(detail.data.table, detail.data.bucketMs) : null),
    [detail.data],
  );
  const overviewSeries = useMemo(
    () => (overview.data ? decodeDensity(overview.data.table, overview.data.bucketMs) : null),
    [overview.data],
  );
  // The case file's annotations and bookmarks join the evidence's markers.
  const caseMarkers = useCaseMarkers();
  const shownMarkers = useMemo(
    () => [...(markers.data ?? []), ...caseMarkers].filter((m) => !hiddenKinds.includes(m.kind)),
    [markers.data, caseMarkers, hiddenKinds],
  );

  const brush: [number, number] | null =
    filter.from || filter.to
      ? [filter.from ? Date.parse(filter.from) : full[0], filter.to ? Date.parse(filter.to) : full[1]]
      : null;
  const movePlayhead = (ms: number) => {
    if (!client) return;
    playheadAtTime(client, archive, ms).then(setPlayhead, () => undefined);
  };
  const onMarker = (marker: Marker) => movePlayhead(Date.parse(marker.from));

  return (
    <section className="timeline-strip" aria-label="Timeline" data-testid="timeline-strip">
      <div className="timeline-bar">
        <span className="timeline-range" data-testid="timeline-view">
          {formatTime(view[0])} → {formatTime(view[1])}{' '}
          <span className="muted">({formatDuration(view[1] - view[0])})</span>
        </span>
        <span className="timeline-playhead" data-testid="playhead-label">
          playhead {formatTime(playhead.at)} · event #{formatCount(playhead.seq)}
        </span>
        <span className="timeline-buttons">
          <button
            type="button"
            onClick={() => setDomain(panDomain(view, full, -0.25))}
            aria-label="Pan earlier"
          >
            ◀
          </button>
          <button
            type="button"
            onClick={() => setDomain(zoomDomain(view, full, 0.5))}
            aria-label="Zoom in (+)"
          >
            +
          </button>
          <button
            type="button"
            onClick={() => setDomain(zoomDomain(view, full, 2))}
            aria-label="Zoom out (-)"
          >
            −
          </button>
          <button type="button" onClick={() => setDomain(panDomain(view, full, 0.25))} aria-label="Pan later">
            ▶
          </button>
          <button
            type="button"
            onClick={() => brush && setDomain(clampDomain(brush, full))}
            disabled={!brush}
            aria-label="Zoom to the brushed range"
          >
            fit brush
          </button>
          <button type="button" onClick={() => setDomain(null)} aria-label="Show the whole archive (0)">
            all
          </button>
        </span>
      </div>
      <div ref={ref} className="timeline-chart">
        {width > 0 && (
          <>
            <DensityChart
              width={width}
              height={CHART_HEIGHT}
              domain={view}
              series={detailSeries}
              markers={shownMarkers}
              playheadMs={playhead.at ? Date.parse(playhead.at) : null}
              brush={brush}
              onBrush={([a, b]) => patchFilter({ from: isoOf(Math.round(a)), to: isoOf(Math.round(b)) })}
              onClickTime={movePlayhead}
              onMarker={onMarker}
              onZoom={(factor, center) => setDomain(zoomDomain(view, full, factor, center))}
              onPan={(fraction) => setDomain(panDomain(view, full, fraction))}
            />
            <MiniMap
              width={width}
              height={MINIMAP_HEIGHT}
              full={full}
              view={view}
              series={overviewSeries}
              onCenter={(c) => {
                const half = (view[1] - view[0]) / 2;
                setDomain(clampDomain([c - half, c + half], full));
              }}
            />
          </>
        )}
      </div>
      {/* One line: the strip stays the same height whatever went wrong; the whole text is in the title. */}
      {(detail.error ?? markers.error) && (
        <p className="error strip-error" role="alert" title={detail.error ?? markers.error ?? ''}>
          {detail.error ? 'density' : 'markers'}: {detail.error ?? markers.error}
        </p>
      )}
    </section>
  );
}
