/**
 * Studio figures of issue 6, through the real browser-mode server and a WebSocket client:
 *   cold open   archive.open (import) + the overview (summary, density, first page, hour×weekday)
 *   warm open   the same from a fresh service on the same cache
 *   filter      one filter change across every panel's call, sent at once as the studio does
 *   scroll      events.page rows/s at offsets deep into the table (unfiltered, then filtered)
 * each with its ratio to a full scan of `events` measured in the same run.
 * `npm run bench` runs it on the 1M-event descendants export it generates; alone:
 * `node --import tsx test/bench/studio.ts [ARCHIVE]` (BENCH_EVENTS sets the size it generates).
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { RpcClient } from '../../analysis/core/src/index.js';
import type { ArchiveInfo, EventFilterParams } from '../../analysis/core/src/index.js';
import { ArchiveStore, generateExport } from '../../analysis/engine/src/index.js';
import { createDispatcher } from '../../analysis/service/src/rpc/index.js';
import { startStudioServer } from '../../analysis/service/src/server/index.js';
import { WsTransport } from '../../renderer/client/index.js';
import type { WebSocketLike } from '../../renderer/client/index.js';
import { row, runBenchScript } from './measure.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface Service {
  client: RpcClient;
  stop(): Promise<void>;
}

async function startService(cacheDir: string): Promise<Service> {
  const staticDir = join(cacheDir, 'static');
  await mkdir(staticDir, { recursive: true });
  const dispatcher = createDispatcher({ host: 'browser', projectRoot: ROOT, cacheDir });
  const server = await startStudioServer({ dispatcher, staticDir, cacheDir });
  const origin = `http://127.0.0.1:${server.port}`;
  const transport = await WsTransport.open(
    `ws://127.0.0.1:${server.port}/rpc?token=${server.token}`,
    (u) => new WebSocket(u, { origin }) as unknown as WebSocketLike,
  );
  const client = new RpcClient(transport);
  await client.handshake();
  return {
    client,
    stop: async () => {
      client.close();
      await server.close();
      await dispatcher.close();
    },
  };
}

async function ms(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** What the studio asks for to show an archive's overview. */
async function overview(client: RpcClient, path: string): Promise<ArchiveInfo> {
  const info = await client.call('archive.open', { path });
  await Promise.all([
    client.call('archive.summary', { archive: info.id }),
    client.call('timeline.density', { archive: info.id, buckets: 400 }),
    client.call('events.page', { archive: info.id, offset: 0, limit: 100 }),
    client.call('analytics.heatmap', { archive: info.id, kind: 'hour_weekday' }),
  ]);
  return info;
}

/** One filter change: every panel's call under the new filter, at once. */
async function panels(client: RpcClient, archive: string, filter: EventFilterParams): Promise<void> {
  await Promise.all([
    client.call('archive.summary', { archive, filter }),
    client.call('timeline.density', { archive, filter, buckets: 400 }),
    client.call('events.count', { archive, filter }),
    client.call('events.page', { archive, filter, offset: 0, limit: 100 }),
    client.call('analytics.heatmap', { archive, filter, kind: 'hour_weekday' }),
    client.call('analytics.heatmap', { archive, filter, kind: 'action' }),
    client.call('analytics.trend', { archive, filter }),
  ]);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function benchStudio(options: {
  events: number;
  work: string;
  archive?: string;
}): Promise<string[]> {
  let archive = options.archive;
  if (!archive) {
    archive = join(options.work, 'studio-descendants');
    await generateExport({
      system: 'descendants',
      events: options.events,
      seed: 1,
      incidents: true,
      out: archive,
    });
  }
  const cacheDir = join(options.work, 'studio-cache');
  await rm(cacheDir, { recursive: true, force: true });

  const cold = await startService(cacheDir);
  let info: ArchiveInfo | undefined;
  const coldMs = await ms(async () => (info = await overview(cold.client, archive)));
  await cold.stop();
  if (!info) throw new Error('no archive');

  const warm = await startService(cacheDir);
  const warmMs = await ms(() => overview(warm.client, archive));
  const { client } = warm;
  const id = info.id;

  const store = await ArchiveStore.open(join(cacheDir, `${id}.v1.duckdb`));
  // The reference: one pass over every row, touching a time, a text and a distinct count.
  const scans: number[] = [];
  for (let i = 0; i < 3; i++) {
    scans.push(
      await ms(() =>
        store.all(`SELECT count(*), max(ts), sum(length(action)), count(DISTINCT actor_id) FROM events`),
      ),
    );
  }
  const scanMs = median(scans);
  store.close();

  const summary = await client.call('archive.summary', { archive: id, top: 6 });
  const actors = summary.actors.map((a) => a.key);
  const actions = summary.actions.map((a) => a.key);
  const filters: EventFilterParams[] = [
    { actions: actions.slice(0, 2) },
    { actors: actors.slice(0, 3) },
    { actions: actions.slice(1, 3), actors: actors.slice(0, 5) },
    { entityTypes: summary.entityTypes.slice(0, 1).map((e) => e.key) },
    { from: info.timeRange.from ?? undefined, to: midpoint(info), actions: actions.slice(0, 1) },
  ];
  const filterMs: number[] = [];
  for (const filter of filters) filterMs.push(await ms(() => panels(client, id, filter)));

  const pageRows = 200;
  const deep = [0.5, 0.6, 0.7, 0.8, 0.9, 0.99].map((f) => Math.floor(f * (info!.records - pageRows)));
  const scroll = async (filter: EventFilterParams, total: number): Promise<number> => {
    const offsets = deep.map((o) => Math.floor((o / info!.records) * Math.max(0, total - pageRows)));
    const spent = await ms(async () => {
      for (const offset of offsets)
        await client.call('events.page', { archive: id, filter, offset, limit: pageRows });
    });
    return (offsets.length * pageRows) / (spent / 1000);
  };
  const plainRate = await scroll({}, info.records);
  const filtered = filters[0]!;
  const filteredTotal = (await client.call('events.count', { archive: id, filter: filtered })).count;
  const filteredRate = await scroll(filtered, filteredTotal);
  await warm.stop();

  const widths = [34, 12, 14];
  const ratio = (x: number): string => (x / scanMs).toFixed(1);
  return [
    '',
    `studio (browser mode, WebSocket): ${info.records.toLocaleString('en')} events, full scan of events ${scanMs.toFixed(0)} ms`,
    row(['step', 'ms', 'ratio to scan'], widths),
    row(['cold open to overview (import)', coldMs.toFixed(0), ratio(coldMs)], widths),
    row(['warm open to overview (cache)', warmMs.toFixed(0), ratio(warmMs)], widths),
    row(
      [
        `filter change, 7 calls (median of ${filterMs.length})`,
        median(filterMs).toFixed(0),
        ratio(median(filterMs)),
      ],
      widths,
    ),
    row(['filter change, slowest', Math.max(...filterMs).toFixed(0), ratio(Math.max(...filterMs))], widths),
    `scroll, pages of ${pageRows} at 50–99% deep: ${Math.round(plainRate).toLocaleString('en')} rows/s unfiltered, ${Math.round(filteredRate).toLocaleString('en')} rows/s filtered (${filteredTotal.toLocaleString('en')} rows)`,
  ];
}

function midpoint(info: ArchiveInfo): string | undefined {
  if (!info.timeRange.from || !info.timeRange.to) return undefined;
  const a = Date.parse(info.timeRange.from);
  const b = Date.parse(info.timeRange.to);
  return new Date((a + b) / 2).toISOString();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runBenchScript('studio', 1_000_000, benchStudio);
}
