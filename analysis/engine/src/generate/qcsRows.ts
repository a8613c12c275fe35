import { pgCsvField } from './lineWriter.js';
import { ThreadedLineWriter, fastIso } from './synthKit.js';
import type { Fields } from './qcsEntities.js';

/** The columns of `comprehensive_audit_log`, in the seed's order. */
export const AUDIT_COLUMNS = [
  'id',
  'timestamp',
  'user_id',
  'user_email',
  'user_role',
  'session_id',
  'operation_type',
  'entity_type',
  'entity_id',
  'old_values',
  'new_values',
  'change_set',
  'ip_address',
  'user_agent',
  'reason',
  'metadata',
  'correlation_id',
  'parent_operation_id',
  'rollback_id',
  'created_at',
] as const;

export interface AuditRow {
  id: string;
  ts: number;
  userId: string | null;
  email: string;
  role: string;
  sessionId: string;
  op: string;
  entityType: string;
  entityId: string;
  oldValues: Fields | null;
  newValues: Fields | null;
  /** Field-change kind for the change set; omitted for reads, exports and session rows. */
  changeKind?: 'CREATE' | 'UPDATE' | 'DELETE';
  ip: string;
  userAgent: string;
  reason: string | null;
  metadata: string;
  correlationId: string;
  parentId: string | null;
  rollbackId: string | null;
  /** Milliseconds between the action and the insert of its audit row. */
  insertLagMs: number;
}

const EMPTY_CHANGE_SET = pgCsvField(
  { fieldChanges: [], relationshipChanges: [], metadataChanges: [] },
  'json',
);

/** The audit table as PostgreSQL `COPY ... (FORMAT csv, HEADER)` writes it. */
export class AuditCsv {
  private readonly writer: ThreadedLineWriter;
  rows = 0;
  lastMs = -Infinity;
  lastId = '';
  firstAfterMark = '';
  firstAfterMarkMs = 0;
  private marked = false;

  constructor(path: string) {
    this.writer = new ThreadedLineWriter(path);
    void this.writer.write(AUDIT_COLUMNS.join(','));
  }

  /** Remembers the next row written (the edge of a planted gap). */
  mark(): void {
    this.marked = true;
  }

  async write(row: AuditRow): Promise<string> {
    if (this.marked) {
      this.marked = false;
      this.firstAfterMark = row.id;
      this.firstAfterMarkMs = row.ts;
    }
    this.rows++;
    this.lastMs = row.ts;
    this.lastId = row.id;
    // One template rather than pgCsvRow's join: the fields below are pgCsvField-quoted where
    // they can hold commas or quotes; ids, addresses and enum values never do.
    await this.writer.write(
      `${row.id},${fastIso(row.ts)},${row.userId ?? ''},${pgCsvField(row.email)},${pgCsvField(row.role)},` +
        `${pgCsvField(row.sessionId)},${row.op},${row.entityType},${pgCsvField(row.entityId)},` +
        `${csvJson(row.oldValues)},${csvJson(row.newValues)},${changeSetField(row)},${row.ip},` +
        `${pgCsvField(row.userAgent)},${pgCsvField(row.reason)},${row.metadata},${row.correlationId},` +
        `${row.parentId ?? ''},${row.rollbackId ?? ''},${fastIso(row.ts + row.insertLagMs)}`,
    );
    return row.id;
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}

/**
 * The seed's ChangeSet: one entry per field written (a CREATE's old values and a DELETE's new
 * ones are null), as the CSV field `pgCsvField(changeSet, 'json')` would write, built directly.
 */
function changeSetField(row: AuditRow): string {
  const kind = row.changeKind;
  if (!kind) return EMPTY_CHANGE_SET;
  const source = (kind === 'DELETE' ? row.oldValues : row.newValues) ?? {};
  const entries: string[] = [];
  for (const fieldName in source) {
    const oldValue = kind === 'CREATE' ? null : (row.oldValues?.[fieldName] ?? null);
    const newValue = kind === 'DELETE' ? null : (row.newValues?.[fieldName] ?? null);
    entries.push(
      `{""fieldName"":${csvJsonValue(fieldName)},""oldValue"":${csvJsonValue(oldValue)},` +
        `""newValue"":${csvJsonValue(newValue)},""changeType"":""${kind}""}`,
    );
  }
  return `"{""fieldChanges"":[${entries.join(',')}],""relationshipChanges"":[],""metadataChanges"":[]}"`;
}

/**
 * `pgCsvField(fields, 'json')` for a flat record, built directly with the quotes doubled:
 * JSON.stringify plus a global replace was a quarter of the qcs profile.
 */
export function csvJson(fields: Fields | null): string {
  if (fields === null) return '';
  const parts: string[] = [];
  for (const key in fields) parts.push(`${csvJsonValue(key)}:${csvJsonValue(fields[key] ?? null)}`);
  // An empty object has no quote or comma, so COPY leaves it unquoted.
  return parts.length === 0 ? '{}' : `"{${parts.join(',')}}"`;
}

/** True when JSON.stringify writes the string as it is: no quote, backslash, control or surrogate. */
function plain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

function csvJsonValue(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  return plain(value) ? `""${value}""` : JSON.stringify(value).replace(/"/g, '""');
}

/** A JSON metadata column, pre-quoted for CSV (it is the same few values on every row). */
export function metadataField(value: Record<string, string | number>): string {
  return pgCsvField(value, 'json');
}
