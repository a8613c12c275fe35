import { DETECTOR_IDS } from '../detectors/types.js';
import type { DetectorId, Finding } from '../detectors/types.js';
import { clipped, count, esc } from './escapeHtml.js';
import { htmlTable, severityBadge } from './htmlTable.js';
import { DETECTOR_STATISTIC } from './methods.js';
import type { ReportData } from './reportData.js';

/** The detectors' findings: a tally per detector, then each finding with its evidence rows. */
export function findingsSection(d: ReportData): string {
  const { findings, detectors } = d.analysis;
  const tally = htmlTable(
    [{ head: 'Detector' }, { head: 'Findings', num: true }, { head: 'Score measures' }],
    detectors.map((det) => [
      `<span class="mono">${esc(det.id)}</span>`,
      `<span data-detector="${esc(det.id)}">${esc(count(det.findings))}</span>`,
      esc(statisticOf(det.id)),
    ]),
  );
  const shown = findings.slice(0, d.maxFindings);
  const more =
    findings.length > shown.length
      ? `<p class="muted">${esc(count(findings.length - shown.length))} further findings are not shown in full; <code>chronoscope analyze --json</code> or <code>chronoscope export --what findings</code> lists them all.</p>`
      : '';
  const body =
    findings.length === 0
      ? '<p>No detector fired on the selection.</p>'
      : shown.map((f, i) => findingArticle(d, f, i + 1)).join('\n');
  return `<section id="findings"><h2>Findings</h2>
<p><span data-k="findings">${esc(count(findings.length))}</span> findings from ${detectors.length} detectors, most severe first.</p>
${tally}${body}${more}</section>`;
}

function findingArticle(d: ReportData, f: Finding, n: number): string {
  const rows = f.evidence.slice(0, d.evidenceRows).map((seq) => {
    const r = d.evidence.get(seq);
    if (!r) return [esc(seq), '', '', '', '', ''];
    return [
      esc(r.seq),
      `<span class="mono nowrap">${esc(r.ts)}</span>`,
      clipped(r.actor ?? ''),
      esc(r.action),
      clipped(r.eventType, 40),
      clipped(`${r.entityType ?? ''}${r.entityId !== null ? ` ${r.entityId}` : ''}`),
    ];
  });
  const evidence =
    rows.length === 0
      ? ''
      : htmlTable(
          [
            { head: 'seq', num: true },
            { head: 'Time (UTC)' },
            { head: 'Actor' },
            { head: 'Action' },
            { head: 'Type' },
            { head: 'Entity' },
          ],
          rows,
          'evidence',
        ) +
        (f.evidence.length > rows.length
          ? `<p class="muted">first ${rows.length} of ${esc(count(f.evidence.length))} evidence rows${f.count > f.evidence.length ? ` (${esc(count(f.count))} rows in all)` : ''}</p>`
          : '');
  const who = [
    f.actor !== undefined ? `actor <strong>${esc(f.actor)}</strong>` : '',
    f.entity !== undefined ? `entity <strong>${esc(f.entity)}</strong>` : '',
  ]
    .filter((x) => x !== '')
    .join(', ');
  return `<article class="finding" data-finding="${n}">
<p>${severityBadge(f.severity)} <span class="mono">${esc(f.detector)}</span> · score <strong>${esc(round(f.score))}</strong> <span class="muted">(${esc(statisticOf(f.detector))})</span></p>
<p class="summary">${esc(f.summary)}</p>
<p class="muted">${who ? `${who} · ` : ''}${esc(f.from)} → ${esc(f.to)} · ${esc(count(f.count))} rows</p>
${evidence}
</article>`;
}

function statisticOf(id: string): string {
  return (DETECTOR_IDS as readonly string[]).includes(id) ? DETECTOR_STATISTIC[id as DetectorId] : '';
}

function round(x: number): string {
  return Number.isInteger(x) ? count(x) : x.toFixed(2);
}
