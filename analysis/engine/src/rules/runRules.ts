import { ChronoscopeError } from '../../../core/src/index.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import type { FindingRow } from '../detectors/sqlKit.js';
import { figure, shortTime, text, toFinding } from '../detectors/sqlKit.js';
import type { Finding } from '../detectors/types.js';
import { compileRule } from './compile.js';
import type { Rule } from './types.js';

/** Runs each rule over `source`; findings are `rule:<id>`, in the shape of the detectors'. */
export async function runRules(
  store: ArchiveStore,
  source: string,
  rules: readonly Rule[],
  maxEvidence: number,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const rule of rules) findings.push(...(await runRule(store, source, rule, maxEvidence)));
  return findings;
}

export async function runRule(
  store: ArchiveStore,
  source: string,
  rule: Rule,
  maxEvidence: number,
): Promise<Finding[]> {
  const compiled = compileRule(rule, source, maxEvidence);
  const rows = (await failingAs(rule, () => store.json(compiled.sql, compiled.params))) as FindingRow[];
  return rows.map((row) => toFinding(`rule:${rule.id}`, row, summarize(rule, row)));
}

/** Rows any of the rule's conditions select, for `rules.check`. */
export async function countMatches(store: ArchiveStore, source: string, rule: Rule): Promise<number> {
  const { matches } = compileRule(rule, source, 1);
  const rows = await failingAs(rule, () => store.json(matches.sql, matches.params));
  return Number(rows[0]?.['n'] ?? 0);
}

/**
 * A rule that validated can still fail in DuckDB (a pattern RE2 refuses, a comparison a value
 * cannot make): the investigator's to fix, so it names the rule, never a stack.
 */
async function failingAs<T>(rule: Rule, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0] ?? 'failed';
    throw new ChronoscopeError('BAD_ARGUMENT', `rule "${rule.id}": ${reason}`, { rule: rule.id });
  }
}

function summarize(rule: Rule, row: FindingRow): string {
  const key = text(row, 'key_text');
  const who = key ? ` (${rule.groupBy.join(', ')} ${key})` : '';
  const span = `between ${shortTime(text(row, 'from_iso'))} and ${shortTime(text(row, 'to_iso'))}`;
  if (rule.sequence) {
    return `${rule.title}${who}: ${rule.sequence.length} steps in order ${span}, ${figure(row, 'count')} events`;
  }
  const window = rule.windowSeconds === undefined ? '' : ` in ${windowText(rule.windowSeconds)}`;
  const what = rule.threshold.distinct ? `different ${rule.threshold.distinct}` : 'events';
  const peak = rule.threshold.count > 1 ? `; up to ${figure(row, 'peak')} ${what}${window}` : '';
  return `${rule.title}${who}: ${figure(row, 'count')} events ${span}${peak}`;
}

function windowText(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
