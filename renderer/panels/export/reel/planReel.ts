import { SEVERITIES } from '../../../../analysis/core/src/index.js';
import type { FindingShape, Severity } from '../../../../analysis/core/src/index.js';

/** One stretch of event time the reel plays (ms since the epoch), with the line its title card shows. */
export interface ReelSegment {
  from: number;
  to: number;
  title: string;
}

/** What an annotation contributes: its time (a point) or its range, and its text. */
export interface ReelAnnotation {
  at: string;
  to?: string | undefined;
  text: string;
}

/** A point annotation plays this much event time either side of it, unless told otherwise. */
export const POINT_WINDOW_MS = 30 * 60_000;
/** Findings proposed for a reel: at most this many segments, unless told otherwise. */
export const MAX_FINDING_SEGMENTS = 5;
const TITLE_MAX = 120;

/** The first line of a text, cut to a title's length (a caption box holds the rest). */
export function titleLine(text: string, max = TITLE_MAX): string {
  const line = (text.split(/\r?\n/)[0] ?? '').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * An ISO 8601 time in ms, else NaN. Date.parse alone is lenient: it reads the filter's other
 * form, `seq:5`, as a date in 2001.
 */
export function isoMs(text: string | undefined): number {
  return text !== undefined && /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
}

/** The brushed time range of the studio's filter (ISO ends), or null when nothing is brushed. */
export function segmentFromRange(
  from: string | undefined,
  to: string | undefined,
  title: string,
): ReelSegment[] {
  const a = isoMs(from);
  const b = isoMs(to);
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= a) return [];
  return [{ from: a, to: b, title }];
}

/**
 * Chosen annotations: a range plays its range, a point a window around it. Overlapping ones
 * are merged so no stretch of time plays twice; the titles are joined.
 */
export function segmentsFromAnnotations(
  annotations: readonly ReelAnnotation[],
  pointWindowMs = POINT_WINDOW_MS,
): ReelSegment[] {
  const raw: ReelSegment[] = [];
  for (const a of annotations) {
    const at = isoMs(a.at);
    if (!Number.isFinite(at)) continue;
    const to = isoMs(a.to);
    const range = Number.isFinite(to) && to > at;
    raw.push({
      from: range ? at : at - pointWindowMs,
      to: range ? to : at + pointWindowMs,
      title: titleLine(a.text),
    });
  }
  return mergeOverlapping(raw.sort((x, y) => x.from - y.from));
}

/** Joins segments (sorted by `from`) that overlap or touch. */
export function mergeOverlapping(sorted: readonly ReelSegment[]): ReelSegment[] {
  const out: ReelSegment[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) {
      last.to = Math.max(last.to, s.to);
      if (s.title && !last.title.includes(s.title)) last.title = titleLine(`${last.title}; ${s.title}`);
    } else out.push({ ...s });
  }
  return out;
}

export interface FindingPlanOptions {
  /** At most this many segments (default 5). */
  max?: number;
  /** Event time added either side of a finding: at least this (default 5 min)… */
  minPadMs?: number;
  /** …or this share of its length, whichever is more (default 0.1). */
  padShare?: number;
}

const rank = (s: Severity): number => SEVERITIES.indexOf(s);

/**
 * Proposed from the top findings: each one's [from, to], padded so the lead-up shows, merged
 * where they overlap (a merged segment takes the most severe of its findings), the most
 * severe (then highest score, then earliest) first, capped.
 */
export function segmentsFromFindings(
  findings: readonly FindingShape[],
  options: FindingPlanOptions = {},
): ReelSegment[] {
  const max = Math.max(1, Math.floor(options.max ?? MAX_FINDING_SEGMENTS));
  const minPad = options.minPadMs ?? 5 * 60_000;
  const share = options.padShare ?? 0.1;
  interface Ranked extends ReelSegment {
    severity: number;
    score: number;
  }
  const padded: Ranked[] = [];
  for (const f of findings) {
    const from = isoMs(f.from);
    const to = isoMs(f.to);
    if (!Number.isFinite(from) || !Number.isFinite(to)) continue;
    const pad = Math.max(minPad, (to - from) * share);
    padded.push({
      from: from - pad,
      to: Math.max(to, from) + pad,
      title: titleLine(`${f.severity}: ${f.summary}`),
      severity: rank(f.severity),
      score: f.score,
    });
  }
  padded.sort((a, b) => a.from - b.from);
  const merged: Ranked[] = [];
  for (const s of padded) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) {
      last.to = Math.max(last.to, s.to);
      // The title names the worst finding of the merged stretch.
      if (s.severity > last.severity || (s.severity === last.severity && s.score > last.score)) {
        last.title = s.title;
        last.severity = s.severity;
        last.score = s.score;
      }
    } else merged.push({ ...s });
  }
  merged.sort((a, b) => b.severity - a.severity || b.score - a.score || a.from - b.from);
  return merged.slice(0, max).map(({ from, to, title }) => ({ from, to, title }));
}

/** Keeps segments inside the archive's time range; those left empty are dropped. */
export function clampSegments(segments: readonly ReelSegment[], start: number, end: number): ReelSegment[] {
  return segments
    .map((s) => ({ ...s, from: Math.max(start, s.from), to: Math.min(end, s.to) }))
    .filter((s) => s.to > s.from);
}
