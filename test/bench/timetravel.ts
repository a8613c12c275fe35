/**
 * Seek figures of issue 4: `node --import tsx test/bench/timetravel.ts ARCHIVE [--cache DIR]`.
 * Prints keyframe build time, seeks to random seqs with keyframes (p50/p95), seeks by full
 * replay (fewer samples: each one folds the whole prefix) and a full scan of `events`.
 */
import { performance } from 'node:perf_hooks';
import { ArchiveStore, openArchive, TimeTravel } from '../../analysis/engine/src/index.js';

const [path, flag, cacheDir] = process.argv.slice(2);
if (!path) throw new Error('usage: timetravel.ts ARCHIVE [--cache DIR]');
const opened = await openArchive(path, flag === '--cache' && cacheDir ? { cacheDir } : {});
const store = await ArchiveStore.open(opened.dbPath);
const ms = async (work: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await work();
  return performance.now() - t;
};
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
let build = 0;
const keyed = await TimeTravel.open(store, { onBuild: (phase, b) => (build = b?.ms ?? build) });
const full = await TimeTravel.open(store, { keyframes: 'off' });
let seed = 42;
const random = (): number => (seed = (seed * 48271) % 2147483647) % (keyed.lastSeq + 1);
const scan = await ms(() => store.all(`SELECT count(*), sum(length(new_state::VARCHAR)) FROM events`));
const seeks: number[] = [];
const materialised: number[] = [];
let entities = 0;
for (let i = 0; i < 30; i++) {
  const seq = random();
  seeks.push(await ms(async () => (entities = (await keyed.statesAt(seq)).entities.size)));
  // The same seek, every state decoded and listed in order (what `state --json` prints).
  materialised.push(await ms(async () => (await keyed.entitiesAt(seq)).forEach((e) => e.state)));
}
const replays: number[] = [];
for (let i = 0; i < 3; i++) {
  const seq = random();
  replays.push(await ms(() => full.statesAt(seq)));
}
const f = (x: number): string => `${x.toFixed(0)} ms`;
console.log(
  JSON.stringify(
    {
      archive: path,
      system: keyed.system,
      events: keyed.lastSeq + 1,
      entitiesAtLastSeek: entities,
      keyframeBuild: build ? f(build) : 'cached',
      fullScan: f(scan),
      seekKeyframes: { p50: f(pct(seeks, 50)), p95: f(pct(seeks, 95)) },
      seekKeyframesListed: { p50: f(pct(materialised, 50)), p95: f(pct(materialised, 95)) },
      seekFullReplay: { p50: f(pct(replays, 50)), max: f(Math.max(...replays)) },
    },
    null,
    2,
  ),
);
keyed.close();
full.close();
store.close();
