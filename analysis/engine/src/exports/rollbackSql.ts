import { canonicalJson } from '../../../core/src/index.js';
import type { JsonObject, RollbackChange, SystemId } from '../../../core/src/index.js';
import type { RollbackPlan } from '../timetravel/rollback.js';
import type { SourceTable } from './sourceTables.js';
import { sqlTablesFor } from './sourceTables.js';

/**
 * The rollback plan as SQL for the source system's own tables (PostgreSQL dialect, which
 * DuckDB parses too): one transaction of INSERT (re-create), UPDATE (only the members that
 * differ; a member the target state lacks becomes NULL) and DELETE statements. Conflicts and
 * the changes no table can take are comments, so nothing is dropped without a word.
 */
export function rollbackSql(plan: RollbackPlan, system: SystemId, archiveSha256: string): string {
  const tables = sqlTablesFor(system) ?? {};
  const lines = [
    `-- Chronoscope rollback plan: ${system} archive ${archiveSha256}`,
    `-- restores the selection to ${plan.target.at ?? '-'} (seq ${plan.target.seq})${selectionText(plan)}`,
    `-- ${plan.changes.length} change(s), ${plan.conflicts.length} conflict(s); review before running.`,
    `-- tables: ${Object.entries(tables)
      .map(([type, t]) => `${type} -> ${t.table}(${t.key})`)
      .join(', ')}`,
  ];
  for (const c of plan.conflicts) {
    lines.push(
      `-- CONFLICT ${comment(c.kind)} ${comment(c.entityType)} ${comment(c.entityId)}: ${comment(c.detail)} (seq ${c.seqs.join(', ')})`,
    );
  }
  lines.push('BEGIN;');
  for (const change of plan.changes) {
    const table = tables[change.entityType];
    if (!table) {
      lines.push(
        `-- skipped ${change.op} of ${comment(change.entityType)} ${comment(change.entityId)}: ${system} keeps no table for ${comment(change.entityType)} entities`,
      );
      continue;
    }
    const statement = statementFor(change, table);
    if (statement) lines.push(statement);
  }
  lines.push('COMMIT;');
  return `${lines.join('\n')}\n`;
}

function statementFor(change: RollbackChange, t: SourceTable): string | null {
  const where = `WHERE ${ident(t.key)} = ${literal(change.entityId)}`;
  if (change.op === 'delete') return `DELETE FROM ${ident(t.table)} ${where};`;
  if (change.op === 'create') {
    const to = change.to ?? {};
    const members = Object.keys(to)
      .filter((k) => k !== t.key)
      .sort();
    const columns = [t.key, ...members].map(ident).join(', ');
    const values = [literal(change.entityId), ...members.map((k) => literal(to[k]))].join(', ');
    return `INSERT INTO ${ident(t.table)} (${columns}) VALUES (${values});`;
  }
  const sets = changedMembers(change.from ?? {}, change.to ?? {})
    .filter((k) => k !== t.key)
    .map((k) => `${ident(k)} = ${literal((change.to ?? {})[k] ?? null)}`);
  return sets.length > 0 ? `UPDATE ${ident(t.table)} SET ${sets.join(', ')} ${where};` : null;
}

function changedMembers(from: JsonObject, to: JsonObject): string[] {
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  return keys.filter((k) => canonicalJson(from[k] ?? null) !== canonicalJson(to[k] ?? null));
}

function selectionText(plan: RollbackPlan): string {
  const { actor, entityId, entityType } = plan.target;
  const parts = [
    actor !== undefined ? `actor ${actor}` : '',
    entityType !== undefined ? `type ${entityType}` : '',
    entityId !== undefined ? `entity ${entityId}` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? `, only ${comment(parts.join(', '))}` : '';
}

/** A quoted identifier: member names come from the evidence and may hold anything. */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A SQL literal for a JSON value; objects and arrays as JSON text (jsonb columns take it). */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  const text = typeof value === 'string' ? value : canonicalJson(value);
  return `'${text.replace(/'/g, "''")}'`;
}

/** Evidence text inside a `--` comment: a newline would end the comment and start SQL. */
function comment(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
