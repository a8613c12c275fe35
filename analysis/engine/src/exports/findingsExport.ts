import type { Finding } from '../detectors/types.js';
import type { RowColumn } from './rowsExport.js';

/** The columns of a findings export: `analyze --json`'s fields, one finding a row. */
export const FINDING_COLUMNS: readonly RowColumn[] = [
  { name: 'detector', type: 'VARCHAR' },
  { name: 'severity', type: 'VARCHAR' },
  { name: 'score', type: 'DOUBLE' },
  { name: 'actor', type: 'VARCHAR' },
  { name: 'entity', type: 'VARCHAR' },
  { name: 'from', type: 'VARCHAR' },
  { name: 'to', type: 'VARCHAR' },
  { name: 'count', type: 'BIGINT' },
  { name: 'summary', type: 'VARCHAR' },
  { name: 'evidence', type: 'BIGINT[]' },
];

export function* findingRows(findings: readonly Finding[]): Generator<Record<string, unknown>> {
  for (const f of findings) yield { ...f, actor: f.actor ?? null, entity: f.entity ?? null };
}
