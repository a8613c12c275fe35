/**
 * Figures of issue 5, printed, never asserted: on a generated archive (qcs, with incidents) of
 * each size in ANALYSIS_EVENTS (default 1,000,000), the time of one full scan of `events` (the
 * reference: one aggregate pass over the columns the analysis reads), the full analysis (all
 * detectors and built-in rules, then every analytics call), and each analytics call alone,
 * with their ratio to the scan measured in the same run. ANALYSIS_DIR keeps the archives (and
 * their cache) for the next run.
 *
 * Run alone: `node --expose-gc --import tsx test/bench/analysisSpeed.ts`; also part of `npm run bench`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ArchiveStore,
  actorActivity,
  dimensionHeatmap,
  generateExport,
  hourWeekdayHeatmap,
  openArchive,
  runDetectors,
  trend,
} from '../../analysis/engine/src/index.js';
import { measure, row } from './measure.js';

const SCAN = `SELECT min(ts), max(ts), max(source_id), max(actor_id), max(action), max(event_type), max(entity_id), max(ip)
              FROM events`;

async function analytics(store: ArchiveStore): Promise<void> {
  await hourWeekdayHeatmap(store);
  await dimensionHeatmap(store, 'actor');
  await dimensionHeatmap(store, 'action');
  await dimensionHeatmap(store, 'entity_type');
  await trend(store);
  await trend(store, {}, { by: 'action' });
  await actorActivity(store, {}, { limit: 50 });
}

export async function analysisSpeed(sizes: number[], keep?: string): Promise<string[]> {
  const work = keep ?? (await mkdtemp(join(tmpdir(), 'chronoscope-analysis-')));
  const widths = [28, 10, 8];
  const lines: string[] = [];
  try {
    for (const events of sizes) {
      const out = join(work, `qcs-${events}`);
      if (!existsSync(join(out, 'ground-truth.json'))) {
        await generateExport({ system: 'qcs', events, seed: 1, incidents: true, out });
      }
      const opened = await openArchive(out, { cacheDir: join(work, 'cache') });
      const store = await ArchiveStore.open(opened.dbPath);
      try {
        await store.json(SCAN); // warm: the first read of a cache file pays for the disk
        const scan = await measure(() => store.json(SCAN));
        const steps: [string, () => Promise<unknown>][] = [
          ['full analysis', async () => (await runDetectors(store), await analytics(store))],
          ['  detectors and rules', () => runDetectors(store)],
          ['  hour × weekday heatmap', () => hourWeekdayHeatmap(store)],
          ['  actor × time heatmap', () => dimensionHeatmap(store, 'actor')],
          ['  trend (all events)', () => trend(store)],
          ['  trend per action', () => trend(store, {}, { by: 'action' })],
          ['  actor activity (top 50)', () => actorActivity(store, {}, { limit: 50 })],
        ];
        lines.push(
          `analysis speed: qcs, ${events.toLocaleString('en')} events, node ${process.version}`,
          row(['step', 'seconds', '÷ scan'], widths),
          row(['one full scan of events', scan.seconds.toFixed(3), '1.0'], widths),
        );
        for (const [name, step] of steps) {
          const m = await measure(step);
          lines.push(row([name, m.seconds.toFixed(3), (m.seconds / scan.seconds).toFixed(1)], widths));
        }
      } finally {
        store.close();
      }
    }
  } finally {
    if (!keep) await rm(work, { recursive: true, force: true });
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = (process.env['ANALYSIS_EVENTS'] ?? '1000000').split(',').map(Number);
  process.stdout.write(`${(await analysisSpeed(sizes, process.env['ANALYSIS_DIR'])).join('\n')}\n`);
}
