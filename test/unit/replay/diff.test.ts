import { describe, expect, it } from 'vitest';
import { diffPaths, diffStates } from '../../../analysis/core/src/index.js';
import type { EntityState } from '../../../analysis/core/src/index.js';

const e = (entityId: string, state: Record<string, unknown>, deleted = false): EntityState => ({
  entityType: 'order',
  entityId,
  state,
  deleted,
  lastSeq: 0,
});

describe('world diff', () => {
  it('names the entities that differ and the fields (JSON Pointers) that differ', () => {
    const a = [
      e('same', { x: 1 }),
      e('changed', { status: 'paid', lines: [{ sku: 'A', qty: 1 }], meta: { 'a/b': 1 } }),
      e('gone', { x: 1 }),
      e('deleted', { x: 1 }, true),
      e('both-deleted', { x: 1 }, true),
    ];
    const b = [
      e('same', { x: 1 }),
      e('changed', {
        status: 'shipped',
        lines: [{ sku: 'A', qty: 2 }, { sku: 'B' }],
        meta: { 'a/b': 2 },
        extra: true,
      }),
      e('deleted', { x: 1 }),
      e('both-deleted', { x: 2 }, true),
      e('new', {}),
    ];
    expect(diffStates(a, b)).toEqual([
      {
        entityType: 'order',
        entityId: 'changed',
        kind: 'changed',
        paths: ['/extra', '/lines/0/qty', '/lines/1', '/meta/a~1b', '/status'],
      },
      { entityType: 'order', entityId: 'deleted', kind: 'deleted_in_a', paths: [] },
      { entityType: 'order', entityId: 'gone', kind: 'only_a', paths: [] },
      { entityType: 'order', entityId: 'new', kind: 'only_b', paths: [] },
    ]);
    expect(diffStates(a, b, { compareTombstones: true }).map((d) => d.entityId)).toContain('both-deleted');
  });

  it('finds no difference between equal states built separately', () => {
    expect(diffStates([e('o', { a: [1, { b: null }] })], [e('o', { a: [1, { b: null }] })])).toEqual([]);
    expect(diffPaths({ a: 1 }, [1])).toEqual(['']);
    expect(diffPaths({ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } }, '', [], 1)).toEqual(['/a/c']);
  });
});
