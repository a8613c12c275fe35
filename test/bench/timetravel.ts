/**
 * Seek figures of issue 4, for one imported archive. As a script:
 * `node --import tsx test/bench/timetravel.ts ARCHIVE [--cache DIR]` prints them as JSON;
 * `npm run bench` prints them through test/bench/replay.ts. Keyframe build time; seeks to
 * random seqs (each may need another full checkpoint); seeks near the previous one (a
 * scrub: the full checkpoint is cached); the same seeks with every state decoded and listed
 * (what `state --json` prints); seeks by full replay; and a full scan of `events`, the
 * reference all of them are compared with, measured in the same run.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ArchiveStore, openArchive, TimeTravel } from '../../analysis/engine/src/index.js';

export interface SeekFigures {
  system: string;
  events: number;
  entitiesAtLastSeek: number;
  keyframeBuildMs: number | null;
  fullScanMs: number;
  random: { p50: number; p95: number };
  nearby: { p50: number; p95: number };
  listed: { p50: number; p95: number };
  fullReplay: { p50: number; max: number };
}

const ms = async (work: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await work();
  return performance.now() - t;
};

export const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

export async function seekFigures(store: ArchiveStore, samples = 30): Promise<SeekFigures> {
  let build: number | null = null;
  const keyed = await TimeTravel.open(store, { onBuild: (_phase, b) => (build = b?.ms ?? build) });
  const full = await TimeTravel.open(store, { keyframes: 'off' });
  let seed = 42;
  const random = (): number => (seed = (seed * 48271) % 2147483647) % (keyed.lastSeq + 1);
  const scan = await ms(() => store.all(`SELECT count(*), sum(length(new_state::VARCHAR)) FROM events`));
  const seeks: number[] = [];
  const nearby: number[] = [];
  const listed: number[] = [];
  let entities = 0;
  for (let i = 0; i < samples; i++) {
    const seq = random();
    seeks.push(await ms(async () => (entities = (await keyed.statesAt(seq)).entities.size)));
    // A scrub: a few thousand events away from the last seek, either way.
    const near = Math.max(0, Math.min(keyed.lastSeq, seq + ((seq % 7) - 3) * 1500));
    nearby.push(await ms(() => keyed.statesAt(near)));
    listed.push(await ms(async () => (await keyed.entitiesAt(random())).forEach((e) => e.state)));
  }
  const replays: number[] = [];
  for (let i = 0; i < 3; i++) {
    const seq = random();
    replays.push(await ms(() => full.statesAt(seq)));
  }
  keyed.close();
  full.close();
  const p = (xs: number[]) => ({ p50: pct(xs, 50), p95: pct(xs, 95) });
  return {
    system: keyed.system,
    events: keyed.lastSeq + 1,
    entitiesAtLastSeek: entities,
    keyframeBuildMs: build,
    fullScanMs: scan,
    random: p(seeks),
    nearby: p(nearby),
    listed: p(listed),
    fullReplay: { p50: pct(replays, 50), max: Math.max(...replays) },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [path, flag, cacheDir] = process.argv.slice(2);
  if (!path) throw new Error('usage: timetravel.ts ARCHIVE [--cache DIR]');
  const opened = await openArchive(path, flag === '--cache' && cacheDir ? { cacheDir } : {});
  const store = await ArchiveStore.open(opened.dbPath);
  const figures = await seekFigures(store);
  const round = (_key: string, value: unknown) => (typeof value === 'number' ? Math.round(value) : value);
  console.log(JSON.stringify({ archive: path, ...figures }, round, 2));
  store.close();
}
