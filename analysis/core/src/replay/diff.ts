import { compareEntities, entityKey } from '../state/reducer.js';
import type { EntityState } from '../state/types.js';

export type EntityDiffKind =
  /** Exists (live or deleted) in A only. */
  | 'only_a'
  | 'only_b'
  /** Live in both, with different states. */
  | 'changed'
  /** Deleted in A, live in B. */
  | 'deleted_in_a'
  | 'deleted_in_b';

export interface EntityDiff {
  entityType: string;
  entityId: string;
  kind: EntityDiffKind;
  /** JSON Pointers (RFC 6901) of the fields whose values differ; empty for only_a/only_b. */
  paths: string[];
}

export interface DiffOptions {
  /** Entities deleted on both sides with different last states count as changed (default false). */
  compareTombstones?: boolean;
  /** At most this many paths per entity (default 50). */
  maxPaths?: number;
}

/**
 * The entities whose state differs between two worlds: the original against a branch, two
 * times of one archive, or two archives of the same system. Ordered by type then id.
 */
export function diffStates(
  a: Iterable<EntityState>,
  b: Iterable<EntityState>,
  options: DiffOptions = {},
): EntityDiff[] {
  const maxPaths = options.maxPaths ?? 50;
  const byKey = new Map<string, EntityState>();
  for (const e of b) byKey.set(entityKey(e.entityType, e.entityId), e);
  const out: EntityDiff[] = [];
  const seen = new Set<string>();
  for (const x of a) {
    const key = entityKey(x.entityType, x.entityId);
    seen.add(key);
    const y = byKey.get(key);
    const base = { entityType: x.entityType, entityId: x.entityId };
    if (!y) {
      out.push({ ...base, kind: 'only_a', paths: [] });
      continue;
    }
    if (x.deleted && y.deleted && !options.compareTombstones) continue;
    if (x.state === y.state && x.deleted === y.deleted) continue;
    const paths = diffPaths(x.state, y.state, '', [], maxPaths);
    if (x.deleted !== y.deleted)
      out.push({ ...base, kind: x.deleted ? 'deleted_in_a' : 'deleted_in_b', paths });
    else if (paths.length > 0) out.push({ ...base, kind: 'changed', paths });
  }
  for (const [key, y] of byKey) {
    if (!seen.has(key))
      out.push({ entityType: y.entityType, entityId: y.entityId, kind: 'only_b', paths: [] });
  }
  return out.sort(compareEntities);
}

/** The JSON Pointers at which two JSON values differ (leaves, or the container whose kind differs). */
export function diffPaths(a: unknown, b: unknown, at = '', out: string[] = [], max = Infinity): string[] {
  if (out.length >= max || a === b) return out;
  const arrays = Array.isArray(a) && Array.isArray(b);
  const objects = isObject(a) && isObject(b);
  if (arrays) {
    const [xs, ys] = [a as unknown[], b as unknown[]];
    for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
      if (i >= xs.length || i >= ys.length) out.push(`${at}/${i}`);
      else diffPaths(xs[i], ys[i], `${at}/${i}`, out, max);
      if (out.length >= max) break;
    }
    return out;
  }
  if (objects) {
    const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
    const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
    for (const k of keys) {
      const path = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!(k in x) || !(k in y)) out.push(path);
      else diffPaths(x[k], y[k], path, out, max);
      if (out.length >= max) break;
    }
    return out;
  }
  if (!(typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b))) out.push(at);
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
