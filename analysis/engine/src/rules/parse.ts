import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { ChronoscopeError, SEVERITIES } from '../../../core/src/index.js';
import type { Severity } from '../../../core/src/index.js';
import { RuleFieldError, fieldKind, isPlainObject, parseWhere } from './conditions.js';
import type { Rule, RuleProblem, SequenceStep, Threshold } from './types.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;
const DURATION = /^(\d{1,7})\s*(s|m|h|d)$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const MAX_WINDOW = 90 * 86_400;
const RULE_KEYS = [
  'id',
  'title',
  'severity',
  'description',
  'where',
  'group_by',
  'window',
  'threshold',
  'sequence',
];
const STEP_KEYS = ['where', 'key', 'threshold'];

export interface ParsedRules {
  rules: Rule[];
  problems: RuleProblem[];
}

/**
 * Reads rule text (YAML, or JSON, which YAML reads too): a list of rules, `{rules: [...]}`,
 * or one rule. Every malformed rule is reported with its id (or `#n`) and the field at fault;
 * the well-formed ones are kept.
 */
export function parseRules(text: string, options: { builtin?: boolean } = {}): ParsedRules {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (err) {
    const message = (err as Error).message.split('\n')[0] ?? 'not YAML or JSON';
    return { rules: [], problems: [{ rule: '(file)', field: '', message }] };
  }
  const items = Array.isArray(doc)
    ? doc
    : isPlainObject(doc) && Array.isArray(doc['rules'])
      ? doc['rules']
      : isPlainObject(doc) && 'id' in doc
        ? [doc]
        : null;
  if (!items) {
    return {
      rules: [],
      problems: [{ rule: '(file)', field: '', message: 'expected a list of rules (or {rules: [...]})' }],
    };
  }
  const rules: Rule[] = [];
  const problems: RuleProblem[] = [];
  const seen = new Set<string>();
  items.forEach((item: unknown, index) => {
    const name =
      isPlainObject(item) && typeof item['id'] === 'string' && item['id'] ? item['id'] : `#${index + 1}`;
    try {
      const text1 = items.length === 1 ? text : stringifyYaml(item);
      const rule = parseRule(item, text1, options.builtin === true);
      if (seen.has(rule.id)) throw new RuleFieldError('id', `"${rule.id}" is used by an earlier rule`);
      seen.add(rule.id);
      rules.push(rule);
    } catch (err) {
      if (!(err instanceof RuleFieldError)) throw err;
      problems.push({ rule: name, field: err.field, message: err.message });
    }
  });
  return { rules, problems };
}

/** The error `--rules FILE` stops with: the file, the rule and the field, as a person fixes it. */
export function rulesError(file: string, problems: readonly RuleProblem[]): ChronoscopeError {
  const lines = problems.map((p) => {
    const rule = p.rule === '(file)' ? '' : ` rule ${p.rule.startsWith('#') ? p.rule : `"${p.rule}"`}:`;
    return `${file}:${rule}${p.field ? ` ${p.field}:` : ''} ${p.message}`;
  });
  return new ChronoscopeError('BAD_ARGUMENT', lines.join('\n'), { file });
}

function parseRule(raw: unknown, text: string, builtin: boolean): Rule {
  if (!isPlainObject(raw)) throw new RuleFieldError('', 'expected a mapping with id, title, severity, ...');
  for (const key of Object.keys(raw)) {
    if (!RULE_KEYS.includes(key))
      throw new RuleFieldError(key, `unknown field: expected ${RULE_KEYS.join(', ')}`);
  }
  const id = raw['id'];
  if (typeof id !== 'string' || !ID.test(id)) {
    throw new RuleFieldError(
      'id',
      'expected letters, digits, "_", "." or "-" (at most 80, starting with a letter or digit)',
    );
  }
  const title = raw['title'];
  if (typeof title !== 'string' || title.trim() === '' || title.length > 200) {
    throw new RuleFieldError('title', 'expected text of 1 to 200 characters');
  }
  const severity = raw['severity'];
  if (typeof severity !== 'string' || !(SEVERITIES as readonly string[]).includes(severity)) {
    throw new RuleFieldError('severity', `expected one of ${SEVERITIES.join(', ')}`);
  }
  const description = raw['description'];
  if (description !== undefined && typeof description !== 'string') {
    throw new RuleFieldError('description', 'expected text');
  }
  const groupBy = keys(raw['group_by'] ?? ['actor_id'], 'group_by');
  const windowSeconds = raw['window'] === undefined ? undefined : duration(raw['window']);
  const rule: Rule = {
    id,
    title,
    severity: severity as Severity,
    ...(description !== undefined ? { description } : {}),
    where: parseWhere(raw['where'], 'where'),
    groupBy,
    ...(windowSeconds !== undefined ? { windowSeconds } : {}),
    threshold: threshold(raw['threshold'], 'threshold'),
    text,
    builtin,
  };
  if (raw['sequence'] !== undefined) {
    if (raw['threshold'] !== undefined) {
      throw new RuleFieldError(
        'threshold',
        'a sequence takes its thresholds per step (sequence[n].threshold)',
      );
    }
    if (windowSeconds === undefined) throw new RuleFieldError('window', 'a sequence needs a window, like 1h');
    rule.sequence = steps(raw['sequence'], groupBy.length);
  }
  return rule;
}

function steps(raw: unknown, keyCount: number): SequenceStep[] {
  if (!Array.isArray(raw) || raw.length < 2 || raw.length > 8) {
    throw new RuleFieldError('sequence', 'expected a list of 2 to 8 steps');
  }
  return raw.map((step: unknown, i) => {
    const at = `sequence[${i + 1}]`;
    if (!isPlainObject(step))
      throw new RuleFieldError(at, 'expected a mapping with where (and key, threshold)');
    for (const key of Object.keys(step)) {
      if (!STEP_KEYS.includes(key))
        throw new RuleFieldError(`${at}.${key}`, `unknown field: expected ${STEP_KEYS.join(', ')}`);
    }
    if (step['where'] === undefined) throw new RuleFieldError(`${at}.where`, 'each step needs a where');
    const out: SequenceStep = {
      where: parseWhere(step['where'], `${at}.where`),
      threshold: threshold(step['threshold'], `${at}.threshold`),
    };
    if (step['key'] !== undefined) {
      const key = keys(step['key'], `${at}.key`);
      if (key.length !== keyCount) {
        throw new RuleFieldError(`${at}.key`, `expected ${keyCount} field(s), one for each of group_by`);
      }
      out.key = key;
    }
    return out;
  });
}

function keys(raw: unknown, at: string): string[] {
  const list = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list) || list.length === 0 || list.length > 4) {
    throw new RuleFieldError(at, 'expected a field or a list of 1 to 4 fields');
  }
  return list.map((name: unknown, i) => {
    const path = list.length === 1 ? at : `${at}[${i}]`;
    if (typeof name !== 'string') throw new RuleFieldError(path, 'expected a field name');
    const kind = fieldKind(name, path);
    if (kind === 'json' || kind === 'list') {
      throw new RuleFieldError(
        path,
        `cannot group by a whole ${kind === 'json' ? 'JSON document' : 'list'}: name a path inside it`,
      );
    }
    return name;
  });
}

function duration(raw: unknown): number {
  const match = typeof raw === 'string' ? DURATION.exec(raw.trim()) : null;
  const seconds =
    typeof raw === 'number' ? raw : match ? Number(match[1]) * (UNIT_SECONDS[match[2] ?? 's'] ?? 1) : NaN;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_WINDOW) {
    throw new RuleFieldError('window', 'expected a duration like 10m (s, m, h or d; at most 90d)');
  }
  return seconds;
}

function threshold(raw: unknown, at: string): Threshold {
  if (raw === undefined) return { count: 1 };
  if (typeof raw === 'number') raw = { count: raw };
  if (!isPlainObject(raw)) throw new RuleFieldError(at, 'expected {count: N} or {distinct: field, count: N}');
  for (const key of Object.keys(raw)) {
    if (key !== 'count' && key !== 'distinct')
      throw new RuleFieldError(`${at}.${key}`, 'unknown field: expected count, distinct');
  }
  const count = raw['count'];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1_000_000) {
    throw new RuleFieldError(`${at}.count`, 'expected a whole number from 1 to 1000000');
  }
  const distinct = raw['distinct'];
  if (distinct === undefined) return { count };
  if (typeof distinct !== 'string') throw new RuleFieldError(`${at}.distinct`, 'expected a field name');
  fieldKind(distinct, `${at}.distinct`);
  return { count, distinct };
}
