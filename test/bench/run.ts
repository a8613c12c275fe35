/**
 * `npm run bench`: the figures of the foundation issue, printed, never asserted.
 * For 1M generated events of `descendants` and `qcs`: generator rate, import time, events/s,
 * peak memory, and the ratio of our import to DuckDB reading the same main file into a plain
 * table in this same process. BENCH_EVENTS overrides the size.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateExport, openArchive } from '../../analysis/engine/src/index.js';
import { openDuck } from '../../analysis/engine/src/store/duck.js';
import { measure, row } from './measure.js';
import { benchReport } from './report.js';
import { benchStudio } from './studio.js';
import { packFigures } from './pack.js';
import { benchReplay, blocksMemory } from './replay.js';
import { benchReel } from './reel.js';
import { benchReplayStudio } from './replayStudio.js';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);
const CASES = [
  {
    system: 'descendants',
    main: 'world_changes.ndjson',
    reference: (p: string) => `read_json('${p}', format='newline_delimited')`,
  },
  { system: 'qcs', main: 'comprehensive_audit_log.csv', reference: (p: string) => `read_csv('${p}')` },
] as const;

// Issue 4's memory figure first, on a quiet heap (after the archives' work it is noise).
const memoryLine = blocksMemory();
const work = await mkdtemp(join(tmpdir(), 'chronoscope-bench-'));
const widths = [12, 10, 12, 10, 12, 10, 12, 8];
const reportLines: string[] = [];
const replayLines: string[] = [];
replayLines.push(memoryLine);
const lines: string[] = [
  `chronoscope bench: ${EVENTS.toLocaleString('en')} events, node ${process.version}`,
  row(['system', 'gen s', 'gen ev/s', 'import s', 'import ev/s', 'peak MiB', 'duckdb s', 'ratio'], widths),
];
try {
  for (const c of CASES) {
    const out = join(work, c.system);
    const gen = await measure(() =>
      generateExport({ system: c.system, events: EVENTS, seed: 1, incidents: true, out }),
    );
    const mainFile = join(out, c.main);
    const mainBytes = (await stat(mainFile)).size;

    const ours = await measure(() => openArchive(out, { cacheDir: join(work, 'cache'), force: true }));

    // The reference: DuckDB alone reading the same main file into a plain table, same process, same settings.
    const { instance, conn } = await openDuck(join(work, `${c.system}-reference.duckdb`));
    const ref = await measure(() => conn.run(`CREATE TABLE plain AS SELECT * FROM ${c.reference(mainFile)}`));
    conn.closeSync();
    instance.closeSync();

    const events = gen.value.events;
    lines.push(
      row(
        [
          c.system,
          gen.seconds.toFixed(2),
          Math.round(events / gen.seconds).toLocaleString('en'),
          ours.seconds.toFixed(2),
          Math.round(events / ours.seconds).toLocaleString('en'),
          ours.peakRssMiB.toFixed(0),
          ref.seconds.toFixed(2),
          (ours.seconds / ref.seconds).toFixed(2),
        ],
        widths,
      ),
    );
    process.stderr.write(
      `${c.system}: main file ${(mainBytes / 1e6).toFixed(0)} MB, generator peak ${gen.peakRssMiB.toFixed(0)} MiB\n`,
    );
    // Issue 4's replay figures (seeks, apply rate, history) on the archive just imported.
    replayLines.push(...(await benchReplay(out, join(work, 'cache'))));
    // Issue 9's figures on the last case's archive, already imported: report and Parquet export.
    if (c === CASES[CASES.length - 1]) reportLines.push(...(await benchReport(out, join(work, 'cache'))));
  }
  // Issue 6's studio figures on the descendants export made above, imported again into a cold cache.
  lines.push(...(await benchStudio({ events: EVENTS, work, archive: join(work, 'descendants') })));
  // Issue 7's figures in Chromium on the same export: per-frame script time, seeks, memory.
  const replayMinutes = Number(process.env['BENCH_REPLAY_MINUTES'] ?? 10);
  lines.push('', ...(await benchReplayStudio(join(work, 'descendants'), replayMinutes)));
  // Issue 9's highlight reel: 30 s at 1280x720, 30 fps, rendered headless through the CLI.
  lines.push('', ...(await benchReel({ events: EVENTS, work, archive: join(work, 'descendants') })));
  // Issue 3's .auditpack figures: pack and verify at a quarter, half and all of EVENTS records.
  lines.push('', ...(await packFigures(EVENTS)));
} finally {
  await rm(work, { recursive: true, force: true });
}
process.stdout.write(`${[...lines, '', ...reportLines, '', ...replayLines].join('\n')}\n`);

// Issue 5: detector quality against planted incidents, then the analysis figures at BENCH_EVENTS.
const { evaluateQuality, formatQuality } = await import('./detectorQuality.js');
const { analysisSpeed } = await import('./analysisSpeed.js');
const quality = formatQuality(await evaluateQuality());
process.stdout.write(`\n${[...quality, '', ...(await analysisSpeed([EVENTS]))].join('\n')}\n`);
