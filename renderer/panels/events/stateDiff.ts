import { asText } from '../../app/format.js';

export type DiffKind = 'added' | 'removed' | 'changed' | 'same';

export interface DiffRow {
  /** Dotted path of the field (`position.x`), or `(state)` when the state is not an object. */
  path: string;
  before: string | null;
  after: string | null;
  kind: DiffKind;
}

const MAX_DEPTH = 8;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Leaves of a JSON value by dotted path; arrays and empty objects stay whole (shown as JSON). */
export function flatten(
  value: unknown,
  prefix = '',
  out = new Map<string, string>(),
  depth = 0,
): Map<string, string> {
  if (isPlainObject(value) && Object.keys(value).length > 0 && depth < MAX_DEPTH) {
    for (const [key, child] of Object.entries(value))
      flatten(child, prefix ? `${prefix}.${key}` : key, out, depth + 1);
  } else {
    out.set(
      prefix || '(state)',
      value === null ? 'null' : typeof value === 'string' ? JSON.stringify(value) : asText(value),
    );
  }
  return out;
}

/**
 * Before and after, field by field: every path of either side once, in path order, with
 * whether it was added, removed, changed or kept. A missing side (no state) counts as empty.
 */
export function diffStates(before: unknown, after: unknown): DiffRow[] {
  const a = before === null || before === undefined ? new Map<string, string>() : flatten(before);
  const b = after === null || after === undefined ? new Map<string, string>() : flatten(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.map((path) => {
    const x = a.get(path) ?? null;
    const y = b.get(path) ?? null;
    const kind: DiffKind = x === null ? 'added' : y === null ? 'removed' : x === y ? 'same' : 'changed';
    return { path, before: x, after: y, kind };
  });
}
