import { utcFormat } from 'd3';
import type { EventFilterParams, HeatmapKind } from '../../../analysis/core/src/index.js';
import { addMs, formatDuration, formatTime } from '../../charts/chartKit/index.js';

export interface HeatmapKindInfo {
  kind: HeatmapKind;
  label: string;
  rowTitle: string;
  /** The column axis title; time kinds add the bucket size. */
  colTitle: (bucketSeconds: number | null, cellSize: number | null) => string;
  /** Descendants only: block changes over the world's x/z plane. */
  spatial?: boolean;
}

export const HEATMAP_KIND_INFO: HeatmapKindInfo[] = [
  {
    kind: 'hour_weekday',
    label: 'hour of day × weekday',
    rowTitle: 'weekday',
    colTitle: () => 'hour of day (UTC)',
  },
  { kind: 'actor', label: 'actor × time', rowTitle: 'actor', colTitle: timeTitle },
  { kind: 'entity_type', label: 'entity type × time', rowTitle: 'entity type', colTitle: timeTitle },
  { kind: 'action', label: 'action × time', rowTitle: 'action', colTitle: timeTitle },
  { kind: 'event_type', label: 'event type × time', rowTitle: 'event type', colTitle: timeTitle },
  {
    kind: 'spatial',
    label: 'world x × z (block changes)',
    rowTitle: 'z (blocks)',
    colTitle: (_, cell) => `x (blocks${cell ? `, cells of ${cell}×${cell}` : ''})`,
    spatial: true,
  },
];

function timeTitle(bucketSeconds: number | null): string {
  return `time (UTC${bucketSeconds ? `, ${formatDuration(bucketSeconds)} buckets` : ''})`;
}

export function isTimeKind(kind: HeatmapKind): boolean {
  return kind !== 'hour_weekday' && kind !== 'spatial';
}

const dayTick = utcFormat('%b %d');
const hourTick = utcFormat('%b %d %H:%M');

/** A time column's short axis label: the day for day buckets, else day and time. */
export function timeColTick(bucketSeconds: number | null): (col: string) => string {
  return (col) => {
    const t = Date.parse(col);
    if (Number.isNaN(t)) return col;
    return (bucketSeconds ?? 0) >= 86400 ? dayTick(new Date(t)) : hourTick(new Date(t));
  };
}

/** A time column in full for the tooltip: its bucket's start and end. */
export function timeColFull(bucketSeconds: number | null): (col: string) => string {
  return (col) => {
    if (Number.isNaN(Date.parse(col)) || !bucketSeconds) return col;
    return `${formatTime(col)} → ${formatTime(addMs(col, bucketSeconds * 1000))}`;
  };
}

const ROW_FIELD: Partial<Record<HeatmapKind, 'actors' | 'actions' | 'eventTypes' | 'entityTypes'>> = {
  actor: 'actors',
  action: 'actions',
  event_type: 'eventTypes',
  entity_type: 'entityTypes',
};

/**
 * The filter a click on a cell of a time heatmap sets: its row's value (an actor, an action,
 * a type) and its bucket's time range, `to` inclusive. Null for kinds the shared filter
 * cannot express (hour of day, world position). A `(none)` row is the events without that
 * value, which the filter cannot name either, so only the time range is set.
 */
export function cellFilter(
  kind: HeatmapKind,
  row: string,
  col: string,
  bucketSeconds: number | null,
): Partial<EventFilterParams> | null {
  const field = ROW_FIELD[kind];
  if (!field) return null;
  const patch: Partial<EventFilterParams> = {};
  if (row !== '(none)') patch[field] = [row];
  const start = Date.parse(col);
  if (!Number.isNaN(start) && bucketSeconds) {
    patch.from = new Date(start).toISOString();
    patch.to = new Date(start + bucketSeconds * 1000 - 1).toISOString();
  }
  return patch;
}

/** The rows the current filter selects, outlined on the heatmap. */
export function activeRows(kind: HeatmapKind, filter: EventFilterParams): Set<string> {
  const field = ROW_FIELD[kind];
  return new Set(field ? (filter[field] ?? []) : []);
}
