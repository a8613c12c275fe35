import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Page } from '@playwright/test';
import { demoPath, expect, test } from './fixtures.js';
import { openPanel } from './helpers.js';

/** Clicks `button` and returns the file the studio saved through the browser's download. */
async function download(page: Page, testId: string): Promise<{ name: string; path: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByTestId(testId).click(),
  ]);
  const path = join(tmpdir(), `chronoscope-e2e-${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path };
}

async function duckRows(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

test.describe('Export panel', () => {
  test('a filtered HTML report and filtered CSV and Parquet events agree with the command line', async ({
    studio,
  }) => {
    const { page } = studio;
    await studio.openDemo('qcs');
    // A filter: every export that covers one says so and follows it.
    await openPanel(page, 'events');
    await page.getByTestId('filter-action').fill('delete');
    await page.getByTestId('filter-action').press('Enter');
    await expect(page.getByTestId('chip-actions')).toBeVisible();
    await openPanel(page, 'export');
    await expect(page.getByTestId('export-report').getByTestId('export-scope')).toContainText(
      'action = delete',
    );

    const inspect = (await studio.cli(['inspect', demoPath('qcs')])) as {
      archive: { sha256: string };
      records: number;
    };
    const deletes = (await studio.cli([
      'query',
      demoPath('qcs'),
      "SELECT count(*)::INTEGER AS n FROM events WHERE action = 'delete'",
    ])) as { n: number }[];
    const n = deletes[0]!.n;

    // The report: self-contained, the archive's identity, nothing that runs.
    await page.getByTestId('report-title').fill('Deletions <b>review</b>');
    const report = await download(page, 'report-html');
    expect(report.name).toMatch(/^qcs-report\.html$/);
    const html = await readFile(report.path, 'utf8');
    expect(html).toContain(inspect.archive.sha256);
    expect(html).toContain('Deletions &lt;b&gt;review&lt;/b&gt;');
    expect(html).not.toMatch(/<script|src="http|href="http/i);
    await expect(page.getByTestId('report-done')).toContainText('qcs-report.html');
    // The same as a PDF, printed by Chromium: a real PDF whose page count the studio states.
    const pdf = await download(page, 'report-pdf');
    expect((await readFile(pdf.path)).subarray(0, 5).toString()).toBe('%PDF-');
    await expect(page.getByTestId('report-done')).toContainText(/qcs-report\.pdf .*\d+ pages/);

    // Events as CSV and Parquet: the filtered rows, read back by DuckDB.
    await page.getByTestId('data-kind').selectOption('events');
    await page.getByTestId('data-format').selectOption('csv');
    const csv = await download(page, 'data-export');
    const [fromCsv] = await duckRows(
      `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE action <> 'delete')::INTEGER AS other FROM read_csv('${csv.path}')`,
    );
    expect(fromCsv).toEqual({ n, other: 0 });
    await page.getByTestId('data-format').selectOption('parquet');
    const parquet = await download(page, 'data-export');
    expect(parquet.name).toBe('qcs-events.parquet');
    const [fromParquet] = await duckRows(
      `SELECT count(*)::INTEGER AS n, min(seq) = (SELECT min(seq) FROM read_parquet('${parquet.path}')) AS ok FROM read_parquet('${parquet.path}')`,
    );
    expect(fromParquet!['n']).toBe(n);

    // The state at the playhead as JSON equals `chronoscope state` at the same moment: the
    // playhead moved by a click on the timeline, two thirds in.
    await page.getByTestId('data-kind').selectOption('state');
    const before = await page.getByTestId('data-at').textContent();
    const chart = page.locator('.timeline-chart svg').first();
    const box = (await chart.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.66, box.y + box.height * 0.5);
    await expect(page.getByTestId('data-at')).not.toHaveText(before ?? '');
    await page.getByTestId('data-format').selectOption('json');
    const state = JSON.parse(await readFile((await download(page, 'data-export')).path, 'utf8')) as {
      at: string;
      entities: unknown[];
    };
    const cliState = (await studio.cli(['state', demoPath('qcs'), '--at', state.at])) as {
      entities: unknown[];
    };
    expect(state.entities.length).toBeGreaterThan(100);
    expect(state.entities.length).toBe(cliState.entities.length);
    await studio.screenshot('export');
  });

  test('the case exports with reproducible findings and opens again, warning when it is for other evidence', async ({
    studio,
  }) => {
    const { page } = studio;
    await studio.openDemo('wedsync');
    await openPanel(page, 'export');
    const exported = await download(page, 'case-export');
    const doc = JSON.parse(await readFile(exported.path, 'utf8')) as {
      format: string;
      archive: { sha256: string };
      findings: { finding: { detector: string }; reproduce: { archiveSha256: string; command: string } }[];
    };
    const analyze = (await studio.cli(['analyze', demoPath('wedsync')])) as { findings: unknown[] };
    expect(doc.format).toBe('chronoscope-case/1');
    expect(doc.findings.length).toBe(analyze.findings.length);
    expect(doc.findings.every((f) => f.reproduce.archiveSha256 === doc.archive.sha256)).toBe(true);
    expect(doc.findings[0]?.reproduce.command).toMatch(/^chronoscope analyze .* --json$/);

    // Brought back in with an annotation added, for this archive: no warning, the note is there.
    const withNote = {
      ...doc,
      annotations: [
        {
          id: 'imported-1',
          kind: 'point',
          at: '2026-05-04T10:00:00.000Z',
          text: 'imported note',
          author: 'e2e',
          branch: null,
          created: '2026-12-07T00:00:00.000Z',
        },
      ],
    };
    const ours = join(tmpdir(), `case-${Date.now()}.json`);
    await writeFile(ours, JSON.stringify(withNote));
    await page.getByTestId('case-import-file').setInputFiles(ours);
    await expect(page.getByTestId('case-message')).toContainText('1 annotations');
    await expect(page.getByTestId('case-warning')).toHaveCount(0);

    // The same case claimed for other evidence: it opens, with a clear warning.
    const other = join(tmpdir(), `case-other-${Date.now()}.json`);
    await writeFile(
      other,
      JSON.stringify({ ...withNote, archive: { path: '/elsewhere', sha256: 'f'.repeat(64) } }),
    );
    await page.getByTestId('case-import-file').setInputFiles(other);
    await expect(page.getByTestId('case-warning')).toContainText('made for another archive');

    // Not a case file at all: the file and the reason, nothing replaced.
    const bad = join(tmpdir(), `case-bad-${Date.now()}.json`);
    await writeFile(bad, JSON.stringify({ format: 'something-else' }));
    await page.getByTestId('case-import-file').setInputFiles(bad);
    await expect(page.getByTestId('case-error')).toContainText('not a Chronoscope case file: format');
    await studio.screenshot('export-case');
  });
});
