import type { Severity } from '../../../core/src/index.js';

/** The comparison operators a `where` condition may use (see README, "Rules"). */
export const OPERATORS = [
  'eq',
  'ne',
  'in',
  'not_in',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'matches',
  'exists',
] as const;
export type Operator = (typeof OPERATORS)[number];

export type Scalar = string | number | boolean | null;

/** One comparison of a field (column, derived field or JSON path) with a value. */
export interface Condition {
  kind: 'condition';
  field: string;
  op: Operator;
  value: Scalar | Scalar[];
}

/** Conditions joined by AND (`all`) or OR (`any`), or all of them negated (`not`). */
export interface ConditionGroup {
  kind: 'all' | 'any' | 'not';
  items: (Condition | ConditionGroup)[];
}

export interface Threshold {
  /** At least this many rows (or distinct values of `distinct`). */
  count: number;
  distinct?: string;
}

export interface SequenceStep {
  where: ConditionGroup;
  /** The fields this step is matched on; defaults to the rule's `group_by`. */
  key?: string[];
  threshold: Threshold;
}

/** A validated rule: what the compiler turns into SQL. */
export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  description?: string;
  where: ConditionGroup;
  groupBy: string[];
  /** Seconds; absent: the whole selection. */
  windowSeconds?: number;
  threshold: Threshold;
  /** Present for an ordered sequence: step 1, then step 2, … within the window, per key. */
  sequence?: SequenceStep[];
  /** The rule's own source text, as `listRules` shows it. */
  text: string;
  builtin: boolean;
}

/** A malformed rule: which rule (its id, or `#n` counting from 1), which field, why. */
export interface RuleProblem {
  rule: string;
  field: string;
  message: string;
}
