import { actorsSection } from './actorsSection.js';
import { barChart } from './barChart.js';
import { annotationsSection, methodsSection } from './closingSections.js';
import { count, esc } from './escapeHtml.js';
import { findingsSection } from './findingsSection.js';
import { heatmapChart } from './heatmapChart.js';
import { identitySection, integritySection } from './identitySection.js';
import type { ReportData } from './reportData.js';
import { REPORT_CSS } from './reportStyle.js';
import { bucketLabel, trendChart } from './trendChart.js';

/**
 * The report as one self-contained HTML document: inline CSS and SVG, system fonts, no
 * script, and a Content-Security-Policy that forbids every request, so opening it never
 * reaches the network and nothing from the evidence can run.
 */
export function renderReport(d: ReportData): string {
  const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Chronoscope ${esc(d.version)}">
<title>${esc(d.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${esc(d.title)}</h1>
<p class="muted">Generated ${esc(d.generatedAt)} by Chronoscope ${esc(d.version)} from <span class="mono">${esc(d.archivePath)}</span>.</p>
<p>${verdictLine(d)}</p>
</header>
${identitySection(d)}
${integritySection(d)}
${overviewSection(d)}
${findingsSection(d)}
${actorsSection(d)}
${annotationsSection(d)}
${methodsSection(d)}
<footer>sha256 ${esc(d.archive.archive.sha256)} · ${esc(d.archive.system)} · ${esc(count(d.archive.records))} records · Chronoscope ${esc(d.version)}</footer>
</body>
</html>
`;
}

function verdictLine(d: ReportData): string {
  const high = d.analysis.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').length;
  return `${d.integrity.ok ? 'No tampering or loss found' : '<strong class="status-bad">Tampering or loss found</strong>'}; ${esc(count(d.analysis.findings.length))} detector findings, ${esc(count(high))} high or critical.`;
}

function overviewSection(d: ReportData): string {
  return `<section id="overview"><h2>Overview</h2>
<figure>${trendChart(d.trend, d.movingAverageWindow)}<figcaption>Events per ${esc(bucketLabel(d.trend.bucketSeconds))} bucket (UTC), shaded; the line is the moving average over ${d.movingAverageWindow} buckets.</figcaption></figure>
<figure>${heatmapChart(d.heatmap)}<figcaption>Events by hour of day and weekday (UTC); darker is busier.</figcaption></figure>
<div class="grid2">
<figure>${barChart('Top actions', d.top.actions)}<figcaption>Top actions (normalised)</figcaption></figure>
<figure>${barChart('Top event types', d.top.eventTypes)}<figcaption>Top event types (the source’s own)</figcaption></figure>
<figure>${barChart('Top actors', d.top.actors)}<figcaption>Top actors</figcaption></figure>
<figure>${barChart('Entity types', d.top.entityTypes)}<figcaption>Entity types</figcaption></figure>
</div></section>`;
}
