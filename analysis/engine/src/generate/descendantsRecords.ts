import { hash } from 'node:crypto';
import { LineWriter } from './lineWriter.js';

/**
 * Writes `world_changes.ndjson` records. Every JSON fragment handed in is already canonical
 * (RFC 8785: keys sorted, integers or short decimals), so the record text assembled here in key
 * order IS its canonical form: the checksum is one sha256 over it, with no canonicaliser pass,
 * which is what keeps the generator above 200k records/s.
 */
export interface ChangeParts {
  changeType: string;
  /** Canonical JSON of the RFC 6902 patch, or undefined when the record has no delta. */
  delta?: string;
  entityId: string;
  entityType: string;
  /** Canonical JSON of the metadata object. */
  metadata: string;
  /** Canonical JSON of the new state; undefined leaves the member out (delta-only updates). */
  newState?: string;
  /** Canonical JSON of the old state, or "null". */
  oldState: string;
}

export class ChangeLog {
  private readonly writer: LineWriter;
  count = 0;
  lastId = '';
  lastMs = -Infinity;

  constructor(path: string) {
    this.writer = new LineWriter(path);
  }

  /** Appends one record at `ms` and returns its id. */
  async write(ms: number, parts: ChangeParts): Promise<string> {
    this.count++;
    const id = changeId(this.count);
    const canon =
      `{"changeType":"${parts.changeType}"` +
      (parts.delta === undefined ? '' : `,"delta":${parts.delta}`) +
      `,"entityId":"${parts.entityId}","entityType":"${parts.entityType}","id":"${id}","metadata":${parts.metadata}` +
      (parts.newState === undefined ? '' : `,"newState":${parts.newState}`) +
      `,"oldState":${parts.oldState},"timestamp":"${fastIso(ms)}"}`;
    await this.writer.write(`${canon.slice(0, -1)},"checksum":"${sha256Hex(canon)}"}`);
    this.lastId = id;
    this.lastMs = ms;
    return id;
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}

export function changeId(serial: number): string {
  return `w${String(serial).padStart(8, '0')}`;
}

export function sha256Hex(text: string): string {
  return process.env.NOHASH ? '0' : hash('sha256', text, 'hex');
}

/** Canonical metadata: keys in sorted order (importance, sessionId, source, tags, userId, userType). */
export function metadataJson(
  userId: string,
  userType: 'human' | 'simulant',
  source: 'direct' | 'ai_action' | 'system',
  sessionId: string,
  importance: 'low' | 'medium' | 'high' | 'critical' = 'low',
  tags = '[]',
): string {
  return `{"importance":"${importance}","sessionId":"${sessionId}","source":"${source}","tags":${tags},"userId":"${userId}","userType":"${userType}"}`;
}

/** One-op RFC 6902 replace, canonical (op, path, value). */
export function replaceOp(path: string, valueJson: string): string {
  return `{"op":"replace","path":"${path}","value":${valueJson}}`;
}

let isoDay = Number.NaN;
let isoPrefix = '';

/**
 * `Date#toISOString` costs about 2 µs here, a third of the per-record budget: the date part
 * is cached per day and the time of day formatted by hand.
 */
export function fastIso(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  if (day !== isoDay) {
    isoDay = day;
    isoPrefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  let rest = ms - day * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  return `${isoPrefix}${pad2(h)}:${pad2(m)}:${pad2(s)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}
