import type { FieldKind } from './fields.js';
import { resolveField } from './fields.js';
import { OPERATORS } from './types.js';
import type { Condition, ConditionGroup, Operator, Scalar } from './types.js';

/** A validation failure at a path inside a rule (`where.new_state.role.gt`). */
export class RuleFieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const ORDERED: readonly Operator[] = ['gt', 'gte', 'lt', 'lte'];

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** The kind of a field name, or the error naming it. */
export function fieldKind(name: string, at: string): FieldKind {
  const ref = resolveField(name, () => '$p');
  if (typeof ref === 'string') throw new RuleFieldError(at, ref);
  return ref.kind;
}

/**
 * Parses a `where` block: a mapping of field → value (equals), → list (any of), or →
 * {operator: value, ...}; `any:` / `all:` hold lists of such mappings (OR / AND), `not:` one
 * mapping that must not hold; a list of mappings means all of them.
 */
export function parseWhere(raw: unknown, at: string): ConditionGroup {
  if (raw === undefined || raw === null) return { kind: 'all', items: [] };
  if (Array.isArray(raw)) {
    return { kind: 'all', items: raw.map((item, i) => parseWhere(item, `${at}[${i}]`)) };
  }
  if (!isPlainObject(raw)) throw new RuleFieldError(at, 'expected a mapping of field: condition');
  const items: (Condition | ConditionGroup)[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const path = `${at}.${key}`;
    if (key === 'not') {
      items.push({ kind: 'not', items: [parseWhere(value, path)] });
      continue;
    }
    if (key === 'any' || key === 'all') {
      if (!Array.isArray(value) || value.length === 0) {
        throw new RuleFieldError(path, `expected a non-empty list of conditions`);
      }
      items.push({ kind: key, items: value.map((item, i) => parseWhere(item, `${path}[${i}]`)) });
      continue;
    }
    const kind = fieldKind(key, path);
    if (isPlainObject(value)) {
      const entries = Object.entries(value);
      if (entries.length === 0) throw new RuleFieldError(path, `expected one of ${OPERATORS.join(', ')}`);
      for (const [op, operand] of entries) items.push(condition(key, kind, op, operand, `${path}.${op}`));
    } else {
      items.push(condition(key, kind, Array.isArray(value) ? 'in' : 'eq', value, path));
    }
  }
  return { kind: 'all', items };
}

function condition(field: string, kind: FieldKind, op: string, value: unknown, at: string): Condition {
  if (!(OPERATORS as readonly string[]).includes(op)) {
    throw new RuleFieldError(at, `unknown operator "${op}": expected one of ${OPERATORS.join(', ')}`);
  }
  const operator = op as Operator;
  if (operator === 'in' || operator === 'not_in') {
    if (!Array.isArray(value) || value.length === 0 || value.length > 1000) {
      throw new RuleFieldError(at, 'expected a list of 1 to 1000 values');
    }
    value.forEach((v, i) => checkValue(kind, operator, v, `${at}[${i}]`));
    return { kind: 'condition', field, op: operator, value: value as Scalar[] };
  }
  checkValue(kind, operator, value, at);
  return { kind: 'condition', field, op: operator, value: value as Scalar };
}

function checkValue(kind: FieldKind, op: Operator, value: unknown, at: string): void {
  if (!isScalar(value))
    throw new RuleFieldError(at, 'expected a single value (text, number, true/false or null)');
  if (op === 'exists') {
    if (typeof value !== 'boolean') throw new RuleFieldError(at, 'expected true or false');
    return;
  }
  if (op === 'contains' || op === 'matches') {
    if (typeof value !== 'string' || value.length === 0 || value.length > 1000) {
      throw new RuleFieldError(at, 'expected text of 1 to 1000 characters');
    }
    if (op === 'matches') checkRegex(value, at);
    return;
  }
  if (value === null && op !== 'eq' && op !== 'ne')
    throw new RuleFieldError(at, 'null only compares with eq or ne');
  if (ORDERED.includes(op)) {
    if (kind === 'time') {
      if (typeof value !== 'string' || !ISO.test(value))
        throw new RuleFieldError(at, 'expected an ISO 8601 time');
    } else if (kind === 'number' || kind === 'jsonpath') {
      if (typeof value !== 'number') throw new RuleFieldError(at, 'expected a number');
    } else {
      throw new RuleFieldError(at, `${op} compares numbers and times; this field holds ${kind}`);
    }
    return;
  }
  if (value === null) return;
  if (kind === 'number' && typeof value !== 'number') throw new RuleFieldError(at, 'expected a number');
  if (kind === 'time' && (typeof value !== 'string' || !ISO.test(value))) {
    throw new RuleFieldError(at, 'expected an ISO 8601 time');
  }
}

/**
 * DuckDB matches with RE2, which has no look-around or back-references: refuse them here, with
 * the field named, rather than fail later inside a query.
 */
function checkRegex(pattern: string, at: string): void {
  if (/\(\?<?[=!]|\\[1-9]|\\k</.test(pattern)) {
    throw new RuleFieldError(at, 'look-around and back-references are not supported (RE2 syntax)');
  }
  try {
    new RegExp(pattern.replace(/^\(\?i\)/, ''));
  } catch (err) {
    throw new RuleFieldError(at, `not a valid regular expression: ${(err as Error).message}`);
  }
}
