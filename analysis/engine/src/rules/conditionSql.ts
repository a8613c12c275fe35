import type { FieldRef } from './fields.js';
import type { Binder } from './compile.js';
import type { Condition, ConditionGroup, Scalar } from './types.js';

/**
 * SQL of a condition group. Values, patterns and JSON paths are bound parameters: a rule's
 * values often come from the evidence itself (an address, a user name an intruder chose), and
 * nothing in them may change the statement.
 */
export function conditionSql(group: ConditionGroup, b: Binder): string {
  if (group.items.length === 0) return 'true';
  const parts = group.items.map((item) => (item.kind === 'condition' ? one(item, b) : conditionSql(item, b)));
  if (group.kind === 'not') return `(NOT (${parts.join(' AND ')}))`;
  return `(${parts.join(group.kind === 'all' ? ' AND ' : ' OR ')})`;
}

function one(c: Condition, b: Binder): string {
  const ref = b.field(c.field);
  const x = ref.sql;
  const value = c.value;
  switch (c.op) {
    case 'exists':
      return value === true ? `(${x} IS NOT NULL)` : `(${x} IS NULL)`;
    case 'eq':
      return value === null ? `(${x} IS NULL)` : compare(ref, '=', value as Scalar, b);
    case 'ne':
      return value === null
        ? `(${x} IS NOT NULL)`
        : `coalesce(NOT ${compare(ref, '=', value as Scalar, b)}, true)`;
    case 'in':
      return anyOf(ref, value as Scalar[], b);
    case 'not_in':
      return `coalesce(NOT ${anyOf(ref, value as Scalar[], b)}, true)`;
    case 'gt':
      return compare(ref, '>', value as Scalar, b);
    case 'gte':
      return compare(ref, '>=', value as Scalar, b);
    case 'lt':
      return compare(ref, '<', value as Scalar, b);
    case 'lte':
      return compare(ref, '<=', value as Scalar, b);
    case 'contains':
      return ref.kind === 'list'
        ? `coalesce(list_contains(${x}, ${b.bind(String(value))}), false)`
        : `coalesce(contains(lower(${x}::VARCHAR), ${b.bind(String(value).toLowerCase())}), false)`;
    case 'matches':
      return ref.kind === 'list'
        ? `coalesce(len(list_filter(${x}, e -> regexp_matches(e, ${b.bind(String(value))}))) > 0, false)`
        : `coalesce(regexp_matches(${x}::VARCHAR, ${b.bind(String(value))}), false)`;
  }
}

function anyOf(ref: FieldRef, values: Scalar[], b: Binder): string {
  const parts = values.map((v) => (v === null ? `(${ref.sql} IS NULL)` : compare(ref, '=', v, b)));
  return `coalesce((${parts.join(' OR ')}), false)`;
}

/** A comparison typed by the field: numbers as DOUBLE, times as TIMESTAMPTZ, JSON values by the value's type. */
function compare(ref: FieldRef, op: string, value: Scalar, b: Binder): string {
  const x = ref.sql;
  switch (ref.kind) {
    case 'number':
      return `coalesce(${x} ${op} CAST(${b.bind(Number(value))} AS DOUBLE), false)`;
    case 'time':
      return `coalesce(${x} ${op} CAST(${b.bind(String(value))} AS TIMESTAMPTZ), false)`;
    case 'jsonpath':
      return typeof value === 'number'
        ? `coalesce(TRY_CAST(${x} AS DOUBLE) ${op} CAST(${b.bind(value)} AS DOUBLE), false)`
        : `coalesce(${x} ${op} ${b.bind(String(value))}, false)`;
    case 'list':
      return `coalesce(list_contains(${x}, ${b.bind(String(value))}), false)`;
    case 'json':
      return `coalesce(${x}::VARCHAR ${op} ${b.bind(String(value))}, false)`;
    case 'text':
      return `coalesce(${x} ${op} ${b.bind(String(value))}, false)`;
  }
}
