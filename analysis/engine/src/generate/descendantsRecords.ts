import { hash } from 'node:crypto';
import { ThreadedLineWriter, fastIso } from './synthKit.js';

/**
 * Writes `world_changes.ndjson` records. Every JSON fragment handed in is already canonical
 * (RFC 8785: keys sorted, integers or short decimals), so the record text assembled here in key
 * order IS its canonical form: its checksum is one sha256 over it (taken on the writer's worker
 * thread), with no canonicaliser pass, which is what keeps the generator above 200k records/s.
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
  private readonly writer: ThreadedLineWriter;
  count = 0;
  lastId = '';
  lastMs = -Infinity;

  constructor(path: string) {
    this.writer = new ThreadedLineWriter(path, { checksum: true });
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
    await this.writer.write(canon);
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
  return hash('sha256', text, 'hex');
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
