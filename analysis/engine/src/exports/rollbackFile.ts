import { writeFile } from 'node:fs/promises';
import type { SystemId } from '../../../core/src/index.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import type { RollbackPlan } from '../timetravel/rollback.js';
import { ROLLBACK_COLUMNS, rollbackPatch, rollbackRows } from './rollbackExport.js';
import { rollbackSql } from './rollbackSql.js';
import { writeRows } from './rowsExport.js';
import { notSqlReason } from './sourceTables.js';

export type RollbackFormat = 'json' | 'csv' | 'parquet' | 'ndjson' | 'sql' | 'patch';

/**
 * Writes a rollback plan in one of its forms (stdout when `out` is null). A source that
 * keeps no SQL tables gets the JSON Patch document for `sql`; the reason is returned for
 * the caller to show.
 */
export async function writeRollbackPlan(
  store: ArchiveStore,
  plan: RollbackPlan,
  archive: { system: SystemId; sha256: string },
  format: RollbackFormat,
  out: string | null,
): Promise<{ note: string | null }> {
  const text = async (value: string): Promise<void> => {
    if (out) await writeFile(out, value);
    else process.stdout.write(value);
  };
  if (format === 'json') {
    await text(`${JSON.stringify(plan, null, 2)}\n`);
    return { note: null };
  }
  if (format === 'sql' || format === 'patch') {
    const reason = notSqlReason(archive.system);
    if (format === 'patch' || reason !== null) {
      await text(`${JSON.stringify(rollbackPatch(plan, archive.system, archive.sha256), null, 2)}\n`);
      return { note: format === 'sql' ? reason : null };
    }
    await text(rollbackSql(plan, archive.system, archive.sha256));
    return { note: null };
  }
  await writeRows(store, rollbackRows(plan), ROLLBACK_COLUMNS, format, out);
  return { note: null };
}
