import { create } from 'zustand';
import type { ArchiveInfo, Marker } from '../../../analysis/core/src/index.js';

/** Narrowest view the timeline zooms to: a few milliseconds across the whole strip. */
export const MIN_SPAN_MS = 5;

type Domain = [number, number];
type MarkerKind = Marker['kind'];

interface TimelineViewState {
  /** The visible time range in ms; null shows the whole archive. */
  domain: Domain | null;
  hiddenKinds: MarkerKind[];
  setDomain(domain: Domain | null): void;
  toggleKind(kind: MarkerKind): void;
}

export const useTimelineView = create<TimelineViewState>((set) => ({
  domain: null,
  hiddenKinds: [],
  setDomain: (domain) => set({ domain }),
  toggleKind: (kind) =>
    set((s) => ({
      hiddenKinds: s.hiddenKinds.includes(kind)
        ? s.hiddenKinds.filter((k) => k !== kind)
        : [...s.hiddenKinds, kind],
    })),
}));

/** The archive's whole time range in ms, widened to a second when it is one instant. */
export function fullDomain(archive: ArchiveInfo): Domain {
  const from = archive.timeRange.from ? Date.parse(archive.timeRange.from) : 0;
  const to = archive.timeRange.to ? Date.parse(archive.timeRange.to) : from;
  return to - from < 1000 ? [from - 500, to + 500] : [from, to];
}

/** Keeps a view inside the archive (with a little room) and no narrower than MIN_SPAN_MS. */
export function clampDomain([a, b]: Domain, full: Domain): Domain {
  const room = (full[1] - full[0]) * 0.02;
  const lo = full[0] - room;
  const hi = full[1] + room;
  let span = Math.max(MIN_SPAN_MS, Math.min(b - a, hi - lo));
  if (!Number.isFinite(span)) span = hi - lo;
  let start = Math.max(lo, Math.min(a, hi - span));
  if (start + span > hi) start = hi - span;
  return [start, start + span];
}

/** Zooms by `factor` (<1 in, >1 out) around `center` (ms). */
export function zoomDomain(view: Domain, full: Domain, factor: number, center?: number): Domain {
  const c = center ?? (view[0] + view[1]) / 2;
  return clampDomain([c - (c - view[0]) * factor, c + (view[1] - c) * factor], full);
}

/** Pans by a fraction of the visible span (negative goes earlier). */
export function panDomain(view: Domain, full: Domain, fraction: number): Domain {
  const shift = (view[1] - view[0]) * fraction;
  return clampDomain([view[0] + shift, view[1] + shift], full);
}
