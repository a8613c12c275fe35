import { useState } from 'react';
import type { ArchiveInfo } from '../../../analysis/core/src/index.js';
import { formatCount } from '../../app/format.js';
import { useCall } from '../../app/useCall.js';

const PAGE = 200;

/** Records the import refused, each with its file, line and reason: never dropped silently. */
export function RejectsTable({ archive }: { archive: ArchiveInfo }) {
  const [limit, setLimit] = useState(PAGE);
  const rejects = useCall('archive.rejects', archive.rejected > 0 ? { archive: archive.id, limit } : null);
  if (archive.rejected === 0) return null;
  const rows = rejects.data?.rows ?? [];
  const total = rejects.data?.total ?? archive.rejected;
  return (
    <section className="card rejects" data-testid="rejects" aria-label="Rejected records">
      <h3 className="warn">{formatCount(total)} rejected records</h3>
      {rejects.error && <p className="error">{rejects.error}</p>}
      <table className="grid">
        <thead>
          <tr>
            <th>file</th>
            <th>line</th>
            <th>reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td className="mono wrap">{row.file}</td>
              <td className="num">{row.line === null ? '' : formatCount(row.line)}</td>
              <td className="wrap">{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length < total && (
        <button
          type="button"
          onClick={() => setLimit(Math.min(5000, limit + PAGE * 5))}
          disabled={limit >= 5000}
        >
          show more ({formatCount(total - rows.length)} not listed)
        </button>
      )}
    </section>
  );
}
