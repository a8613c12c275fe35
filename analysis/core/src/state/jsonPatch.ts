import type { PatchOp } from './types.js';

/**
 * RFC 6902 applied without mutating its input: only the containers along each path are
 * copied, so states kept in keyframes and histories can share everything else. It is
 * lenient on purpose: an operation whose target is missing is skipped rather than aborting
 * the replay, because evidence that disagrees with itself is the integrity check's finding,
 * not a reason to stop reconstructing the world.
 */
export function applyJsonPatch(document: unknown, patch: readonly PatchOp[]): unknown {
  let doc = document;
  for (const op of patch) doc = applyOne(doc, op);
  return doc;
}

/** True when `value` is an array of objects that each have string `op` and `path`. */
export function isJsonPatch(value: unknown): value is PatchOp[] {
  return (
    Array.isArray(value) &&
    value.every(
      (op) =>
        typeof op === 'object' &&
        op !== null &&
        typeof (op as PatchOp).op === 'string' &&
        typeof (op as PatchOp).path === 'string',
    )
  );
}

function applyOne(doc: unknown, op: PatchOp): unknown {
  const path = parsePointer(op.path);
  if (path === null) return doc;
  switch (op.op) {
    case 'add':
      return write(doc, path, op.value, true);
    case 'replace':
      return write(doc, path, op.value, false);
    case 'remove':
      return remove(doc, path);
    case 'copy':
    case 'move': {
      const from = op.from === undefined ? null : parsePointer(op.from);
      if (from === null) return doc;
      const found = read(doc, from);
      if (!found.ok) return doc;
      const base = op.op === 'move' ? remove(doc, from) : doc;
      return write(base, path, found.value, true);
    }
    default:
      // `test` changes nothing; unknown operations are ignored for the reason above.
      return doc;
  }
}

function parsePointer(pointer: string): string[] | null {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return null;
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function read(doc: unknown, path: readonly string[]): { ok: true; value: unknown } | { ok: false } {
  let node = doc;
  for (const token of path) {
    if (Array.isArray(node)) {
      const i = arrayIndex(token, node.length, false);
      if (i === null) return { ok: false };
      node = node[i];
    } else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, token)) {
      node = node[token];
    } else return { ok: false };
  }
  return { ok: true, value: node };
}

/** `insert`: RFC 6902 `add` (arrays grow); otherwise `replace` (arrays are overwritten). */
function write(doc: unknown, path: readonly string[], value: unknown, insert: boolean): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(doc)) {
    const last = rest.length === 0;
    const i = arrayIndex(head, doc.length, last && insert);
    if (i === null) return doc;
    const copy = doc.slice();
    if (last && insert) copy.splice(i, 0, value);
    else copy[i] = last ? value : write(doc[i], rest, value, insert);
    return copy;
  }
  if (!isObject(doc)) return doc;
  if (rest.length > 0 && !(head in doc)) return doc;
  return { ...doc, [head]: rest.length === 0 ? value : write(doc[head], rest, value, insert) };
}

function remove(doc: unknown, path: readonly string[]): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return doc;
  if (Array.isArray(doc)) {
    const i = arrayIndex(head, doc.length, false);
    if (i === null) return doc;
    const copy = doc.slice();
    if (rest.length === 0) copy.splice(i, 1);
    else copy[i] = remove(doc[i], rest);
    return copy;
  }
  if (!isObject(doc) || !Object.prototype.hasOwnProperty.call(doc, head)) return doc;
  if (rest.length > 0) return { ...doc, [head]: remove(doc[head], rest) };
  const copy = { ...doc };
  delete copy[head];
  return copy;
}

function arrayIndex(token: string, length: number, insert: boolean): number | null {
  if (token === '-') return insert ? length : null;
  if (!/^(0|[1-9]\d*)$/.test(token)) return null;
  const i = Number(token);
  return i < length || (insert && i === length) ? i : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
