/**
 * Figures of issue 3 for `npm run bench`: the .auditpack of a generated robot-cycles export at
 * a quarter, half and all of BENCH_EVENTS records. Each size is packed in one fresh process
 * and verified in another, so each peak resident size is that step's alone:
 * - pack: seconds and peak RSS of `writePack` (the import before it is not counted);
 * - verify: seconds, MB/s and peak RSS of `verifyPack` (the pack's own checks of auditpack.md),
 *   and its ratio to SHA-256 alone over the same file in the same process (best of two each),
 *   in wall time and in CPU time of all threads, and the share of the leaves and trees alone.
 * Also runnable alone: `node --expose-gc --import tsx test/bench/pack.ts [EVENTS]`.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BlockHasher } from '../../analysis/engine/src/auditpack/blockHasher.js';
import { packFromFile } from '../../analysis/engine/src/auditpack/packInput.js';
import {
  ArchiveStore,
  generateExport,
  openArchive,
  readPrivateKey,
  readPublicKey,
  verifyPack,
  writeKeyPair,
  writePack,
} from '../../analysis/engine/src/index.js';
import { measure, row } from './measure.js';

const SELF = fileURLToPath(import.meta.url);

interface PackRun {
  records: number;
  bytes: number;
  seconds: number;
  peakMiB: number;
  /** The JavaScript side alone (heap and buffers): what the pack writer holds, without DuckDB's cache. */
  jsPeakMiB: number;
}

/** Peak of the JavaScript heap plus buffers while `step` runs (RSS also counts DuckDB's page cache). */
async function jsPeak<T>(step: () => Promise<T>): Promise<{ value: T; peakMiB: number }> {
  const used = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  let peak = used();
  const timer = setInterval(() => (peak = Math.max(peak, used())), 20);
  try {
    const value = await step();
    return { value, peakMiB: Math.max(peak, used()) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

interface VerifyRun {
  seconds: number;
  /** CPU time of every thread: the manifest's whole-file digest runs on a second one. */
  cpuSeconds: number;
  peakMiB: number;
  shaSeconds: number;
  /** The leaves and block trees of records.ndjson alone (the WebAssembly kernel), for the breakdown. */
  treeSeconds: number;
  ok: boolean;
}

/** Child: generate, import, then pack (measured). */
async function packChild(events: number, work: string): Promise<PackRun> {
  const out = join(work, `robots-${events}`);
  await generateExport({ system: 'robot-cycles', events, seed: 1, incidents: false, out });
  const opened = await openArchive(out, { cacheDir: join(work, 'cache') });
  const store = await ArchiveStore.open(opened.dbPath);
  const privateKey = await readPrivateKey(join(work, 'bench.pem'));
  const path = join(work, `robots-${events}.auditpack`);
  const run = await measure(() =>
    jsPeak(() =>
      writePack(store, opened.system, {
        origin: 'bench',
        privateKey,
        publicKey: createPublicKey(privateKey),
        out: path,
      }),
    ),
  );
  store.close();
  await rm(out, { recursive: true, force: true });
  return {
    records: run.value.value.records,
    bytes: (await stat(path)).size,
    seconds: run.seconds,
    peakMiB: run.peakRssMiB,
    jsPeakMiB: run.value.peakMiB,
  };
}

/** Child: SHA-256 of the pack file and the pack's verification, alternately, best of two each. */
async function verifyChild(events: number, work: string): Promise<VerifyRun> {
  const path = join(work, `robots-${events}.auditpack`);
  const key = await readPublicKey(join(work, 'bench.pub.pem'));
  const sha = async (): Promise<string> => {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
      hash.update(chunk as Buffer);
    return hash.digest('hex');
  };
  const tree = async (): Promise<void> => {
    const input = await packFromFile(path);
    const hasher = new BlockHasher(() => {});
    for await (const chunk of input.chunks('records.ndjson')) hasher.push(chunk);
    hasher.end();
    input.close();
  };
  let best: VerifyRun = {
    seconds: Infinity,
    cpuSeconds: Infinity,
    peakMiB: 0,
    shaSeconds: Infinity,
    treeSeconds: Infinity,
    ok: true,
  };
  for (let round = 0; round < 2; round++) {
    const reference = await measure(sha);
    const cpu = process.cpuUsage();
    const ours = await measure(() => verifyPack(path, key, { options: {} }));
    const used = process.cpuUsage(cpu);
    const trees = await measure(tree);
    best = {
      seconds: Math.min(best.seconds, ours.seconds),
      cpuSeconds: Math.min(best.cpuSeconds, (used.user + used.system) / 1e6),
      peakMiB: Math.max(best.peakMiB, ours.peakRssMiB),
      shaSeconds: Math.min(best.shaSeconds, reference.seconds),
      treeSeconds: Math.min(best.treeSeconds, trees.seconds),
      ok: best.ok && ours.value.outcomes.every((o) => o.check.ok),
    };
  }
  return best;
}

function child<T>(mode: string, events: number, work: string): T {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', SELF, mode, String(events), work],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as T;
}

/** The printed lines: one row per size. */
export async function packFigures(events: number): Promise<string[]> {
  const work = await mkdtemp(join(tmpdir(), 'chronoscope-bench-pack-'));
  const widths = [10, 8, 7, 9, 8, 9, 5, 6, 6, 6, 6, 7];
  const lines = [
    '.auditpack (robot-cycles), each size packed and verified in fresh processes. MiB: peak RSS; pack JS: peak',
    'JS heap + buffers (RSS also holds DuckDB cache); ratio: verify / sha256 of the same file, same process, wall',
    "and CPU of all threads (the manifest's whole-file digest runs on a second thread); tree: leaves + block",
    `trees alone / sha256. Load average ${loadavg()[0]?.toFixed(1) ?? '?'} when started.`,
    row(
      [
        'records',
        'pack MB',
        'pack s',
        'pack MiB',
        'pack JS',
        'verify s',
        'MB/s',
        'sha s',
        'ratio',
        'cpu',
        'tree',
        'ver MiB',
      ],
      widths,
    ),
  ];
  try {
    await writeKeyPair(join(work, 'bench'));
    for (const size of [Math.round(events / 4), Math.round(events / 2), events]) {
      const packed = child<PackRun>('pack', size, work);
      const verified = child<VerifyRun>('verify', size, work);
      lines.push(
        row(
          [
            packed.records.toLocaleString('en'),
            (packed.bytes / 1e6).toFixed(0),
            packed.seconds.toFixed(1),
            packed.peakMiB.toFixed(0),
            packed.jsPeakMiB.toFixed(0),
            verified.seconds.toFixed(2),
            (packed.bytes / 1e6 / verified.seconds).toFixed(0),
            verified.shaSeconds.toFixed(2),
            (verified.seconds / verified.shaSeconds).toFixed(2),
            (verified.cpuSeconds / verified.shaSeconds).toFixed(2),
            (verified.treeSeconds / verified.shaSeconds).toFixed(2),
            `${verified.peakMiB.toFixed(0)}${verified.ok ? '' : ' NOT OK'}`,
          ],
          widths,
        ),
      );
      await rm(join(work, `robots-${size}.auditpack`), { force: true });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return lines;
}

const [mode, eventsArg, workArg] = process.argv.slice(2);
if (process.argv[1] === SELF) {
  if ((mode === 'pack' || mode === 'verify') && workArg) {
    const result =
      mode === 'pack'
        ? await packChild(Number(eventsArg), workArg)
        : await verifyChild(Number(eventsArg), workArg);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    const events = Number(mode ?? process.env['BENCH_EVENTS'] ?? 1_000_000);
    process.stdout.write(`${(await packFigures(events)).join('\n')}\n`);
  }
}
