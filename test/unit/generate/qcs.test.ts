import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../analysis/core/src/index.js';
import { generateQcs } from '../../../analysis/engine/src/generate/qcs.js';
import { csvJson } from '../../../analysis/engine/src/generate/qcsRows.js';
import { pgCsvField } from '../../../analysis/engine/src/generate/lineWriter.js';
import { parsePgCsv } from '../../helpers/pgCsv.js';

const START = Date.UTC(2026, 4, 4);
const JSON_COLUMNS = ['old_values', 'new_values', 'change_set', 'metadata'];
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A field as COPY CSV writes it: null for an empty unquoted field, else the unquoted text. */
type Field = string | null;
/** A parsed row by column name (columns are checked against the header first). */
type Row = Record<string, any>;

/** RFC 4180 parser that tells NULL (empty, unquoted) from the empty string (`""`). */
async function readCsv(out: string, name: string): Promise<Row[]> {
  const [header, ...rows] = parsePgCsv(await readFile(join(out, name), 'utf8'));
  return rows.map((r) => {
    expect(r).toHaveLength(header!.length);
    return Object.fromEntries(header!.map((h, i) => [h, r[i] ?? null]));
  });
}

async function generate(events: number, incidents: boolean, seed = 3) {
  const out = await mkdtemp(join(tmpdir(), 'chronoscope-qcs-'));
  dirs.push(out);
  const result = await generateQcs({ system: 'qcs', events, seed, incidents, out, startMs: START });
  return {
    out,
    result,
    audit: await readCsv(out, 'comprehensive_audit_log.csv'),
    snapshots: await readCsv(out, 'system_snapshots.csv'),
    rollbacks: await readCsv(out, 'rollback_operations.csv'),
  };
}

const json = (v: Field | undefined): any => (v === null || v === undefined ? null : JSON.parse(v));
const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

describe('generateQcs', () => {
  it('is deterministic: the same seed gives byte-identical files', { timeout: 60_000 }, async () => {
    const [a, b] = [await generate(3000, true, 9), await generate(3000, true, 9)];
    for (const name of ['comprehensive_audit_log.csv', 'system_snapshots.csv', 'rollback_operations.csv']) {
      const [x, y] = await Promise.all([readFile(join(a.out, name)), readFile(join(b.out, name))]);
      expect(sha256(x), name).toBe(sha256(y));
    }
    expect(a.result.groundTruth).toEqual(b.result.groundTruth);
  });

  it('writes JSON columns exactly as pgCsvField would', () => {
    const samples: Record<string, string | number | boolean>[] = [
      {},
      { a: 1 },
      { s: 'say "hi", then\nleave \\ now', n: -2.5, b: false },
      { u: 'Zoë ✓' },
    ];
    for (const s of samples) expect(csvJson(s)).toBe(pgCsvField(s, 'json'));
    expect(csvJson(null)).toBe(pgCsvField(null, 'json'));
  });

  describe('an export of 20,000 events with incidents', { timeout: 60_000 }, async () => {
    const g = await generate(20_000, true);
    const byId = new Map(g.audit.map((r) => [r.id, r]));

    it('writes the requested events with the seed columns, all JSON columns parsing', () => {
      expect(g.audit).toHaveLength(20_000);
      expect(g.result.events).toBe(20_000);
      expect(Object.keys(g.audit[0]!)).toEqual([
        'id',
        'timestamp',
        'user_id',
        'user_email',
        'user_role',
        'session_id',
        'operation_type',
        'entity_type',
        'entity_id',
        'old_values',
        'new_values',
        'change_set',
        'ip_address',
        'user_agent',
        'reason',
        'metadata',
        'correlation_id',
        'parent_operation_id',
        'rollback_id',
        'created_at',
      ]);
      expect(byId.size).toBe(20_000);
      for (const r of g.audit) {
        for (const c of JSON_COLUMNS) if (r[c] !== null) expect(() => JSON.parse(r[c]!)).not.toThrow();
        expect(r.change_set).not.toBeNull();
        if (r.user_id === null) expect(r.operation_type).toBe('LOGIN_FAILED');
        expect(Date.parse(r.created_at!)).toBeGreaterThanOrEqual(Date.parse(r.timestamp!));
      }
      const ops = new Set(g.audit.map((r) => r.operation_type));
      for (const op of [
        'CREATE',
        'UPDATE',
        'DELETE',
        'READ',
        'EXPORT',
        'LOGIN',
        'LOGOUT',
        'LOGIN_FAILED',
        'BULK_CREATE',
        'BULK_UPDATE',
        'BULK_DELETE',
        'CONFIG_CHANGE',
        'PERMISSION_CHANGE',
        'ROLLBACK',
      ]) {
        expect(ops, op).toContain(op);
      }
    });

    it('records changes that replay: old values always match the state built so far', () => {
      const state = new Map<string, Record<string, unknown>>();
      const problems: string[] = [];
      for (const r of g.audit) {
        const key = `${r.entity_type}:${r.entity_id}`;
        const oldV = json(r.old_values);
        const newV = json(r.new_values);
        if (r.operation_type === 'CREATE') {
          if (state.has(key)) problems.push(`${r.id} recreates ${key}`);
          state.set(key, newV);
        } else if (r.operation_type === 'UPDATE' || r.operation_type === 'CONFIG_CHANGE') {
          const cur = state.get(key);
          if (!cur) problems.push(`${r.id} updates unknown ${key}`);
          for (const [k, v] of Object.entries(oldV ?? {})) if (cur?.[k] !== v) problems.push(`${r.id} ${k}`);
          if (Object.keys(oldV).join() !== Object.keys(newV).join()) problems.push(`${r.id} fields`);
          state.set(key, { ...cur, ...newV });
        } else if (r.operation_type === 'DELETE') {
          if (canonicalJson(state.get(key) ?? null) !== canonicalJson(oldV)) problems.push(`${r.id} delete`);
          state.delete(key);
        }
        if (r.operation_type === 'UPDATE' && r.parent_operation_id === null && r.rollback_id === null) {
          const fields = json(r.change_set).fieldChanges.map((f: any) => f.fieldName);
          if (fields.join() !== Object.keys(newV).join()) problems.push(`${r.id} change_set`);
        }
      }
      expect(problems.slice(0, 5)).toEqual([]);
    });

    it('keeps each user role consistent, changed only by PERMISSION_CHANGE rows', () => {
      const role = new Map<string, string>();
      for (const r of g.audit) {
        if (r.operation_type === 'PERMISSION_CHANGE') {
          const before = role.get(r.entity_id!);
          if (before) expect(json(r.old_values).role).toBe(before);
          role.set(r.entity_id!, json(r.new_values).role);
        }
        if (r.user_id === null || r.operation_type === 'PERMISSION_CHANGE') continue;
        if (!role.has(r.user_id)) role.set(r.user_id, r.user_role!);
        expect(r.user_role, r.id!).toBe(role.get(r.user_id));
      }
    });

    it('links bulk children and rollbacks to their parents', () => {
      const children = new Map<string, Row[]>();
      for (const r of g.audit) {
        if (r.parent_operation_id === null) continue;
        const parent = byId.get(r.parent_operation_id);
        expect(parent?.operation_type).toMatch(/^(BULK_(CREATE|UPDATE|DELETE)|ROLLBACK)$/);
        expect(r.correlation_id).toBe(parent!.correlation_id);
        children.set(parent!.id!, [...(children.get(parent!.id!) ?? []), r]);
      }
      for (const r of g.audit.filter(
        (x) => x.operation_type!.startsWith('BULK_') || x.operation_type === 'ROLLBACK',
      )) {
        expect(r.entity_id).toBe('*');
        expect(json(r.new_values).count).toBe(children.get(r.id!)?.length ?? 0);
      }
      const rollbackIds = new Set(g.rollbacks.map((r) => r.id));
      expect(rollbackIds.size).toBeGreaterThan(0);
      for (const r of g.audit.filter((x) => x.rollback_id !== null))
        expect(rollbackIds).toContain(r.rollback_id);
      for (const rb of g.rollbacks) {
        expect(rb.status).toBe('completed');
        expect(g.audit.some((r) => r.operation_type === 'ROLLBACK' && r.rollback_id === rb.id)).toBe(true);
      }
    });

    it('takes nightly snapshots whose checksum verifies and whose records match the replay', () => {
      expect(g.snapshots.length).toBeGreaterThan(3);
      for (const snap of g.snapshots) {
        const data = json(snap.snapshot_data);
        expect(snap.checksum).toBe(sha256(canonicalJson(data)));
        expect(snap.entity_types).toBe('{customer,settings}');
        const at = Date.parse(snap.timestamp!);
        const live = new Map<string, unknown>();
        for (const r of g.audit) {
          if (Date.parse(r.timestamp!) > at) break;
          if (r.entity_type !== 'customer' && r.entity_type !== 'settings') continue;
          const key = r.entity_id!;
          if (r.operation_type === 'CREATE') live.set(key, json(r.new_values));
          else if (r.operation_type === 'DELETE') live.delete(key);
          else if (r.operation_type === 'UPDATE' || r.operation_type === 'CONFIG_CHANGE') {
            live.set(key, { ...(live.get(key) as object), ...json(r.new_values) });
          }
        }
        const snapped = new Map(data.entities.map((e: any) => [e.entityId, e.data]));
        expect(snapped.size).toBe(live.size);
        for (const [id, fields] of live) expect(canonicalJson(snapped.get(id))).toBe(canonicalJson(fields));
      }
    });

    it('plants the four incidents, each with evidence rows that exist', () => {
      const gt = g.result.groundTruth;
      expect(gt.incidents.map((i) => i.kind)).toEqual([
        'mass_deletion',
        'bruteforce_exfiltration',
        'privilege_escalation',
        'log_gap',
      ]);
      for (const i of gt.incidents)
        for (const id of i.evidence) expect(byId.has(id), `${i.kind} ${id}`).toBe(true);
      const [mass, brute, escalation, gap] = gt.incidents;
      const massRows = mass!.evidence.map((id) => byId.get(id)!);
      expect(massRows.filter((r) => r.operation_type === 'DELETE').length).toBe(199);
      expect(new Set(massRows.map((r) => r.ip_address)).size).toBe(1);
      const priorIps = g.audit.filter(
        (r) => r.user_id === mass!.actor && Date.parse(r.timestamp!) < Date.parse(mass!.from),
      );
      expect(priorIps.map((r) => r.ip_address)).not.toContain(massRows[0]!.ip_address);
      expect(new Date(mass!.from).getUTCHours()).toBeLessThan(3);
      const bruteOps = brute!.evidence.map((id) => byId.get(id)!.operation_type);
      expect(bruteOps.slice(0, 10)).toEqual(Array(10).fill('LOGIN_FAILED'));
      expect(bruteOps).toContain('LOGIN');
      expect(bruteOps).toContain('EXPORT');
      const grant = byId.get(escalation!.evidence[0]!)!;
      expect(grant.operation_type).toBe('PERMISSION_CHANGE');
      expect(grant.entity_id).toBe(grant.user_id);
      expect(json(grant.new_values)).toEqual({ role: 'admin' });
      const [before, after] = gap!.evidence.map((id) => byId.get(id)!);
      expect(Date.parse(after!.timestamp!) - Date.parse(before!.timestamp!)).toBeGreaterThanOrEqual(
        6 * 3_600_000,
      );
    });
  });

  it('plants nothing without --incidents', { timeout: 60_000 }, async () => {
    const g = await generate(20_000, false);
    expect(g.result.groundTruth.incidents).toEqual([]);
    expect(g.audit).toHaveLength(20_000);
    expect(g.audit.filter((r) => r.ip_address!.startsWith('203.0.113.'))).toEqual([]);
    expect(g.audit.filter((r) => r.user_id === null)).toEqual([]);
  });

  it('works for tiny exports', { timeout: 60_000 }, async () => {
    for (const events of [1, 7, 50]) {
      const g = await generate(events, true);
      expect(g.audit).toHaveLength(events);
      const ids = new Set(g.audit.map((r) => r.id));
      for (const i of g.result.groundTruth.incidents) for (const id of i.evidence) expect(ids).toContain(id);
    }
  });
});
