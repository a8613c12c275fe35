/**
 * Report and export figures of issue 9: the report of an archive as HTML and as PDF, and a
 * Parquet export of every event, each against a full scan of `events` in the same process.
 * Run by `npm run bench` on its 1M-event qcs archive, or alone:
 * `node --import tsx test/bench/report.ts ARCHIVE [--cache DIR]`.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ArchiveStore,
  exportEvents,
  findChromium,
  gatherReport,
  openArchive,
  printPdf,
  renderReport,
  verifyArchive,
} from '../../analysis/engine/src/index.js';
import { measure } from './measure.js';
import type { Measured } from './measure.js';

/**
 * `measure` plus the CPU seconds this process spent (DuckDB's threads included): on a
 * shared, overloaded machine wall time says more about the neighbours than about us.
 */
async function timed<T>(step: () => Promise<T>): Promise<Measured<T> & { cpu: number }> {
  const before = process.cpuUsage();
  const m = await measure(step);
  const used = process.cpuUsage(before);
  return { ...m, cpu: (used.user + used.system) / 1e6 };
}
const secs = (m: { seconds: number; cpu: number }): string =>
  `${m.seconds.toFixed(2)} s (CPU ${m.cpu.toFixed(1)} s)`;

export async function benchReport(archive: string, cacheDir?: string): Promise<string[]> {
  const opened = await openArchive(archive, cacheDir ? { cacheDir } : {});
  const store = await ArchiveStore.open(opened.dbPath);
  const out = await mkdtemp(join(tmpdir(), 'chronoscope-bench-report-'));
  try {
    // The reference: one scan that reads every column of every event (hashing each row).
    const scan = await timed(() => store.all(`SELECT count(*) AS n, sum(hash(e)) AS h FROM events e`));
    const events = Number(scan.value[0]?.['n'] ?? 0);
    const steps: string[] = [];
    let last = performance.now();
    const lap = (name: string): void => {
      const now = performance.now();
      steps.push(`${name} ${((now - last) / 1000).toFixed(1)}`);
      last = now;
    };
    const html = await timed(async () => {
      const integrity = await verifyArchive(store);
      let previous = 'integrity';
      const data = await gatherReport(store, {
        archivePath: archive,
        integrity,
        onStep: (step) => {
          lap(previous);
          previous = step;
        },
      });
      lap(previous);
      const text = renderReport(data);
      await writeFile(join(out, 'report.html'), text);
      lap('render');
      return { text, title: data.title };
    });
    let pdfLine = 'report PDF: no Chromium found, not measured';
    const chromium = await findChromium().catch(() => null);
    if (chromium) {
      const pdf = await timed(() =>
        printPdf(html.value.text, join(out, 'report.pdf'), chromium, html.value.title),
      );
      const total = html.seconds + pdf.seconds;
      pdfLine = `report PDF:  ${total.toFixed(2)} s (printing ${pdf.seconds.toFixed(2)} s in Chromium, ${pdf.value} pages), ${(total / scan.seconds).toFixed(1)}x the scan`;
    }
    const parquet = await timed(() => exportEvents(store, {}, 'parquet', join(out, 'events.parquet')));
    const bytes = (await stat(join(out, 'events.parquet'))).size;
    return [
      `report and export, ${events.toLocaleString('en')} ${opened.system} events:`,
      `full scan of every column of events: ${secs(scan)} (the reference)`,
      `report HTML: ${secs(html)} (${(html.value.text.length / 1024).toFixed(0)} KiB), ${(html.seconds / scan.seconds).toFixed(1)}x the scan, peak ${html.peakRssMiB.toFixed(0)} MiB; s per step: ${steps.join(', ')}`,
      pdfLine,
      `Parquet export: ${secs(parquet)} (${(bytes / 1e6).toFixed(0)} MB), ${(parquet.seconds / scan.seconds).toFixed(1)}x the scan`,
    ];
  } finally {
    store.close();
    await rm(out, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [path, flag, cacheDir] = process.argv.slice(2);
  if (!path) throw new Error('usage: report.ts ARCHIVE [--cache DIR]');
  const lines = await benchReport(path, flag === '--cache' ? cacheDir : undefined);
  process.stdout.write(`${lines.join('\n')}\n`);
}
