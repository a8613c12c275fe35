import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../analysis/core/src/index.js';
import { generateWedsync } from '../../../analysis/engine/src/generate/wedsync.js';

const START = Date.UTC(2026, 4, 4);
const VERBS = [
  'create',
  'update',
  'delete',
  'view',
  'export',
  'notify',
  'login',
  'login_failed',
  'logout',
  'permission_change',
];
const RESOURCES = ['guest', 'vendor', 'wedding', 'task', 'payment', 'user', 'session'];
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

interface LogRow {
  id: string;
  user_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string;
  ip_address: string | null;
  user_agent: string | null;
  details: any;
  severity: string;
  created_at: string;
}

async function generate(events: number, incidents: boolean, seed = 4) {
  const out = await mkdtemp(join(tmpdir(), 'chronoscope-wedsync-'));
  dirs.push(out);
  const result = await generateWedsync({ system: 'wedsync', events, seed, incidents, out, startMs: START });
  const files = await readdir(out);
  const read = async (name: string): Promise<any[]> =>
    files.includes(name)
      ? (await readFile(join(out, name), 'utf8'))
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l))
      : [];
  const archive: LogRow[] = await read('audit_logs_archive.ndjson');
  const current: LogRow[] = await read('audit_logs.ndjson');
  return {
    out,
    result,
    archive,
    current,
    rows: [...archive, ...current],
    profiles: await read('user_profiles.ndjson'),
  };
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('generateWedsync', () => {
  it('is deterministic: the same seed gives byte-identical files', { timeout: 60_000 }, async () => {
    const [a, b] = [await generate(8000, true, 2), await generate(8000, true, 2)];
    for (const name of ['audit_logs.ndjson', 'audit_logs_archive.ndjson', 'user_profiles.ndjson']) {
      const [x, y] = await Promise.all([readFile(join(a.out, name)), readFile(join(b.out, name))]);
      expect(sha256(x), name).toBe(sha256(y));
    }
    expect(a.result.groundTruth).toEqual(b.result.groundTruth);
  });

  describe('an export of 20,000 events with incidents', { timeout: 60_000 }, async () => {
    const g = await generate(20_000, true);
    const byId = new Map(g.rows.map((r) => [r.id, r]));

    it('splits exactly the requested events between the live table and the archive, oldest archived', () => {
      expect(g.rows).toHaveLength(20_000);
      expect(g.result.events).toBe(20_000);
      expect(g.archive).toHaveLength(4000);
      expect(g.result.files).toEqual([
        { path: 'audit_logs.ndjson', records: 16_000 },
        { path: 'audit_logs_archive.ndjson', records: 4000 },
        { path: 'user_profiles.ndjson', records: g.profiles.length },
      ]);
      expect(g.archive.at(-1)!.created_at <= g.current[0]!.created_at).toBe(true);
      for (let i = 1; i < g.rows.length; i++)
        expect(g.rows[i]!.created_at >= g.rows[i - 1]!.created_at).toBe(true);
    });

    it('writes the columns, actions and details that sources.md fixes', () => {
      for (const r of g.rows) {
        expect(Object.keys(r)).toEqual([
          'id',
          'user_id',
          'action',
          'resource_type',
          'resource_id',
          'ip_address',
          'user_agent',
          'details',
          'severity',
          'created_at',
        ]);
        const [resource, verb] = r.action.split('.');
        expect(RESOURCES).toContain(resource);
        expect(VERBS).toContain(verb);
        expect(r.resource_type).toBe(resource);
        expect(['info', 'warning', 'critical']).toContain(r.severity);
        if (verb === 'create' || verb === 'delete') expect(Object.keys(r.details)).toEqual(['values']);
        if (verb === 'export') expect(Object.keys(r.details).sort()).toEqual(['format', 'rows']);
        if (verb === 'update' || verb === 'permission_change') {
          for (const change of Object.values<any>(r.details.changes))
            expect(Object.keys(change).sort()).toEqual(['new', 'old']);
        }
      }
      expect(g.rows.some((r) => r.user_id === null)).toBe(true);
      const profiles = new Set(g.profiles.map((p) => p.id));
      for (const r of g.rows) if (r.user_id !== null) expect(profiles).toContain(r.user_id);
    });

    it('records changes that replay: old values always match the state built so far', () => {
      const state = new Map<string, Record<string, unknown>>();
      const problems: string[] = [];
      for (const r of g.rows) {
        const key = `${r.resource_type}:${r.resource_id}`;
        const verb = r.action.split('.')[1];
        if (verb === 'create') {
          if (state.has(key)) problems.push(`${r.id} recreates`);
          state.set(key, r.details.values);
        } else if (verb === 'update' && r.resource_type !== 'user') {
          const cur = state.get(key);
          if (!cur) problems.push(`${r.id} updates unknown ${key}`);
          const next = { ...cur };
          for (const [field, change] of Object.entries<any>(r.details.changes)) {
            if (cur?.[field] !== change.old) problems.push(`${r.id} ${field}`);
            next[field] = change.new;
          }
          state.set(key, next);
        } else if (verb === 'delete') {
          if (canonicalJson(state.get(key) ?? null) !== canonicalJson(r.details.values))
            problems.push(`${r.id} delete`);
          state.delete(key);
        }
      }
      expect(problems.slice(0, 5)).toEqual([]);
    });

    it('plants the three incidents, each with evidence rows that exist', () => {
      const gt = g.result.groundTruth;
      expect(gt.incidents.map((i) => i.kind)).toEqual([
        'guest_list_exfiltration',
        'privilege_escalation',
        'mass_delete',
      ]);
      for (const i of gt.incidents)
        for (const id of i.evidence) expect(byId.has(id), `${i.kind} ${id}`).toBe(true);
      const [brute, promotion, mass] = gt.incidents;
      const actions = brute!.evidence.map((id) => byId.get(id)!.action);
      expect(actions.slice(0, 10)).toEqual(Array(10).fill('session.login_failed'));
      expect(actions).toContain('session.login');
      expect(actions).toContain('guest.export');
      const grant = byId.get(promotion!.evidence[0]!)!;
      expect(grant.action).toBe('user.permission_change');
      expect(grant.resource_id).toBe(grant.user_id);
      expect(grant.details.changes.role.new).toBe('admin');
      const deletes = mass!.evidence.map((id) => byId.get(id)!);
      expect(deletes.length).toBe(160);
      expect(deletes.every((r) => r.action === 'guest.delete' && r.user_id === mass!.actor)).toBe(true);
      expect(Date.parse(mass!.to) - Date.parse(mass!.from)).toBeLessThan(10 * 60_000);
    });
  });

  it('plants nothing without --incidents', { timeout: 60_000 }, async () => {
    const g = await generate(20_000, false);
    expect(g.result.groundTruth.incidents).toEqual([]);
    expect(g.rows).toHaveLength(20_000);
    expect(g.rows.filter((r) => r.ip_address?.startsWith('203.0.113.'))).toEqual([]);
    expect(
      g.rows.filter((r) => r.action === 'user.permission_change' && r.resource_id === r.user_id),
    ).toEqual([]);
  });

  it('works for tiny exports, without an archive', { timeout: 60_000 }, async () => {
    for (const events of [1, 7, 50]) {
      const g = await generate(events, true);
      expect(g.current).toHaveLength(events);
      expect(g.archive).toHaveLength(0);
      const ids = new Set(g.rows.map((r) => r.id));
      for (const i of g.result.groundTruth.incidents) for (const id of i.evidence) expect(ids).toContain(id);
    }
  });
});
