import fastJsonPatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { canonicalJson } from '../../../core/src/index.js';
import { shown } from './checkKit.js';
import type { FindingSink } from './checkKit.js';
import { isObject, jsonEqual } from './jsonEqual.js';
import type { JsonObject } from './jsonEqual.js';

/** One `world_changes` record, as the rebuild needs it. */
export interface WorldChange {
  seq: number;
  id: string;
  changeType: string;
  entityType: string | undefined;
  entityId: string | undefined;
  oldState: unknown;
  newState: unknown;
  delta: unknown;
}

const SNAPSHOT_KINDS = { blocks: 'block', simulants: 'simulant' } as const;

/**
 * The world rebuilt from changes (sources.md §1), checking each change against the state it
 * claims to change. After a snapshot is compared the rebuilt world is set to it, so one lost
 * change is reported once, at the first snapshot that shows it, not at every later one.
 */
export class DescendantsWorld {
  private readonly entities = new Map<string, unknown>();

  constructor(
    private readonly states: FindingSink,
    private readonly deltas: FindingSink,
  ) {}

  apply(c: WorldChange): void {
    const kind = c.entityType ?? c.changeType.split('_')[0] ?? '';
    if (c.changeType === 'user_action' || c.changeType === 'snapshot' || c.entityId === undefined) return;
    const key = `${kind}:${c.entityId}`;
    const verb = c.changeType === 'world_config' ? 'config' : (c.changeType.split('_').pop() ?? '');
    const known = this.entities.has(key);
    const before = this.entities.get(key);
    if (verb === 'add' || verb === 'create' || verb === 'config') {
      this.entities.set(key, c.newState);
      return;
    }
    if (verb !== 'update' && verb !== 'remove' && verb !== 'delete') return;
    if (!known) {
      this.states.add({
        kind: 'deleted',
        severity: 'high',
        seq: c.seq,
        sourceId: c.id,
        detail: `${c.changeType} of ${key}, which does not exist at this point: the record that created it is missing`,
      });
    } else if (c.oldState !== undefined && c.oldState !== null && !jsonEqual(c.oldState, before)) {
      this.states.add({
        kind: 'deleted',
        severity: 'high',
        seq: c.seq,
        sourceId: c.id,
        expected: shown(before),
        actual: shown(c.oldState),
        detail: `oldState of ${key} differs from the state rebuilt from the changes before it: a change between is missing or altered`,
      });
    }
    if (verb !== 'update') {
      this.entities.delete(key);
      return;
    }
    const base = c.oldState ?? before;
    const patched = Array.isArray(c.delta) ? this.patch(base, c.delta as Operation[], c) : undefined;
    if (
      patched !== undefined &&
      c.newState !== undefined &&
      c.newState !== null &&
      !jsonEqual(patched, c.newState)
    ) {
      this.deltas.add({
        kind: 'delta_mismatch',
        severity: 'high',
        seq: c.seq,
        sourceId: c.id,
        expected: shown(c.newState),
        actual: shown(patched),
        detail: `delta applied to the old state of ${key} does not give its newState`,
      });
    }
    const after = c.newState ?? patched;
    if (after !== undefined) this.entities.set(key, after);
  }

  private patch(base: unknown, delta: Operation[], c: WorldChange): unknown {
    if (base === undefined) return undefined;
    try {
      return fastJsonPatch.applyPatch(fastJsonPatch.deepClone(base), delta, false, true).newDocument;
    } catch (err) {
      this.deltas.add({
        kind: 'delta_mismatch',
        severity: 'high',
        seq: c.seq,
        sourceId: c.id,
        detail: `delta cannot be applied to the old state: ${(err as Error).message.split('\n')[0]}`,
      });
      return undefined;
    }
  }

  /** Compares the rebuilt world with a snapshot's `worldState`; `trusted` snapshots become the new base. */
  compare(snapshotId: string, worldState: JsonObject, trusted: boolean, sink: FindingSink): void {
    const claimed = new Map<string, unknown>();
    for (const [list, kind] of Object.entries(SNAPSHOT_KINDS)) {
      const entries = worldState[list];
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) {
        if (!isObject(entry)) continue;
        const { entityId, ...state } = entry;
        claimed.set(`${kind}:${String(entityId)}`, state);
      }
    }
    if (worldState['config'] !== undefined) claimed.set('world:world', worldState['config']);
    const rebuilt = new Map(
      [...this.entities].filter(
        ([k]) => k.startsWith('block:') || k.startsWith('simulant:') || k === 'world:world',
      ),
    );
    const differences: string[] = [];
    for (const [key, state] of claimed) {
      if (!rebuilt.has(key)) differences.push(`${key} is in the snapshot but not in the rebuilt world`);
      else if (!jsonEqual(state, rebuilt.get(key)))
        differences.push(
          `${key}: snapshot ${canonicalJson(state)}, rebuilt ${canonicalJson(rebuilt.get(key))}`,
        );
    }
    for (const key of rebuilt.keys()) {
      if (!claimed.has(key)) differences.push(`${key} is in the rebuilt world but not in the snapshot`);
    }
    for (const difference of differences.slice(0, 20)) {
      sink.add({ kind: 'snapshot_mismatch', severity: 'high', sourceId: snapshotId, detail: difference });
    }
    if (differences.length > 20)
      sink.add({
        kind: 'snapshot_mismatch',
        severity: 'high',
        sourceId: snapshotId,
        detail: `${differences.length - 20} more differences from the rebuilt world`,
      });
    if (!trusted) return;
    for (const key of rebuilt.keys()) this.entities.delete(key);
    for (const [key, state] of claimed) this.entities.set(key, state);
  }
}
