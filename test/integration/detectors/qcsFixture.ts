import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../../helpers/archives.js';

/** One hand-made qcs audit row; everything not given takes an ordinary value. */
export interface Ev {
  at: string | number;
  user: string | null;
  op?: string;
  role?: string;
  type?: string;
  entity?: string;
  ip?: string;
  agent?: string;
  newValues?: object | null;
  parent?: string;
  id?: string;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Milliseconds of `2026-05-04` (a Monday) + `day` days + `hour` hours (fractions allowed). */
export function t(day: number, hour: number): number {
  return Date.UTC(2026, 4, 4) + day * DAY + hour * HOUR;
}

let serial = 0;

function row(e: Ev): Record<string, unknown> {
  serial += 1;
  const ts = typeof e.at === 'number' ? new Date(e.at).toISOString() : e.at;
  const op = e.op ?? 'UPDATE';
  return {
    id: e.id ?? `b0000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    timestamp: ts,
    user_id: e.user,
    user_email: e.user ? `${e.user}@qcs.example` : null,
    user_role: e.role ?? 'clerk',
    session_id: e.user ? `s-${e.user}-${ts.slice(0, 10)}` : null,
    operation_type: op,
    entity_type: e.type ?? 'shipment',
    entity_id: e.entity ?? `SHI-${serial}`,
    old_values: op === 'DELETE' || op === 'UPDATE' ? { status: 'open' } : null,
    new_values: e.newValues === undefined ? (op === 'UPDATE' ? { status: 'done' } : null) : e.newValues,
    change_set: {},
    ip_address: e.ip ?? '10.0.0.5',
    user_agent: e.agent ?? 'Mozilla/5.0 Firefox/129.0',
    reason: null,
    metadata: null,
    correlation_id: null,
    parent_operation_id: e.parent ?? null,
    rollback_id: null,
    created_at: ts,
  };
}

/** `count` rows by `user`, evenly spread from `from` to `to` (ms), all alike but their time. */
export function spread(count: number, from: number, to: number, ev: Omit<Ev, 'at'>): Ev[] {
  const step = count > 1 ? (to - from) / (count - 1) : 0;
  return Array.from({ length: count }, (_, i) => ({ ...ev, at: Math.round(from + i * step) }));
}

/** `perDay` rows a day for `days` days, in the hours [from, to) of each day. */
export function routine(days: number, perDay: number, from: number, to: number, ev: Omit<Ev, 'at'>): Ev[] {
  const out: Ev[] = [];
  for (let d = 0; d < days; d++) out.push(...spread(perDay, t(d, from), t(d, to) - 60_000, ev));
  return out;
}

/** Writes a qcs export (NDJSON, rows in time order) and returns its directory. */
export async function qcsArchive(events: Ev[]): Promise<string> {
  const dir = join(await tempDir(), 'qcs');
  await mkdir(dir, { recursive: true });
  const rows = events
    .map((e) => ({ e, ms: typeof e.at === 'number' ? e.at : Date.parse(e.at) }))
    .sort((a, b) => a.ms - b.ms)
    .map(({ e }) => JSON.stringify(row(e)));
  await writeFile(join(dir, 'comprehensive_audit_log.ndjson'), `${rows.join('\n')}\n`);
  return dir;
}
