/** Display formats shared by every panel: thousands separators, UTC times said as UTC. */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatCount(n: number | bigint | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return integer.format(n);
}

export function formatRate(perSecond: number): string {
  return `${decimal.format(perSecond)}/s`;
}

/** A time as ISO 8601 in UTC with milliseconds, with "UTC" written out. */
export function formatTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.toISOString().replace('Z', '')} UTC`;
}

/** A duration in words a person reads at a glance: 850 ms, 12.5 s, 3 min 20 s, 2 h 5 min, 3 d 4 h. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${decimal.format(ms)} ms`;
  if (abs < 60_000) return `${decimal.format(ms / 1000)} s`;
  const s = Math.round(abs / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${integer.format(Math.floor(s / 86_400))} d ${Math.floor((s % 86_400) / 3600)} h`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${integer.format(n)} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${decimal.format(v)} ${units[i]}`;
}

/** Any cell value as plain text (JSON for objects): archive data is shown, never interpreted. */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** ISO text the contract accepts (`TimeText`) for a time in ms since the epoch. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
