import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importArchive } from '../helpers/archives.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/qcs');

describe('qcs adapter on a hand-written PostgreSQL CSV export', async () => {
  const db = await importArchive(FIXTURE);

  it('detects the system and keeps every record', async () => {
    expect(db.opened.system).toBe('qcs');
    expect(await db.count('SELECT count(*) FROM events')).toBe(8);
    expect(await db.count('SELECT count(*) FROM rejects')).toBe(0);
  });

  it('orders by time (offsets honoured), ties in file order', async () => {
    const order = await db.rows(
      `SELECT seq, source_id, strftime(ts, '%H:%M:%S') AS t FROM events ORDER BY seq`,
    );
    // 08:04+02:00 is 06:04Z: the permission change happened first.
    expect(order[0]).toMatchObject({
      seq: '0',
      source_id: 'a0000000-0000-4000-8000-000000000008',
      t: '06:04:00',
    });
    const tie = order.filter((r) => r['t'] === '08:02:00').map((r) => r['source_id']);
    expect(tie).toEqual(['a0000000-0000-4000-8000-000000000003', 'a0000000-0000-4000-8000-000000000004']);
  });

  it('maps the canonical columns of an update with a quoted newline', async () => {
    const [row] = await db.rows(
      `SELECT * FROM events WHERE source_id = 'a0000000-0000-4000-8000-000000000003'`,
    );
    expect(row).toMatchObject({
      system: 'qcs',
      action: 'update',
      event_type: 'UPDATE',
      actor_id: 'u0000000-0000-4000-8000-00000000000a',
      actor_type: 'human',
      actor_role: 'admin',
      session_id: 'sess_a_1',
      ip: '10.0.0.5',
      user_agent: 'Mozilla/5.0 Test',
      entity_type: 'shipment',
      entity_id: 'SHI-1',
      severity: 'info',
      src_line: '3',
    });
    expect(JSON.parse(String(row?.['old_state']))).toEqual({ status: 'booked' });
    expect(JSON.parse(String(row?.['new_state']))).toEqual({ status: 'in_transit' });
    expect(JSON.parse(String(row?.['delta']))).toEqual({ fieldChanges: [{ fieldName: 'status' }] });
    expect(JSON.parse(String(row?.['raw']))).toMatchObject({
      reason: 'customer called,\nmoved it up',
      metadata: null,
    });
  });

  it('names a failed login by the attempted address and keeps empty strings apart from NULL', async () => {
    const [row] = await db.rows(
      `SELECT actor_id, action, severity, raw->>'reason' AS reason, raw->>'user_id' AS uid FROM events WHERE event_type = 'LOGIN_FAILED'`,
    );
    expect(row).toEqual({
      actor_id: 'mallory@evil.example',
      action: 'login_failed',
      severity: 'low',
      reason: '',
      uid: null,
    });
  });

  it('links bulk children to their parent and a service actor', async () => {
    const children = await db.rows(
      `SELECT entity_id, parent_id, correlation_id, action, actor_type FROM events WHERE parent_id IS NOT NULL ORDER BY seq`,
    );
    expect(children).toEqual([
      {
        entity_id: 'SHI-1',
        parent_id: 'a0000000-0000-4000-8000-000000000005',
        correlation_id: 'c0000000-0000-4000-8000-000000000002',
        action: 'delete',
        actor_type: 'service',
      },
      {
        entity_id: 'SHI-2',
        parent_id: 'a0000000-0000-4000-8000-000000000005',
        correlation_id: 'c0000000-0000-4000-8000-000000000002',
        action: 'delete',
        actor_type: 'service',
      },
    ]);
    const [parent] = await db.rows(
      `SELECT action, severity, entity_id, new_state->>'count' AS n FROM events WHERE event_type = 'BULK_DELETE'`,
    );
    expect(parent).toEqual({ action: 'bulk', severity: 'high', entity_id: '*', n: '2' });
  });

  it('takes severity and tags from metadata when the source gives them', async () => {
    const [row] = await db.rows(
      `SELECT action, severity, tags FROM events WHERE event_type = 'PERMISSION_CHANGE'`,
    );
    expect(row).toEqual({
      action: 'permission_change',
      severity: 'critical',
      tags: ['self-grant', 'review'],
    });
  });

  it('imports snapshots (PostgreSQL arrays parsed) and rollback operations', async () => {
    const [snap] = await db.rows(
      `SELECT entity_types, snapshot_data->'entities'->0->>'entityId' AS first, src_line FROM system_snapshots`,
    );
    expect(snap).toEqual({ entity_types: ['shipment', 'customer record'], first: 'SHI-1', src_line: '1' });
    const [rollback] = await db.rows(
      `SELECT status, result->>'restored' AS restored FROM rollback_operations`,
    );
    expect(rollback).toEqual({ status: 'completed', restored: '0' });
  });
});
