/**
 * The replay engine's figures (issue 4), printed, never asserted. For one imported archive:
 * seeks (test/bench/timetravel.ts), the headless apply rate, one entity's history; and once,
 * the memory of a world holding 100,000 live blocks. As a script:
 * `node --expose-gc --import tsx test/bench/replay.ts ARCHIVE [--cache DIR]`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Replay, VoxelLayout, World } from '../../analysis/core/src/index.js';
import type { ReplayEvent } from '../../analysis/core/src/index.js';
import {
  ArchiveStore,
  EngineReplaySource,
  entityHistory,
  openArchive,
  TimeTravel,
} from '../../analysis/engine/src/index.js';
import { pct, seekFigures } from './timetravel.js';

const WINDOW = 50_000;
const f = (x: number): string => `${x.toFixed(0)} ms`;

/** Wall and CPU time of the work `step` adds up, so a busy shared machine can be told apart from slow code. */
class Timer {
  wallMs = 0;
  cpuMs = 0;
  run<T>(step: () => T): T {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    try {
      return step();
    } finally {
      this.wallMs += performance.now() - wall;
      this.cpuMs += process.cpuUsage(cpu).user / 1000;
    }
  }
  async runAsync<T>(step: () => Promise<T>): Promise<T> {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    try {
      return await step();
    } finally {
      this.wallMs += performance.now() - wall;
      this.cpuMs += process.cpuUsage(cpu).user / 1000;
    }
  }
  rate(events: number): string {
    const per = (ms: number) => Math.round(events / (ms / 1000)).toLocaleString('en');
    return `${per(this.wallMs)}/s (${per(this.cpuMs)}/s of CPU time)`;
  }
}

/** Applies every event of the archive to a headless world, window by window; times each part. */
async function applyRates(travel: TimeTravel): Promise<string[]> {
  const source = new EngineReplaySource(travel);
  const world = new World(new VoxelLayout(), { undoLimit: WINDOW });
  const fetch = new Timer();
  const apply = new Timer();
  let events = 0;
  let last: ReplayEvent[];
  for (let from = 0; ; from += WINDOW) {
    const batch = await fetch.runAsync(() => source.window(from, WINDOW));
    apply.run(() => batch.events.forEach((e) => world.apply(e)));
    events += batch.events.length;
    last = batch.events;
    if (batch.done || batch.events.length === 0) break;
  }
  // Reverse play over the last window, then forwards again: the undo records and the cached effects.
  const back = new Timer();
  back.run(() => last.forEach(() => world.unapply()));
  const again = new Timer();
  again.run(() => last.forEach((e) => world.apply(e)));
  // End to end as the studio would: windows fetched, decoded and applied by the engine.
  const replay = await Replay.open(source, { windowSize: 20_000, seekThreshold: Infinity, undoLimit: 1000 });
  const endToEnd = new Timer();
  await endToEnd.runAsync(() => replay.goTo(travel.lastSeq));
  return [
    `  windows (DuckDB → Arrow → decoded): ${fetch.rate(events)}`,
    `  apply, first pass (JSON parsed, effects derived): ${apply.rate(events)}`,
    `  un-apply (reverse): ${back.rate(last.length)}; apply again: ${again.rate(last.length)}`,
    `  end to end (Replay.goTo from the first to the last event): ${endToEnd.rate(events)}`,
  ];
}

async function historyTimes(store: ArchiveStore, system: string): Promise<string[]> {
  // The busiest entity, and one of median activity (what an investigator usually opens).
  const ranked = await store.all(
    `SELECT entity_type AS t, entity_id AS id, count(*)::INTEGER AS n FROM events
     WHERE entity_id IS NOT NULL AND entity_id <> '*' GROUP BY ALL ORDER BY n DESC, 1, 2`,
  );
  const lines: string[] = [];
  for (const [label, row] of [
    ['busiest', ranked[0]],
    ['median', ranked[Math.floor(ranked.length / 2)]],
  ] as const) {
    const type = String(row?.['t']);
    const id = String(row?.['id']);
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      count = (await entityHistory(store, system, id, type)).events.length;
      times.push(performance.now() - t);
    }
    lines.push(`  history, ${label} entity (${type} ${id}, ${count} events): median ${f(pct(times, 50))}`);
  }
  return lines;
}

/** Heap and typed-array memory of a world holding `n` live blocks (and its undo records). */
export function blocksMemory(n = 100_000): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const world = new World(new VoxelLayout());
  const side = Math.ceil(Math.cbrt(n));
  for (let i = 0; i < n; i++) {
    const [x, y, z] = [i % side, Math.floor(i / side) % side, Math.floor(i / side / side)];
    world.apply({
      seq: i,
      system: 'descendants',
      ts: i,
      action: 'create',
      eventType: 'block_add',
      actor: null,
      entityType: 'block',
      entityId: `blk_${x}_${y}_${z}`,
      oldState: null,
      newState: { position: { x, y, z }, type: 'stone', color: '#8a8a8a' },
      delta: null,
      x,
      y,
      z,
    });
  }
  gc?.();
  const after = process.memoryUsage();
  // Keeps the world alive up to the measurement, whatever the optimiser thinks.
  if (world.arrays.count < 0) throw new Error('unreachable');
  const heap = (after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / 1024 / 1024;
  const live = world.entities().filter((e) => !e.deleted).length;
  return `world holding ${live.toLocaleString('en')} live blocks: ${heap.toFixed(0)} MiB (heap + typed arrays, ${gc ? 'after gc' : 'no --expose-gc'}; ${Math.round((heap * 1024 * 1024) / live)} B per block, undo records of the last 50,000 events included)`;
}

/** Every figure for one archive, as printed lines. */
export async function benchReplay(archive: string, cacheDir?: string): Promise<string[]> {
  const opened = await openArchive(archive, cacheDir ? { cacheDir } : {});
  const store = await ArchiveStore.open(opened.dbPath);
  try {
    const s = await seekFigures(store);
    const ratio = (x: number) => `${f(x)} (${(x / s.fullScanMs).toFixed(1)}x scan)`;
    const travel = await TimeTravel.open(store);
    const lines = [
      `replay ${s.system}: ${s.events.toLocaleString('en')} events, ${s.entitiesAtLastSeek.toLocaleString('en')} entities at the last seek`,
      `  keyframes: ${s.keyframeBuildMs === null ? 'already built' : `built in ${f(s.keyframeBuildMs)}`}; full scan of events ${f(s.fullScanMs)}`,
      `  seek, random: p50 ${ratio(s.random.p50)}, p95 ${ratio(s.random.p95)}`,
      `  seek, near the last: p50 ${ratio(s.nearby.p50)}, p95 ${ratio(s.nearby.p95)}`,
      `  seek and list every state: p50 ${f(s.listed.p50)}, p95 ${f(s.listed.p95)}; by full replay: p50 ${f(s.fullReplay.p50)}`,
      ...(await applyRates(travel)),
      ...(await historyTimes(store, s.system)),
    ];
    travel.close();
    return lines;
  } finally {
    store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [path, flag, cacheDir] = process.argv.slice(2);
  if (!path) throw new Error('usage: replay.ts ARCHIVE [--cache DIR]');
  // First, on a quiet heap: after an archive's work, freed buffers make the difference noise.
  const memory = blocksMemory();
  const lines = await benchReplay(path, flag === '--cache' ? cacheDir : undefined);
  process.stdout.write(`${[...lines, memory].join('\n')}\n`);
}
