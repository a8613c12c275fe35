import { canonicalJson } from '../../../core/src/index.js';
import type { FindingSink } from './checkKit.js';
import type { JsonObject } from './jsonEqual.js';
import { isObject, jsonEqual } from './jsonEqual.js';

/** What the log has said about one record: its fields, or that it was deleted. */
interface Known {
  fields: JsonObject;
  deleted: boolean;
  /** Seen first through an update: fields it had before the log began are unknown. */
  partial: boolean;
}

/**
 * Row-level records rebuilt field by field (qcs, wedsync: updates carry only what changed).
 * An export may start after a record was created, so a record first met in an update is
 * partial: only the fields the log has named are compared.
 */
export class RecordState {
  private readonly records = new Map<string, Known>();

  get(type: string, id: string): Known | undefined {
    return this.records.get(`${type}\u0000${id}`);
  }

  create(type: string, id: string, fields: unknown): void {
    this.records.set(`${type}\u0000${id}`, {
      fields: isObject(fields) ? { ...fields } : {},
      deleted: false,
      partial: false,
    });
  }

  update(type: string, id: string, changed: unknown): void {
    const known = this.get(type, id);
    const fields = isObject(changed) ? changed : {};
    if (!known || known.deleted)
      this.records.set(`${type}\u0000${id}`, { fields: { ...fields }, deleted: false, partial: true });
    else Object.assign(known.fields, fields);
  }

  remove(type: string, id: string): void {
    const known = this.get(type, id);
    if (known) known.deleted = true;
    else this.records.set(`${type}\u0000${id}`, { fields: {}, deleted: true, partial: true });
  }

  /**
   * Compares the live records of `types` with a snapshot's list; a trusted snapshot then
   * becomes the state, so a lost change is reported at the first snapshot that shows it.
   */
  compare(
    snapshotId: string,
    types: ReadonlySet<string>,
    entities: readonly { type: string; id: string; data: unknown }[],
    trusted: boolean,
    sink: FindingSink,
  ): void {
    const differences: string[] = [];
    const listed = new Set<string>();
    for (const e of entities) {
      const key = `${e.type}\u0000${e.id}`;
      listed.add(key);
      const known = this.records.get(key);
      const label = `${e.type} ${e.id}`;
      // Never named by the log: it predates the export and nothing here can contradict it.
      if (!known) continue;
      if (known.deleted) differences.push(`${label} is in the snapshot but was deleted by the log`);
      else if (!matches(known, e.data))
        differences.push(`${label}: snapshot ${shownData(e.data)}, rebuilt ${canonicalJson(known.fields)}`);
    }
    for (const [key, known] of this.records) {
      const [type, id] = key.split('\u0000');
      if (type === undefined || !types.has(type) || known.deleted || listed.has(key)) continue;
      differences.push(`${type} ${id ?? ''} is live in the rebuilt state but not in the snapshot`);
    }
    for (const d of differences.slice(0, 20))
      sink.add({ kind: 'snapshot_mismatch', severity: 'high', sourceId: snapshotId, detail: d });
    if (differences.length > 20)
      sink.add({
        kind: 'snapshot_mismatch',
        severity: 'high',
        sourceId: snapshotId,
        detail: `${differences.length - 20} more differences from the rebuilt state`,
      });
    if (!trusted) return;
    for (const [key, known] of this.records) {
      const type = key.split('\u0000')[0];
      if (type !== undefined && types.has(type) && !listed.has(key)) known.deleted = true;
    }
    for (const e of entities) this.create(e.type, e.id, e.data);
  }
}

function matches(known: Known, data: unknown): boolean {
  if (!isObject(data)) return false;
  if (!known.partial) return jsonEqual(known.fields, data);
  return Object.entries(known.fields).every(([k, v]) => jsonEqual(v, data[k]));
}

function shownData(data: unknown): string {
  return data === undefined ? 'nothing' : canonicalJson(data);
}
