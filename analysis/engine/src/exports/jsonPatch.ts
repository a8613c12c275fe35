import { canonicalJson } from '../../../core/src/index.js';
import type { JsonObject } from '../../../core/src/index.js';

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: unknown;
}

/**
 * The RFC 6902 patch that turns `from` into `to`, member by member at the top level (the
 * grain at which every source records its changes). Null means the entity does not exist.
 */
export function diffPatch(from: JsonObject | null, to: JsonObject | null): PatchOperation[] {
  if (to === null) return from === null ? [] : [{ op: 'remove', path: '' }];
  if (from === null) return [{ op: 'add', path: '', value: to }];
  const ops: PatchOperation[] = [];
  for (const key of Object.keys(from).sort()) {
    if (!(key in to)) ops.push({ op: 'remove', path: pointer(key) });
  }
  for (const key of Object.keys(to).sort()) {
    if (!(key in from)) ops.push({ op: 'add', path: pointer(key), value: to[key] });
    else if (canonicalJson(from[key] ?? null) !== canonicalJson(to[key] ?? null))
      ops.push({ op: 'replace', path: pointer(key), value: to[key] });
  }
  return ops;
}

/** An RFC 6901 pointer to one member. */
function pointer(key: string): string {
  return `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
