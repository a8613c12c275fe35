import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  findChromium,
  gatherReport,
  printPdf,
  renderReport,
  verifyArchive,
} from '../../../analysis/engine/src/index.js';
import { importArchive, tempDir } from '../../helpers/archives.js';
import { CHROMIUM, HAS_CHROMIUM, openReport, withoutCsp } from './chromiumPage.js';
import { pdfPages } from './pdfText.js';
import { writeCaseFile, writeXssArchive, XSS } from './xssArchive.js';

describe('a report of a hostile archive shows its payloads as text', async () => {
  const work = await tempDir();
  const archive = await writeXssArchive(work);
  const db = await importArchive(archive);
  await writeCaseFile(archive, db.opened.sha256, [
    { at: '2026-05-06T14:00:00Z', text: 'second note', author: 'ann' },
    { at: '2026-05-06T09:00:00Z', text: XSS.annotation, author: XSS.author },
    { text: 'a note with no time' },
  ]);
  const integrity = await verifyArchive(db.store);
  const data = await gatherReport(db.store, { archivePath: archive, integrity });
  const html = renderReport(data);
  const htmlPath = join(work, 'report.html');
  await writeFile(htmlPath, html);

  it('escapes every payload and carries no script, image or frame', () => {
    for (const payload of Object.values(XSS)) expect(html).not.toContain(payload);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).not.toMatch(/<(script|img|iframe|object|embed|link)\b/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  });

  it('cites the payload actor in findings with its evidence rows', () => {
    const theirs = data.analysis.findings.filter((f) => f.actor === XSS.actor);
    expect(theirs.length).toBeGreaterThan(0);
    expect(data.evidence.get(theirs[0]!.evidence[0]!)?.actor).toBe(XSS.actor);
  });

  it('lists the case file annotations in time order, untimed last', () => {
    expect(data.caseFile?.warning).toBeNull();
    expect(data.caseFile?.annotations.map((a) => a.text)).toEqual([
      XSS.annotation,
      'second note',
      'a note with no time',
    ]);
  });

  it.skipIf(!HAS_CHROMIUM)(
    'renders in Chromium as text: no dialog, no request, payloads visible',
    async () => {
      const bare = join(work, 'report-no-csp.html');
      await writeFile(bare, withoutCsp(html));
      for (const path of [htmlPath, bare]) {
        const opened = await openReport(path);
        try {
          const { page } = opened;
          await page.waitForTimeout(200);
          expect(opened.dialogs).toEqual([]);
          expect(opened.requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
          expect(await page.locator('img, script, iframe').count()).toBe(0);
          const text = await page.locator('body').innerText();
          expect(text).toContain(XSS.actor);
          expect(text).toContain(XSS.entity);
          expect(text).toContain(XSS.annotation);
          expect(await page.locator('[data-annotation]').count()).toBe(3);
          expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(6);
        } finally {
          await opened.close();
        }
      }
    },
  );

  it.skipIf(!HAS_CHROMIUM)('prints an A4 PDF whose text holds the payloads as text', async () => {
    const pdf = join(work, 'report.pdf');
    const pages = await printPdf(html, pdf, CHROMIUM, data.title);
    const bytes = await readFile(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(/\/MediaBox \[0 0 594\.9\d* 841\.9\d*\]/.test(bytes.toString('latin1'))).toBe(true);
    const text = pdfPages(bytes);
    expect(text.length).toBe(pages);
    expect(text[0]).toContain('Chronoscope report');
    const all = text.join('\n');
    expect(all).toContain(XSS.actor);
    expect(all).toContain('Methods');
    // Chromium's footer: every page says which of how many it is.
    text.forEach((page, i) => expect(page).toMatch(new RegExp(`page\\s+${i + 1}\\s+of\\s+${pages}`)));
  });
});

describe('case files', async () => {
  const work = await tempDir();
  const archive = await writeXssArchive(work);
  const db = await importArchive(archive);
  const integrity = await verifyArchive(db.store);

  it('warns when the case file was made for another archive, and still shows its notes', async () => {
    await writeCaseFile(archive, 'f'.repeat(64), [{ at: '2026-05-05T00:00:00Z', note: 'elsewhere' }]);
    const data = await gatherReport(db.store, { archivePath: archive, integrity });
    expect(data.caseFile?.warning).toMatch(/another archive/);
    expect(data.caseFile?.annotations.map((a) => a.text)).toEqual(['elsewhere']);
    expect(renderReport(data)).toContain('made for another archive');
  });

  it('reports a file that is not a case file instead of failing', async () => {
    await writeFile(`${archive}.chronocase.json`, JSON.stringify({ format: 'something-else' }));
    const data = await gatherReport(db.store, { archivePath: archive, integrity });
    expect(data.caseFile?.warning).toMatch(/not a chronoscope-case\/1 file: format/);
  });

  it('says so when there is none', async () => {
    const data = await gatherReport(db.store, {
      archivePath: archive,
      integrity,
      caseFile: join(work, 'none.json'),
    });
    expect(data.caseFile).toBeNull();
    expect(renderReport(data)).toContain('No case file beside the archive');
  });
});

describe('finding Chromium', () => {
  it('uses CHROME_PATH when it exists, and names it when it does not', async () => {
    expect(await findChromium({ CHROME_PATH: process.execPath })).toBe(process.execPath);
    await expect(findChromium({ CHROME_PATH: '/nonexistent/chrome' })).rejects.toThrow(
      'CHROME_PATH names /nonexistent/chrome, which does not exist',
    );
  });
});
