import { describe, expect, it } from 'vitest';
import { applyJsonPatch, planRollback } from '../../../analysis/core/src/index.js';
import type { EntityState } from '../../../analysis/core/src/index.js';

describe('applyJsonPatch', () => {
  it('applies every RFC 6902 operation without touching its input', () => {
    const doc = { a: { b: [1, 2, 3] }, c: 'x' };
    const out = applyJsonPatch(doc, [
      { op: 'add', path: '/a/b/1', value: 9 },
      { op: 'remove', path: '/a/b/0' },
      { op: 'replace', path: '/c', value: 'y' },
      { op: 'copy', from: '/c', path: '/d' },
      { op: 'move', from: '/d', path: '/e~1f' },
      { op: 'add', path: '/a/b/-', value: 4 },
      { op: 'test', path: '/c', value: 'y' },
    ]);
    expect(out).toEqual({ a: { b: [9, 2, 3, 4] }, c: 'y', 'e/f': 'y' });
    expect(doc).toEqual({ a: { b: [1, 2, 3] }, c: 'x' });
  });

  it('skips operations whose target is missing', () => {
    expect(
      applyJsonPatch({ a: 1 }, [
        { op: 'remove', path: '/zz/y' },
        { op: 'replace', path: '/a', value: 2 },
      ]),
    ).toEqual({
      a: 2,
    });
  });
});

describe('planRollback', () => {
  const e = (id: string, state: object, deleted = false): EntityState => ({
    entityType: 't',
    entityId: id,
    state: state as EntityState['state'],
    deleted,
    lastSeq: 0,
  });
  it('undoes updates, creations and deletions, and flags later changes by others', () => {
    const key = (id: string): string => `t\u0000${id}`;
    const atTarget = new Map([
      [key('a'), e('a', { v: 1 })],
      [key('c'), e('c', { v: 3 })],
    ]);
    const atEnd = new Map([
      [key('a'), e('a', { v: 2 })],
      [key('b'), e('b', { v: 1 })],
      [key('c'), e('c', { v: 3 }, true)],
    ]);
    const touches = new Map([
      [
        key('a'),
        [
          { seq: 5, actor: 'mallory', action: 'update' },
          { seq: 6, actor: 'bob', action: 'update' },
        ],
      ],
      [key('b'), [{ seq: 7, actor: 'mallory', action: 'create' }]],
      [key('c'), [{ seq: 8, actor: 'mallory', action: 'delete' }]],
    ]);
    const plan = planRollback({ atTarget, atEnd, touches, selection: { actor: 'mallory' } });
    expect(plan.changes.map((c) => [c.entityId, c.op, c.to])).toEqual([
      ['a', 'update', { v: 1 }],
      ['b', 'delete', null],
      ['c', 'create', { v: 3 }],
    ]);
    expect(plan.conflicts).toEqual([
      expect.objectContaining({ entityId: 'a', kind: 'overwritten', seqs: [6] }),
    ]);
  });
});
