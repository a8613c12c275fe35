import { useMemo, useState } from 'react';
import type { HeatmapKind } from '../../../analysis/core/src/index.js';
import { ChartStatus, useFilteredCall } from '../../charts/chartKit/index.js';
import { HeatmapChart, decodeHeatmapCells } from '../../charts/heatmap/index.js';
import type { HeatmapCell } from '../../charts/heatmap/index.js';
import { useStudio } from '../../app/studioStore.js';
import {
  HEATMAP_KIND_INFO,
  activeRows,
  cellFilter,
  isTimeKind,
  timeColFull,
  timeColTick,
} from './heatmapKinds.js';

/** Rows of a dimension × time heatmap: the busiest values, as many as stay readable. */
const ROW_LIMIT = 30;

/** One heatmap at a time, chosen from every kind the archive has; a click on a cell filters. */
export function HeatmapSection() {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const filter = useStudio((s) => s.filter);
  const patchFilter = useStudio((s) => s.patchFilter);
  const [kind, setKind] = useState<HeatmapKind>('actor');
  const kinds = HEATMAP_KIND_INFO.filter((k) => !k.spatial || archive?.system === 'descendants');
  const info = kinds.find((k) => k.kind === kind) ?? kinds[0];
  // Spatial maps take the service's own resolution (its limit is cells per axis, not rows).
  const params = archive
    ? { archive: archive.id, filter, kind, ...(kind === 'spatial' ? {} : { limit: ROW_LIMIT }) }
    : null;
  const state = useFilteredCall(
    JSON.stringify(params),
    client && params ? (signal) => client.call('analytics.heatmap', params, { signal }) : null,
  );
  const result = state.data;
  const cells = useMemo(() => (result ? decodeHeatmapCells(result.cells) : []), [result]);
  const time = isTimeKind(kind);
  const onCell =
    result && time
      ? (cell: HeatmapCell) => {
          const patch = cellFilter(
            kind,
            result.rows[cell.r] ?? '',
            result.cols[cell.c] ?? '',
            result.bucketSeconds,
          );
          if (patch) patchFilter(patch);
        }
      : undefined;

  return (
    <section
      className="cs-card"
      data-testid="heatmap-section"
      data-kind={result?.kind ?? ''}
      data-bucket-seconds={result?.bucketSeconds ?? ''}
      data-loading={state.loading ? 'true' : 'false'}
      aria-label="Heatmap"
    >
      <header className="cs-card-head">
        <h3>Heatmap</h3>
        <label>
          view{' '}
          <select
            value={kind}
            onChange={(e) => setKind(e.target.value as HeatmapKind)}
            data-testid="heatmap-kind"
          >
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <span className="cs-card-note" data-testid="heatmap-summary">
          {result
            ? `${cells.length} non-empty cells · ${result.rows.length} rows × ${result.cols.length} columns`
            : ''}
          {result && time ? ' · click a cell to filter by its row and time' : ''}
          {result && !time ? ' · the filter cannot express this grouping; hover for counts' : ''}
        </span>
      </header>
      <ChartStatus
        loading={state.loading}
        error={state.error}
        empty={!!result && cells.length === 0}
        height={200}
      >
        {result && info ? (
          <HeatmapChart
            rows={result.rows}
            cols={result.cols}
            cells={cells}
            max={result.max}
            rowTitle={info.rowTitle}
            colTitle={info.colTitle(result.bucketSeconds, result.cellSize)}
            unit="events"
            colTick={time ? timeColTick(result.bucketSeconds) : undefined}
            colFull={time ? timeColFull(result.bucketSeconds) : undefined}
            onCellClick={onCell}
            activeRows={activeRows(kind, filter)}
            square={kind === 'spatial'}
          />
        ) : null}
      </ChartStatus>
    </section>
  );
}
