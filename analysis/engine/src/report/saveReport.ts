import { writeFile } from 'node:fs/promises';
import { printPdf } from './printPdf.js';
import type { ReportData } from './reportData.js';
import { renderReport } from './renderReport.js';

/**
 * Renders a gathered report into `out`: a PDF printed with `chromium` when one is given,
 * else the HTML file. Returns the PDF's page count (null for HTML). The command line and
 * the studio's export both end here.
 */
export async function saveReport(
  data: ReportData,
  out: string,
  chromium: string | null,
): Promise<number | null> {
  const html = renderReport(data);
  if (chromium) return printPdf(html, out, chromium, data.title);
  await writeFile(out, html);
  return null;
}
