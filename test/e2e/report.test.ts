import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/archives.js';
import { HAS_CHROMIUM, openReport, withoutCsp } from '../integration/report/chromiumPage.js';
import { pdfPages } from '../integration/report/pdfText.js';
import { writeCaseFile } from '../integration/report/xssArchive.js';

const BIN = join(import.meta.dirname, '../../bin/chronoscope.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(cache: string, env: Record<string, string>, ...args: string[]): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CHRONOSCOPE_CACHE: cache, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const json = (run: Run): any => {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
};
const num = (text: string | null): number => Number((text ?? '').replace(/,/g, ''));

describe('an analyst makes a report from the command line', async () => {
  const work = await tempDir();
  const cache = join(work, 'cache');
  const run = (...args: string[]): Run => cli(cache, {}, ...args);
  const archive = join(work, 'qcs');
  json(
    run(
      'generate',
      '--system',
      'qcs',
      '--events',
      '3000',
      '--seed',
      '11',
      '--incidents',
      '--out',
      archive,
      '--json',
    ),
  );
  const inspect = json(run('inspect', archive, '--json'));
  const verify = json(run('verify', archive, '--json'));
  const analyze = json(run('analyze', archive, '--json'));
  await writeCaseFile(archive, inspect.archive.sha256, [
    { at: '2026-05-06T12:00:00Z', text: 'later note', author: 'ann' },
    { at: '2026-05-05T09:30:00Z', text: 'first note', author: 'bob' },
  ]);
  const html = join(work, 'report.html');
  const made = json(run('report', archive, '--out', html, '--json'));

  it('writes the HTML and says what it holds', () => {
    expect(made).toMatchObject({
      out: html,
      format: 'html',
      records: inspect.records,
      integrityOk: verify.ok,
      findings: analyze.findings.length,
      annotations: 2,
    });
  });

  it.skipIf(!HAS_CHROMIUM)("loads in Chromium with no request, and its numbers are the CLI's", async () => {
    const text = await readFile(html, 'utf8');
    const bare = join(work, 'bare.html');
    await writeFile(bare, withoutCsp(text));
    const opened = await openReport(bare);
    try {
      const { page } = opened;
      expect(opened.requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      expect(opened.console.filter((m) => /Refused|Failed to load/.test(m))).toEqual([]);
      const k = (name: string): Promise<string | null> =>
        page.locator(`[data-k="${name}"]`).first().textContent();
      expect(await k('sha256')).toBe(inspect.archive.sha256);
      expect(await k('system')).toBe(inspect.system);
      expect(num(await k('records'))).toBe(inspect.records);
      expect(num(await k('rejected'))).toBe(inspect.rejected);
      expect(num(await k('actors'))).toBe(inspect.actors);
      expect(await k('from')).toBe(inspect.timeRange.from);
      expect(await k('to')).toBe(inspect.timeRange.to);
      expect(num(await k('findings'))).toBe(analyze.findings.length);
      for (const d of analyze.detectors)
        expect(num(await page.locator(`[data-detector="${d.id}"]`).textContent()), d.id).toBe(d.findings);
      expect(await page.locator('[data-k="integrity-ok"]').count()).toBe(verify.ok ? 1 : 0);
      if (verify.findings.length > 0) expect(num(await k('integrity-findings'))).toBe(verify.findings.length);
      const checks = await page.locator('#integrity table.checks tbody tr td:first-child').allTextContents();
      expect(checks).toEqual(verify.checks.map((c: { name: string }) => c.name));
      const notes = await page.locator('[data-annotation]').allInnerTexts();
      expect(notes.map((n) => /first note|later note/.exec(n)?.[0])).toEqual(['first note', 'later note']);
      expect(await page.locator('article.finding').count()).toBe(Math.min(100, analyze.findings.length));
      expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(6);
    } finally {
      await opened.close();
    }
  });

  it.skipIf(!HAS_CHROMIUM)('prints a PDF whose pages hold the sections in order', async () => {
    const pdf = join(work, 'report.pdf');
    const made = json(run('report', archive, '--out', pdf, '--json'));
    const pages = pdfPages(await readFile(pdf));
    expect(pages.length).toBe(made.pages);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages[0]).toContain(inspect.archive.sha256);
    const at = (heading: string): number => pages.findIndex((p) => p.includes(heading));
    expect(at('Integrity OK') >= 0 || at('Integrity FAILED') >= 0).toBe(true);
    expect(at('Overview')).toBeGreaterThanOrEqual(0);
    expect(at('Overview')).toBeLessThan(at('Methods'));
    expect(at('first note')).toBeGreaterThan(at('Overview'));
    pages.forEach((p, i) => expect(p).toMatch(new RegExp(`page\\s+${i + 1}\\s+of\\s+${pages.length}`)));
  });

  it("reports a signed pack with the pack's own checks, as verify does", async () => {
    const key = join(work, 'key');
    json(run('keygen', '--out', key, '--json'));
    const pack = join(work, 'qcs.auditpack');
    expect(run('pack', archive, '--key', `${key}.pem`, '--origin', 'lab', '--out', pack).code).toBe(0);
    const verified = cli(cache, {}, 'verify', pack, '--key', `${key}.pub.pem`, '--json');
    const expected = JSON.parse(verified.stdout);
    const out = join(work, 'pack.html');
    const made = json(run('report', pack, '--key', `${key}.pub.pem`, '--out', out, '--json'));
    expect(made.integrityOk).toBe(expected.ok);
    const text = await readFile(out, 'utf8');
    for (const c of expected.checks) expect(text).toContain(`<span class="mono">${c.name}</span>`);
    expect(text).toContain('checkpoint_signature');
    expect(text).toContain('checked against the pinned key given with --key');
  });

  it('covers only the selection when filtered', () => {
    const from = '2026-05-05T00:00:00Z';
    const to = '2026-05-06T00:00:00Z';
    const filtered = json(
      run('report', archive, '--out', join(work, 'day.html'), '--from', from, '--to', to, '--json'),
    );
    const [count] = json(
      run(
        'query',
        archive,
        `SELECT count(*) AS n FROM events WHERE ts BETWEEN '${from}' AND '${to}'`,
        '--format',
        'json',
      ),
    );
    expect(filtered.selected).toBe(count.n);
    expect(filtered.records).toBe(inspect.records);
  });

  it('refuses an unknown output kind (exit 3) and names what it looked for without Chromium (exit 2)', () => {
    expect(run('report', archive, '--out', join(work, 'r.txt')).code).toBe(3);
    const missing = cli(
      cache,
      { CHROME_PATH: '/nonexistent/chromium' },
      'report',
      archive,
      '--out',
      join(work, 'x.pdf'),
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('CHROME_PATH names /nonexistent/chromium');
  });
});

describe('data exports from the command line', async () => {
  const work = await tempDir();
  const cache = join(work, 'cache');
  const run = (...args: string[]): Run => cli(cache, {}, ...args);
  const archive = join(work, 'qcs');
  json(
    run(
      'generate',
      '--system',
      'qcs',
      '--events',
      '2000',
      '--seed',
      '4',
      '--incidents',
      '--out',
      archive,
      '--json',
    ),
  );

  it('findings as CSV, one row per finding of analyze --json', () => {
    const analyze = json(run('analyze', archive, '--json'));
    const csv = run('export', archive, '--what', 'findings', '--format', 'csv');
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.trim().split('\n').length).toBe(analyze.findings.length + 1);
    expect(csv.stdout.split('\n')[0]).toBe(
      'detector,severity,score,actor,entity,from,to,count,summary,evidence',
    );
    const file = join(work, 'findings.parquet');
    expect(run('export', archive, '--what', 'findings', '--format', 'parquet', '--out', file).code).toBe(0);
    const [n] = json(
      run('query', archive, `SELECT count(*) AS n FROM read_parquet('${file}')`, '--format', 'json'),
    );
    expect(n.n).toBe(analyze.findings.length);
  });

  it('the state at a time, the same through state --format and export --what state', () => {
    const state = json(run('state', archive, '--at', 'seq:1000', '--json'));
    const a = join(work, 'state-a.parquet');
    const b = join(work, 'state-b.parquet');
    expect(run('state', archive, '--at', 'seq:1000', '--format', 'parquet', '--out', a).code).toBe(0);
    expect(
      run('export', archive, '--what', 'state', '--at', 'seq:1000', '--format', 'parquet', '--out', b).code,
    ).toBe(0);
    const same = json(
      run(
        'query',
        archive,
        `SELECT (SELECT count(*) FROM read_parquet('${a}')) AS a, (SELECT count(*) FROM (SELECT * FROM read_parquet('${a}') EXCEPT SELECT * FROM read_parquet('${b}'))) AS diff`,
        '--format',
        'json',
      ),
    );
    expect(same).toEqual([{ a: state.entities.length, diff: 0 }]);
    expect(run('export', archive, '--what', 'state', '--format', 'csv').code).toBe(3);
  });

  it('the rollback plan as JSON (rollback-plan --json), CSV and SQL', () => {
    const plan = json(run('rollback-plan', archive, '--to', 'seq:1000', '--json'));
    const exported = json(
      run('export', archive, '--what', 'rollback-plan', '--to', 'seq:1000', '--format', 'json'),
    );
    expect(exported).toEqual(plan);
    const sql = run('export', archive, '--what', 'rollback-plan', '--to', 'seq:1000', '--format', 'sql');
    expect(sql.code, sql.stderr).toBe(0);
    const statements = sql.stdout.split('\n').filter((l) => /^(INSERT|UPDATE|DELETE|-- skipped)/.test(l));
    expect(statements.length).toBe(plan.changes.length);
    expect(sql.stdout).toMatch(/^BEGIN;$[\s\S]*^COMMIT;$/m);
    const csv = run('export', archive, '--what', 'rollback-plan', '--to', 'seq:1000', '--format', 'csv');
    expect(csv.stdout.trim().split('\n').length).toBe(plan.changes.length + 1);
  });
});
