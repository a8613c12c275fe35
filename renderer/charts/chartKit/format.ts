import { format as d3format, utcFormat } from 'd3';

const integer = d3format(',');
const decimal = d3format(',.2f');
const minute = utcFormat('%Y-%m-%d %H:%M');
const second = utcFormat('%Y-%m-%d %H:%M:%S');

/** A count with thousands separators; fractions keep two decimals. */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? integer(n) : decimal(n);
}

/** An ISO time as the analyst reads it (UTC, to the minute), or the text itself if it is not a time. */
export function formatTime(iso: string, withSeconds = false): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${(withSeconds ? second : minute)(new Date(t))} UTC`;
}

/** A bucket size in words: `15 min`, `1 h`, `7 d`. */
export function formatDuration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** Long labels (actor UUIDs) cut to fit an axis; the full text stays in the tooltip. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** The ISO time `ms` milliseconds after `iso`. */
export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

const timeOnly = utcFormat('%H:%M:%S');

/** A time range, the end without its date when both fall on the same UTC day. */
export function formatRange(fromIso: string, toIso: string): string {
  const a = Date.parse(fromIso);
  const b = Date.parse(toIso);
  if (Number.isNaN(a) || Number.isNaN(b)) return `${fromIso} → ${toIso}`;
  if (a === b) return formatTime(fromIso, true);
  const day = (t: number): string => new Date(t).toISOString().slice(0, 10);
  if (day(a) === day(b)) return `${second(new Date(a))} → ${timeOnly(new Date(b))} UTC`;
  return `${formatTime(fromIso, true)} → ${formatTime(toIso, true)}`;
}
