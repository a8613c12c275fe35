import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastJsonPatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../analysis/core/src/index.js';
import { generateDescendants } from '../../../analysis/engine/src/generate/descendants.js';
import type { GroundTruth } from '../../../analysis/engine/src/generate/types.js';

const START = Date.UTC(2026, 4, 4);
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

interface Change {
  id: string;
  timestamp: string;
  changeType: string;
  entityId: string;
  entityType: string;
  oldState: any;
  newState?: any;
  delta?: Operation[];
  metadata: {
    userId: string;
    userType: string;
    source: string;
    sessionId: string;
    importance: string;
    tags: string[];
  };
  checksum: string;
}

async function generate(events: number, incidents: boolean, seed = 11) {
  const out = await mkdtemp(join(tmpdir(), 'chronoscope-descendants-'));
  dirs.push(out);
  const result = await generateDescendants({
    system: 'descendants',
    events,
    seed,
    incidents,
    out,
    startMs: START,
  });
  const read = async (name: string) => (await readFile(join(out, name), 'utf8')).split('\n').filter(Boolean);
  const lines = await read('world_changes.ndjson');
  return {
    out,
    result,
    lines,
    changes: lines.map((l) => JSON.parse(l) as Change),
    snapshots: (await read('world_snapshots.ndjson')).map((l) => JSON.parse(l)),
    bookmarks: (await read('bookmarks.ndjson')).map((l) => JSON.parse(l)),
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const clone = (v: unknown): any => JSON.parse(JSON.stringify(v));

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** Replays the changes; returns every record whose old state differs from the state built so far. */
function replay(
  changes: Change[],
  onSnapshot: (id: string, world: Map<string, any>, config: any) => void,
): string[] {
  const problems: string[] = [];
  const world = new Map<string, any>();
  let config: any = null;
  for (const c of changes) {
    const key = `${c.entityType}:${c.entityId}`;
    if (c.changeType === 'block_add' || c.changeType === 'simulant_create') {
      if (world.has(key)) problems.push(`${c.id} creates a live ${key}`);
      world.set(key, c.newState);
    } else if (c.changeType === 'block_update' || c.changeType === 'simulant_update') {
      if (!same(c.oldState, world.get(key))) problems.push(`${c.id} old state`);
      const patched = c.delta ? fastJsonPatch.applyPatch(clone(c.oldState), c.delta).newDocument : undefined;
      if (c.newState !== undefined && patched !== undefined && !same(patched, c.newState))
        problems.push(`${c.id} delta`);
      if ((c.newState ?? patched) === undefined) problems.push(`${c.id} has neither newState nor delta`);
      world.set(key, c.newState ?? patched);
    } else if (c.changeType === 'block_remove' || c.changeType === 'simulant_remove') {
      if (!same(c.oldState, world.get(key)) || c.newState !== null) problems.push(`${c.id} removal`);
      world.delete(key);
    } else if (c.changeType === 'world_config') {
      if (!same(c.oldState, config)) problems.push(`${c.id} config`);
      config = c.newState;
    } else if (c.changeType === 'snapshot') {
      onSnapshot(c.newState.snapshotId, world, config);
    }
  }
  return problems;
}

describe('generateDescendants', () => {
  it('is deterministic: the same seed gives byte-identical files', { timeout: 60_000 }, async () => {
    const a = await generate(3000, true, 5);
    const b = await generate(3000, true, 5);
    for (const name of ['world_changes.ndjson', 'world_snapshots.ndjson', 'bookmarks.ndjson']) {
      const [x, y] = await Promise.all([readFile(join(a.out, name)), readFile(join(b.out, name))]);
      expect(sha256(x.toString()), name).toBe(sha256(y.toString()));
    }
    expect(a.result.groundTruth).toEqual(b.result.groundTruth);
    const c = await generate(3000, true, 6);
    expect(c.lines[10]).not.toBe(a.lines[10]);
  });

  describe('an export of 20,000 events with incidents', { timeout: 60_000 }, async () => {
    const g = await generate(20_000, true);

    it('writes exactly the requested events and reports every file', () => {
      expect(g.changes).toHaveLength(20_000);
      expect(g.result.events).toBe(20_000);
      expect(g.result.files).toEqual([
        { path: 'world_changes.ndjson', records: 20_000 },
        { path: 'world_snapshots.ndjson', records: g.snapshots.length },
        { path: 'bookmarks.ndjson', records: g.bookmarks.length },
      ]);
      expect(new Set(g.changes.map((c) => c.id)).size).toBe(20_000);
    });

    it('gives every record a checksum over its RFC 8785 form, which is the line as written', () => {
      const bad = g.changes.filter((c, i) => {
        const { checksum, ...rest } = c;
        const canon = canonicalJson(rest);
        return (
          canon !== g.lines[i]!.replace(/,"checksum":"[0-9a-f]{64}"}$/, '}') || checksum !== sha256(canon)
        );
      });
      expect(bad.map((c) => c.id)).toEqual([]);
    }, 60_000);

    it('keeps time order and has every kind of change', () => {
      const times = g.changes.map((c) => Date.parse(c.timestamp));
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
      const types = new Set(g.changes.map((c) => c.changeType));
      for (const t of [
        'block_add',
        'block_remove',
        'block_update',
        'simulant_create',
        'simulant_update',
        'user_action',
        'world_config',
        'snapshot',
      ]) {
        expect(types, t).toContain(t);
      }
      const updates = g.changes.filter((c) => c.changeType === 'block_update');
      expect(updates.some((c) => c.newState === undefined && c.delta)).toBe(true);
      expect(updates.some((c) => c.newState && !c.delta)).toBe(true);
      expect(updates.some((c) => c.newState && c.delta)).toBe(true);
    });

    it('builds real structures at integer positions and moves simulants smoothly', () => {
      for (const c of g.changes.filter((x) => x.changeType === 'block_add')) {
        const { x, y, z } = c.newState.position;
        expect([x, y, z].every(Number.isInteger)).toBe(true);
        expect(c.entityId).toBe(`blk_${x}_${y}_${z}`);
      }
      for (const c of g.changes.filter(
        (x) => x.changeType === 'simulant_update' && x.oldState && x.newState,
      )) {
        const step = Math.hypot(
          c.newState.position.x - c.oldState.position.x,
          c.newState.position.z - c.oldState.position.z,
        );
        expect(step).toBeLessThan(3);
      }
    });

    it('only ever updates or removes the state that is there, and snapshots match the replayed world', () => {
      const byId = new Map(g.snapshots.map((s) => [s.id, s]));
      let checked = 0;
      const problems = replay(g.changes, (id, world, config) => {
        const snap = byId.get(id);
        expect(snap, id).toBeDefined();
        expect(snap.timestamp).toBe(g.changes.find((c) => c.entityId === id)?.timestamp);
        expect(snap.integrity.checksum).toBe(sha256(canonicalJson(snap.worldState)));
        const rebuilt = {
          blocks: [...world]
            .filter(([k]) => k.startsWith('block:'))
            .map(([k, v]) => ({ entityId: k.slice(6), ...v })),
          simulants: [...world]
            .filter(([k]) => k.startsWith('simulant:'))
            .map(([k, v]) => ({ entityId: k.slice(9), ...v })),
        };
        const sort = (list: any[]) => [...list].sort((a, b) => (a.entityId < b.entityId ? -1 : 1));
        expect(canonicalJson(sort(snap.worldState.blocks))).toBe(canonicalJson(sort(rebuilt.blocks)));
        expect(sort(snap.worldState.simulants)).toEqual(sort(rebuilt.simulants));
        expect(snap.worldState.config).toEqual(config);
        checked++;
      });
      expect(problems).toEqual([]);
      expect(checked).toBe(g.snapshots.length);
      expect(checked).toBeGreaterThan(5);
    }, 60_000);

    it('plants a night-time griefing spree and a silent gap, with evidence that exists', () => {
      const gt: GroundTruth = g.result.groundTruth;
      expect(gt.incidents.map((i) => i.kind)).toEqual(['griefing', 'log_gap']);
      const byId = new Map(g.changes.map((c) => [c.id, c]));
      const [grief, gap] = gt.incidents;
      expect(grief!.detectors).toEqual(['mass_destructive', 'off_hours', 'burst']);
      expect(grief!.evidence.length).toBe(200);
      for (const id of grief!.evidence) {
        const c = byId.get(id)!;
        expect(c.changeType).toBe('block_remove');
        expect(c.metadata.userId).toBe(grief!.actor);
        expect(new Date(c.timestamp).getUTCHours()).toBeLessThan(5);
      }
      expect(Date.parse(grief!.to) - Date.parse(grief!.from)).toBeLessThan(10 * 60_000);
      const [before, after] = gap!.evidence.map((id) => byId.get(id)!);
      expect(Date.parse(after!.timestamp) - Date.parse(before!.timestamp)).toBeGreaterThanOrEqual(
        6 * 3_600_000,
      );
      expect(gap!.from).toBe(before!.timestamp);
      expect(gap!.to).toBe(after!.timestamp);
      const first = Date.parse(g.changes[0]!.timestamp);
      const last = Date.parse(g.changes.at(-1)!.timestamp);
      for (const i of gt.incidents) expect(Date.parse(i.from) > first && Date.parse(i.to) < last).toBe(true);
    });
  });

  it('plants nothing without --incidents: no griefing spree', { timeout: 60_000 }, async () => {
    const g = await generate(20_000, false);
    expect(g.result.groundTruth.incidents).toEqual([]);
    expect(g.changes).toHaveLength(20_000);
    const removals = g.changes.filter((c) => c.changeType === 'block_remove');
    let worst = 0;
    for (let i = 0, j = 0; i < removals.length; i++) {
      while (Date.parse(removals[i]!.timestamp) - Date.parse(removals[j]!.timestamp) > 10 * 60_000) j++;
      const actor = removals[i]!.metadata.userId;
      worst = Math.max(worst, removals.slice(j, i + 1).filter((r) => r.metadata.userId === actor).length);
    }
    expect(worst).toBeLessThan(150);
  });

  it('works for tiny exports', async () => {
    for (const events of [1, 7, 50]) {
      const g = await generate(events, true);
      expect(g.changes).toHaveLength(events);
      const ids = new Set(g.changes.map((c) => c.id));
      for (const i of g.result.groundTruth.incidents) for (const id of i.evidence) expect(ids).toContain(id);
    }
  });
});
