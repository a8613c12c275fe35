import { readFile } from 'node:fs/promises';
import { launchChromium } from './chromium.js';
import { esc } from './escapeHtml.js';

/**
 * Prints a report to an A4 PDF with Chromium: JavaScript off, every request refused (the
 * report needs none; this makes sure), page numbers in the footer. Returns the page count.
 */
export async function printPdf(
  html: string,
  out: string,
  chromiumPath: string,
  title: string,
): Promise<number> {
  const browser = await launchChromium(
    chromiumPath,
    ['--disable-gpu'],
    'a PDF report (an HTML one needs none)',
  );
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) =>
      /^(data|about):/.test(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
    );
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({
      path: out,
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font: 8px sans-serif; color: #5d6878; width: 100%; padding: 0 12mm; display: flex; justify-content: space-between;"><span>${esc(title)}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
    });
  } finally {
    await browser.close();
  }
  return countPdfPages(await readFile(out));
}

/** Pages of a PDF Chromium wrote: its page objects are never inside compressed streams. */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
