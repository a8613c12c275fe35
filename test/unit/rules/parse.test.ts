import { describe, expect, it } from 'vitest';
import { compileRule, listRules, parseRules, rulesError } from '../../../analysis/engine/src/index.js';

const INJECTION = "o'brien'); DROP TABLE events; --";

/** The one problem a single malformed rule gives. */
function problem(text: string): { rule: string; field: string; message: string } {
  const parsed = parseRules(text);
  expect(parsed.rules).toEqual([]);
  expect(parsed.problems).toHaveLength(1);
  return parsed.problems[0] as { rule: string; field: string; message: string };
}

const rule = (extra: string): string =>
  `- id: exfil-after-login\n  title: Exports after a login\n  severity: high\n${extra}`;

describe('rules as data: reading and validating', () => {
  it('reads a where + window + threshold rule with its defaults', () => {
    const { rules, problems } = parseRules(
      rule(
        `  where:\n    action: export\n    new_state.rows: {gt: 1000}\n  window: 10m\n  threshold: {count: 3}\n`,
      ),
    );
    expect(problems).toEqual([]);
    expect(rules[0]).toMatchObject({
      id: 'exfil-after-login',
      severity: 'high',
      groupBy: ['actor_id'],
      windowSeconds: 600,
      threshold: { count: 3 },
    });
  });

  it('reads JSON as well as YAML, and {rules: [...]}', () => {
    const json = JSON.stringify({
      rules: [{ id: 'a', title: 'A', severity: 'low', where: { ip: { in: ['203.0.113.1'] } } }],
    });
    expect(parseRules(json).rules.map((r) => r.id)).toEqual(['a']);
  });

  it('names the file, the rule and the field of a bad window', () => {
    const p = problem(rule('  window: ten minutes\n'));
    expect(p).toMatchObject({ rule: 'exfil-after-login', field: 'window' });
    expect(rulesError('rules.yaml', [p]).message).toBe(
      'rules.yaml: rule "exfil-after-login": window: expected a duration like 10m (s, m, h or d; at most 90d)',
    );
    expect(rulesError('rules.yaml', [p]).code).toBe('BAD_ARGUMENT');
  });

  it('names the field path of every kind of mistake', () => {
    expect(problem(rule('  where:\n    new_state.role: {bigger: 3}\n'))).toMatchObject({
      field: 'where.new_state.role.bigger',
    });
    expect(problem(rule('  where:\n    no_such_column: x\n')).message).toContain(
      'unknown field "no_such_column"',
    );
    expect(problem(rule('  where:\n    action: {gt: 3}\n'))).toMatchObject({
      field: 'where.action.gt',
      message: expect.stringContaining('compares numbers and times'),
    });
    expect(problem(rule("  where:\n    user_agent: {matches: '(?=curl)'}\n"))).toMatchObject({
      field: 'where.user_agent.matches',
    });
    expect(problem(rule('  where:\n    raw.a..b: 1\n')).field).toBe('where.raw.a..b');
    expect(problem(rule('  threshold: {count: 0}\n')).field).toBe('threshold.count');
    expect(problem(rule('  threshold: {distinct: nope, count: 3}\n')).field).toBe('threshold.distinct');
    expect(
      problem(rule('  sequence:\n    - where: {action: login}\n    - where: {action: export}\n')),
    ).toMatchObject({
      field: 'window',
      message: 'a sequence needs a window, like 1h',
    });
    expect(problem(rule('  severity2: high\n')).field).toBe('severity2');
    expect(problem(rule('  group_by: [actor_id, new_state]\n')).field).toBe('group_by[1]');
  });

  it('names a rule without an id by its place, and keeps the good rules beside a bad one', () => {
    const text = `${rule('')}- title: no id\n  severity: low\n`;
    const parsed = parseRules(text);
    expect(parsed.rules.map((r) => r.id)).toEqual(['exfil-after-login']);
    expect(parsed.problems).toEqual([{ rule: '#2', field: 'id', message: expect.any(String) }]);
  });

  it('refuses a duplicate id and text that is not YAML', () => {
    expect(parseRules(`${rule('')}${rule('')}`).problems[0]).toMatchObject({
      rule: 'exfil-after-login',
      field: 'id',
    });
    expect(parseRules('- id: [unclosed').problems[0]?.rule).toBe('(file)');
  });

  it('binds every value and JSON path: SQL injection text stays a value', () => {
    const [r] = parseRules(
      rule(`  where:\n    actor_id: "${INJECTION}"\n    raw.data.note: {contains: "${INJECTION}"}\n`),
    ).rules;
    expect(r).toBeDefined();
    const compiled = compileRule(r!, 'events', 100);
    expect(compiled.sql).not.toContain('brien');
    expect(compiled.sql).not.toContain('data');
    expect(Object.values(compiled.params)).toContain(INJECTION);
    expect(Object.values(compiled.params)).toContain('$."data"."note"');
  });
});

describe('built-in rules', () => {
  it('all read cleanly and carry their YAML text', () => {
    const rules = listRules();
    expect(rules.length).toBeGreaterThanOrEqual(4);
    for (const r of rules) {
      expect(r.builtin).toBe(true);
      expect(r.text).toContain(`id: ${r.id}`);
      expect(parseRules(r.text).problems).toEqual([]);
    }
  });
});
