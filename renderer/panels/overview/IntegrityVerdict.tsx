import type { ArchiveInfo } from '../../../analysis/core/src/index.js';
import { formatCount } from '../../app/format.js';
import { useCall } from '../../app/useCall.js';

/** Every integrity check of the archive's system, summed up: intact, or tampering or loss. */
export function IntegrityVerdict({ archive }: { archive: ArchiveInfo }) {
  const verify = useCall('integrity.verify', { archive: archive.id }, { cache: true });
  const result = verify.data;
  const failed = result?.checks.filter((c) => !c.ok && !c.skipped) ?? [];
  const notable = result?.findings.filter((f) => f.severity !== 'info').length ?? 0;
  return (
    <section className="card verdict" data-testid="integrity-verdict" aria-label="Integrity">
      <h3>Integrity</h3>
      {verify.loading && <p className="muted">checking every record…</p>}
      {verify.error && <p className="error">{verify.error}</p>}
      {result && (
        <>
          <p className={result.ok ? 'verdict-ok' : 'verdict-bad'} data-ok={result.ok}>
            {result.ok ? '✔ intact: no tampering or loss found' : '✖ tampering or loss found'}
          </p>
          <p className="muted">
            {formatCount(result.checks.length)} checks over {formatCount(result.records)} records ·{' '}
            {formatCount(failed.length)} failed · {formatCount(result.findings.length)} findings
            {notable > 0 ? ` (${formatCount(notable)} above info)` : ''}
          </p>
          {failed.length > 0 && (
            <ul className="failed-checks">
              {failed.slice(0, 6).map((c) => (
                <li key={c.name}>
                  <b>{c.name}</b>: {c.detail}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
