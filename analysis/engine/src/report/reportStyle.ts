/**
 * The report's only stylesheet, inline. System fonts only (no request for a web font);
 * print rules keep rows, figures and findings whole across A4 pages and repeat table heads.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5d6878; --line: #d9dee6; --accent: #1f5fbf;
  --ok: #17723a; --bad: #b3261e; --warn: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1040px; padding: 24px 28px 48px; color: var(--ink);
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); break-after: avoid; }
h3 { font-size: 14px; margin: 16px 0 6px; break-after: avoid; }
p { margin: 4px 0 8px; }
code, .mono { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 12px; }
.muted { color: var(--muted); }
.nowrap { white-space: nowrap; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { text-align: left; vertical-align: top; padding: 3px 8px 3px 0; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
th { font-weight: 600; color: var(--muted); white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.kv th { width: 150px; }
.verdict { padding: 8px 12px; border-radius: 6px; font-weight: 600; margin: 8px 0; }
.verdict.ok { background: #e7f5ec; color: var(--ok); }
.verdict.bad { background: #fbe9e7; color: var(--bad); }
.sev { display: inline-block; min-width: 58px; padding: 0 6px; border-radius: 4px; font-size: 11px; font-weight: 600; text-transform: uppercase; text-align: center; }
.sev-critical { background: #7f1d1d; color: #fff; } .sev-high { background: #b3261e; color: #fff; }
.sev-medium { background: #f3c14b; color: #3a2a00; } .sev-low { background: #dbe7f7; color: #173b6c; }
.sev-info { background: #eceff3; color: #414b58; }
.status-ok { color: var(--ok); font-weight: 600; } .status-bad { color: var(--bad); font-weight: 600; } .status-skip { color: var(--muted); }
figure { margin: 8px 0 16px; break-inside: avoid; page-break-inside: avoid; }
figcaption { color: var(--muted); font-size: 12px; margin-top: 2px; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 4px 24px; }
svg.chart { max-width: 100%; height: auto; font-size: 11px; fill: var(--ink); }
svg .axis { stroke: #8792a2; } svg .grid { stroke: #eef0f4; }
svg .area { fill: #9ec5f0; stroke: none; } svg .average { fill: none; stroke: #c2410c; stroke-width: 2; }
svg .bar { fill: var(--accent); }
article.finding { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
article.finding > p { break-after: avoid; break-inside: avoid; }
article.finding p.summary { font-weight: 500; }
.annotation { border-left: 3px solid var(--accent); padding: 2px 10px; margin: 8px 0; break-inside: avoid; }
.warning { color: var(--warn); font-weight: 600; }
dl.methods dt { font-weight: 600; margin-top: 8px; } dl.methods dd { margin: 2px 0 0 16px; }
dl.methods dt, dl.methods dd { break-inside: avoid; }
footer { margin-top: 32px; color: var(--muted); font-size: 11px; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-before: auto; }
  section { break-inside: auto; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  tr, td, th { break-inside: avoid; page-break-inside: avoid; }
  .grid2 { display: block; }
  /* A finding may run onto the next page, but only between rows, its heading kept with them. */
  article.finding { border: none; border-top: 1px solid var(--line); border-radius: 0; padding: 6px 0 0; }
  a { color: inherit; text-decoration: none; }
}
`;
