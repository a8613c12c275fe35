import { DETECTOR_IDS } from '../detectors/types.js';
import { count, esc } from './escapeHtml.js';
import { CHECK_METHODS, DETECTOR_METHODS, DETECTOR_STATISTIC } from './methods.js';
import type { ReportData } from './reportData.js';
import { bucketLabel } from './trendChart.js';

/**
 * The analyst's annotations from the case file, in time order. Viewport snapshots are not
 * part of the command line's report yet: annotations are shown as text alone.
 */
export function annotationsSection(d: ReportData): string {
  const c = d.caseFile;
  if (!c && d.caseFilePath === null) {
    return `<section id="annotations"><h2>Annotations</h2><p class="muted">Left out of this report.</p></section>`;
  }
  if (!c) {
    return `<section id="annotations"><h2>Annotations</h2><p class="muted">No case file beside the archive${d.caseFilePath ? ` (<span class="mono">${esc(d.caseFilePath)}</span>)` : ''}.</p></section>`;
  }
  const warning = c.warning ? `<p class="warning">Case file ${esc(c.path)}: ${esc(c.warning)}</p>` : '';
  const items =
    c.annotations.length === 0
      ? '<p>The case file holds no annotations.</p>'
      : c.annotations
          .map(
            (a) => `<div class="annotation" data-annotation>
<p class="muted"><span class="mono">${esc(a.at ?? 'no time')}</span>${a.to ? ` → <span class="mono">${esc(a.to)}</span>` : ''}${a.author ? ` · ${esc(a.author)}` : ''}</p>
${a.title ? `<p><strong>${esc(a.title)}</strong></p>` : ''}<p>${esc(a.text)}</p></div>`,
          )
          .join('\n');
  return `<section id="annotations"><h2>Annotations</h2><p>${esc(count(c.annotations.length))} annotations from <span class="mono">${esc(c.path)}</span>, in time order.</p>${warning}${items}</section>`;
}

/** What every number in the report means and how it was computed. */
export function methodsSection(d: ReportData): string {
  const checks = d.integrity.checks
    .map((c) => `<dt class="mono">${esc(c.name)}</dt><dd>${esc(CHECK_METHODS[c.name] ?? c.detail)}</dd>`)
    .join('');
  const detectors = DETECTOR_IDS.map(
    (id) =>
      `<dt class="mono">${esc(id)}</dt><dd>${esc(DETECTOR_METHODS[id])} <span class="muted">Score: ${esc(DETECTOR_STATISTIC[id])}.</span></dd>`,
  ).join('');
  return `<section id="methods"><h2>Methods</h2>
<h3>Integrity checks</h3>
<p>The checks of the archive’s system (shared/spec/sources.md${d.integrity.pack ? ' and auditpack.md' : ''}), then those every system gets. A finding of severity info is an observation and leaves the verdict OK; any other finding means tampering or loss.</p>
<dl class="methods">${checks}</dl>
<h3>Detectors</h3>
<p>Each detector compares behaviour with a baseline learned from the archive itself (the actor’s own history, its peers, the archive’s rhythm), with the default thresholds below. Times are UTC. Findings are ranked by severity, then score.</p>
<dl class="methods">${detectors}</dl>
<h3>Charts and summaries</h3>
<p>Events over time: counts per ${esc(bucketLabel(d.trend.bucketSeconds))} bucket, empty buckets as zero, with a trailing moving average over ${d.movingAverageWindow} buckets. The heatmap counts events by hour of day and ISO weekday in UTC. Bars show the ten most frequent values. Actor summaries are computed over the same selection as the charts.</p>
</section>`;
}
