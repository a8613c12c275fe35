import { Worker } from 'node:worker_threads';
import { ActivityClock } from './rhythm.js';
import type { Rng } from './rng.js';

import type { Incident } from './types.js';

/*
 * Shared by the descendants, qcs and wedsync generators: incident scheduling, and hot-path
 * replacements for the generic building blocks (LineWriter, Date formatting, ActivityClock's
 * Date-based weights), which on this 2-core machine cost more per record than generating it.
 */

/**
 * A LineWriter whose hashing and disk writes run on a worker thread.
 *
 * Why: on a 2-core machine `LineWriter` spends ~3 µs per 500-byte line (it joins, encodes and
 * then idles until the stream drains), and a sha256 over each line costs ~3 µs more; together
 * they cap a generator near 100k records/s. Here the generating thread encodes each line once,
 * straight into a ~1 MB buffer, and hands the buffer over (transferred, not copied); the worker
 * checksums and writes on the other core and hands the buffer back for reuse. At most
 * MAX_IN_FLIGHT buffers exist, so memory stays flat however many lines are written.
 *
 * The worker is inline source (`eval`), so it works the same under tsx, vitest and a bundle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const fs = require('node:fs');
const fd = fs.openSync(workerData.path, 'w');
let out = Buffer.allocUnsafe(1 << 21);
function writeAll(bytes, length) {
  for (let off = 0; off < length; ) off += fs.writeSync(fd, bytes, off, length - off);
}
parentPort.on('message', (msg) => {
  if (msg === null) {
    fs.closeSync(fd);
    parentPort.close();
    return;
  }
  const buf = Buffer.from(msg.buffer, 0, msg.length);
  if (!workerData.checksum) {
    writeAll(buf, msg.length);
  } else {
    if (out.length < msg.length * 2) out = Buffer.allocUnsafe(msg.length * 2);
    let o = 0;
    for (let s = 0; s < msg.length; ) {
      const e = buf.indexOf(10, s);
      const h = hash('sha256', buf.subarray(s, e), 'hex');
      o += buf.copy(out, o, s, e - 1);
      o += out.latin1Write(',"checksum":"' + h + '"}\\n', o);
      s = e + 1;
    }
    writeAll(out, o);
  }
  parentPort.postMessage(msg.buffer, [msg.buffer]);
});
`;

const CHUNK_BYTES = 1 << 20;
const MAX_IN_FLIGHT = 3;

export class ThreadedLineWriter {
  lines = 0;
  private buf: Buffer;
  private length = 0;
  private readonly spare: ArrayBuffer[] = [];
  private readonly worker: Worker;
  private inFlight = 0;
  private readonly waiters: (() => void)[] = [];
  private failure: Error | undefined;

  /**
   * With `checksum`, every line must be a JSON object in canonical form (RFC 8785); the worker
   * appends `"checksum":"<sha256 hex of the line as given>"` as its last member.
   */
  constructor(
    readonly path: string,
    options: { checksum?: boolean } = {},
  ) {
    this.buf = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, checksum: options.checksum === true },
    });
    this.worker.on('message', (returned: ArrayBuffer) => {
      this.inFlight--;
      if (returned.byteLength === CHUNK_BYTES) this.spare.push(returned);
      this.waiters.shift()?.();
    });
    this.worker.on('error', (error) => {
      this.failure = error;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Queues one line (without its "\n"). Await it: it resolves at once unless the worker is behind. */
  async write(line: string): Promise<void> {
    const worst = line.length * 3 + 1;
    if (this.length + worst > this.buf.length) {
      await this.flush();
      if (worst > this.buf.length) this.buf = Buffer.allocUnsafeSlow(worst);
    }
    this.length += this.buf.write(line, this.length);
    this.buf[this.length++] = 10;
    this.lines++;
  }

  async close(): Promise<void> {
    await this.flush();
    this.check();
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage(null);
    await exited;
    this.check();
  }

  private async flush(): Promise<void> {
    this.check();
    if (this.length === 0) return;
    const buffer = this.buf.buffer as ArrayBuffer;
    this.worker.postMessage({ buffer, length: this.length }, [buffer]);
    this.inFlight++;
    this.length = 0;
    while (this.inFlight >= MAX_IN_FLIGHT && !this.failure)
      await new Promise<void>((wake) => this.waiters.push(wake));
    this.check();
    const reuse = this.spare.pop();
    this.buf = reuse ? Buffer.from(reuse) : Buffer.allocUnsafeSlow(CHUNK_BYTES);
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}

let isoDay = Number.NaN;
let isoPrefix = '';

/**
 * `Date#toISOString` for an integer millisecond time. The built-in costs ~2 µs here, a third of
 * a record's budget: the date part is cached per day and the time of day formatted by hand.
 */
export function fastIso(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  if (day !== isoDay) {
    isoDay = day;
    isoPrefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  let rest = ms - day * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  return `${isoPrefix}${pad2(h)}:${pad2(m)}:${pad2(s)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** ActivityClock with the hour and weekday worked out arithmetically instead of through a Date. */
export class FastActivityClock extends ActivityClock {
  constructor(
    rng: Rng,
    startMs: number,
    eventsPerDay: number,
    private readonly hourWeights: readonly number[],
    private readonly dayWeights: readonly number[],
  ) {
    super(rng, startMs, eventsPerDay, hourWeights, dayWeights);
  }

  override weightAt(ms: number): number {
    const hour = Math.floor(ms / 3_600_000) % 24;
    // 1970-01-01 was a Thursday (weekday 4, Sunday first).
    const day = (Math.floor(ms / 86_400_000) + 4) % 7;
    return (this.hourWeights[hour] ?? 1) * (this.dayWeights[day] ?? 1);
  }
}

/**
 * An incident waits until `dueAt` events are written, then for its time window (`window` maps
 * "now" to a start time): it is planted once the clock reaches that start, or at once when the
 * remaining event budget is only just enough for what is still planned.
 */
export interface PlannedIncident {
  dueAt: number;
  /** Events the incident writes at most (reserved from the budget). */
  size: number;
  startMs?: number;
  window: (nowMs: number) => number;
  /** Writes the incident from `startMs` using at most `budget` events. */
  run: (startMs: number, budget: number) => Promise<Incident | undefined>;
}

/** What `generateWithIncidents` drives: a generator that writes events one tick at a time. */
export interface TickSource {
  readonly clock: ActivityClock;
  written(): number;
  lastMs(): number;
  /** Writes at least one event at `t` (never more than the budget allows). */
  step(t: number): Promise<void>;
}

/** The main loop of a generator: normal ticks, with the planned incidents slotted in on time. */
export async function generateWithIncidents(
  source: TickSource,
  target: number,
  plan: PlannedIncident[],
): Promise<Incident[]> {
  const incidents: Incident[] = [];
  let next = 0;
  while (source.written() < target) {
    const t = source.clock.next();
    const incident = plan[next];
    if (incident && source.written() >= incident.dueAt) {
      incident.startMs ??= incident.window(t);
      const reserved = plan.slice(next).reduce((sum, p) => sum + p.size, 0) + 2;
      if (t >= incident.startMs || target - source.written() <= reserved) {
        const start = Math.max(incident.startMs, source.lastMs() + 1000);
        const found = await incident.run(start, target - source.written());
        if (found) incidents.push(found);
        source.clock.advanceTo(source.lastMs());
        next++;
        continue;
      }
    }
    await source.step(t);
  }
  return incidents;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The first `hour`:00 UTC at or after `ms`. */
export function nextHour(ms: number, hour: number): number {
  const at = Math.floor(ms / DAY_MS) * DAY_MS + hour * HOUR_MS;
  return at >= ms ? at : at + DAY_MS;
}

/** The first Monday-to-Friday `hour`:00 UTC at or after `ms`. */
export function nextWeekday(ms: number, hour: number): number {
  let at = nextHour(ms, hour);
  while ([0, 6].includes(new Date(at).getUTCDay())) at += DAY_MS;
  return at;
}

/** Span of an export in days: long enough for daily and weekly rhythms, bounded for huge counts. */
export function spanDays(events: number): number {
  return Math.min(120, Math.max(7, Math.ceil(Math.sqrt(events) / 8)));
}

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A version-4-shaped UUID drawn from `rng`, like `Rng#uuid` but without building and slicing a
 * hex string (which showed up as 15% of a qcs profile).
 */
export function fastUuid(rng: Rng): string {
  const a = (rng.next() * 4294967296) >>> 0;
  const b = (rng.next() * 4294967296) >>> 0;
  const c = (rng.next() * 4294967296) >>> 0;
  const d = (rng.next() * 4294967296) >>> 0;
  return (
    `${byte(a >>> 24)}${byte(a >>> 16)}${byte(a >>> 8)}${byte(a)}-${byte(b >>> 24)}${byte(b >>> 16)}-` +
    `4${HEX_BYTES[(b >>> 8) & 0xff]?.charAt(1)}${byte(b)}-${byte(((c >>> 24) & 0x3f) | 0x80)}${byte(c >>> 16)}-` +
    `${byte(c >>> 8)}${byte(c)}${byte(d >>> 24)}${byte(d >>> 16)}${byte(d >>> 8)}${byte(d)}`
  );
}

function byte(v: number): string {
  return HEX_BYTES[v & 0xff] as string;
}

/** One planted incident, as ground-truth.json holds it (times in ISO 8601). */
export function incident(
  kind: string,
  actor: string,
  from: number,
  to: number,
  detectors: string[],
  evidence: string[],
): Incident {
  return { kind, actor, from: fastIso(from), to: fastIso(to), detectors, evidence };
}
