import { clipped, count, esc } from './escapeHtml.js';
import { htmlTable, severityBadge } from './htmlTable.js';
import type { ReportData } from './reportData.js';

const MAX_INTEGRITY_FINDINGS = 200;

/** The archive's identity: what was analysed, so the report can be tied to the evidence. */
export function identitySection(d: ReportData): string {
  const a = d.archive;
  const sel = d.selection;
  const rows: [string, string][] = [
    ['Archive', `<span class="mono" data-k="path">${esc(d.archivePath)}</span>`],
    ['Kind', `${esc(a.archive.kind)}, <span data-k="bytes">${esc(count(a.archive.bytes))}</span> bytes`],
    ['sha256', `<span class="mono" data-k="sha256">${esc(a.archive.sha256)}</span>`],
    ['System', `<span data-k="system">${esc(a.system)}</span>`],
    [
      'Time range',
      `<span data-k="from">${esc(a.timeRange.from ?? '-')}</span> → <span data-k="to">${esc(a.timeRange.to ?? '-')}</span>`,
    ],
    ['Records', `<span data-k="records">${esc(count(a.records))}</span>`],
    ['Rejected on import', `<span data-k="rejected">${esc(count(a.rejected))}</span>`],
    ['Actors', `<span data-k="actors">${esc(count(a.actors))}</span>`],
    ['Imported', esc(a.archive.importedAt)],
  ];
  const scope =
    sel.description.length === 0
      ? `<p>The charts, findings and actor summaries cover the whole archive (<span data-k="selected">${esc(count(sel.events))}</span> events).</p>`
      : `<p>The charts, findings and actor summaries cover <strong>${esc(sel.description.join('; '))}</strong>: <span data-k="selected">${esc(count(sel.events))}</span> of ${esc(count(a.records))} events. Identity and integrity are the whole archive’s.</p>`;
  const files = htmlTable(
    [{ head: 'File' }, { head: 'Format' }, { head: 'Records', num: true }, { head: 'Rejected', num: true }],
    a.files.map((f) => [
      `<span class="mono">${esc(f.path)}</span>${f.truncated ? ` <span class="warning">truncated: ${esc(f.truncated)}</span>` : ''}`,
      esc(f.format),
      esc(count(f.records)),
      esc(count(f.rejected)),
    ]),
  );
  const rejects =
    a.rejects.length === 0
      ? ''
      : `<h3>Rejected records (first ${a.rejects.length} of ${esc(count(a.rejected))})</h3>` +
        htmlTable(
          [{ head: 'File' }, { head: 'Where', num: true }, { head: 'Reason' }],
          a.rejects.map((r) => [
            `<span class="mono">${esc(r.file)}</span>`,
            `${esc(r.unit)} ${r.line}`,
            esc(r.reason),
          ]),
        );
  return `<section id="identity"><h2>Archive</h2>
<table class="kv"><tbody>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>
${scope}
<h3>Files</h3>${files}${rejects}</section>`;
}

/** The integrity verdict, every check and every finding (capped, with the rest counted). */
export function integritySection(d: ReportData): string {
  const i = d.integrity;
  const failed = i.checks.filter((c) => !c.ok);
  const skipped = i.checks.filter((c) => c.skipped);
  const verdict = i.ok
    ? `<div class="verdict ok" data-k="integrity-ok">Integrity OK: ${i.checks.length - skipped.length} checks passed; no tampering or loss found.</div>`
    : `<div class="verdict bad" data-k="integrity-failed">Integrity FAILED: ${esc(count(failed.reduce((n, c) => n + c.findings, 0)))} finding(s) of tampering or loss in ${esc(failed.map((c) => c.name).join(', '))}.</div>`;
  const pack = i.pack
    ? `<p>Signed .auditpack from <strong>${esc(i.pack.origin ?? 'unknown origin')}</strong>, ${esc(count(i.pack.treeSize ?? 0))} records, key ${esc(i.pack.keyFingerprint ?? 'none')}: ${i.pack.pinned ? 'checked against the pinned key given with --key.' : 'checked against its own key only (no --key given); a pack re-signed as a whole would pass.'}</p>`
    : '';
  const checks = htmlTable(
    [{ head: 'Check' }, { head: 'Result' }, { head: 'Findings', num: true }, { head: 'Detail' }],
    i.checks.map((c) => [
      `<span class="mono">${esc(c.name)}</span>`,
      c.skipped
        ? '<span class="status-skip">not run</span>'
        : c.ok
          ? '<span class="status-ok">passed</span>'
          : '<span class="status-bad">failed</span>',
      esc(count(c.findings)),
      esc(c.detail),
    ]),
    'checks',
  );
  const shown = i.findings.slice(0, MAX_INTEGRITY_FINDINGS);
  const findings =
    shown.length === 0
      ? '<p>No integrity findings.</p>'
      : `<h3>Integrity findings (<span data-k="integrity-findings">${esc(count(i.findings.length))}</span>${shown.length < i.findings.length ? `, first ${shown.length} shown` : ''})</h3>` +
        htmlTable(
          [{ head: 'Severity' }, { head: 'Kind' }, { head: 'Where' }, { head: 'Detail' }],
          shown.map((f) => [
            severityBadge(f.severity),
            `<span class="mono">${esc(f.kind)}</span>`,
            esc(
              [
                f.seq !== undefined ? `seq ${f.seq}` : '',
                f.block !== undefined ? `block ${f.block}` : '',
                f.sourceId !== undefined && String(f.block) !== f.sourceId ? f.sourceId : '',
              ]
                .filter((x) => x !== '')
                .join(' · '),
            ),
            `${esc(f.detail)}${f.expected !== undefined || f.actual !== undefined ? `<br><span class="muted">expected ${clipped(f.expected ?? '-', 160)}; actual ${clipped(f.actual ?? '-', 160)}</span>` : ''}`,
          ]),
        );
  return `<section id="integrity"><h2>Integrity</h2>${verdict}${pack}${checks}${findings}</section>`;
}
