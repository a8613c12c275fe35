import { describe, expect, it } from 'vitest';
import { CityLayout, spiral, VoxelLayout } from '../../../analysis/core/src/index.js';
import type { EntityState, Placement } from '../../../analysis/core/src/index.js';

const entity = (entityType: string, entityId: string, state = {}): EntityState => ({
  entityType,
  entityId,
  state,
  deleted: false,
  lastSeq: 0,
});
const place = (layout: CityLayout | VoxelLayout, e: EntityState): Placement => {
  const out = { x: 0, y: 0, z: 0, colour: 0, scale: 0, moves: false, visible: false, group: 0 };
  layout.place(e, out);
  return out;
};

describe('world layouts', () => {
  it('walks a square spiral that visits every cell once', () => {
    const cells = Array.from({ length: 441 }, (_, k) => spiral(k).join(','));
    expect(new Set(cells).size).toBe(441);
    expect(cells.slice(0, 3)).toEqual(['0,0', '1,0', '1,1']);
    expect(cells.every((c) => c.split(',').every((n) => Math.abs(Number(n)) <= 10))).toBe(true);
  });

  it('keeps a building on its lot while others appear and disappear', () => {
    const layout = new CityLayout({ expectedPerType: 50 });
    const target = place(layout, entity('order', 'ORD-42'));
    for (let i = 0; i < 80; i++) place(layout, entity('order', `ORD-${1000 + i}`));
    expect(place(layout, entity('order', 'ORD-42'))).toEqual(target);
    // Another layout that saw others first (and fewer) places the same entity on the same lot
    // when nothing collided with it: its lot is its id's hash, not its arrival order.
    const fresh = new CityLayout({ expectedPerType: 50 });
    place(fresh, entity('order', 'ORD-7'));
    expect(place(fresh, entity('order', 'ORD-42'))).toEqual(target);
  });

  it('gives every entity of a type its own lot, inside its district, coloured by type', () => {
    const layout = new CityLayout({ entityTypes: ['customer', 'order'], expectedPerType: 500 });
    const orders = Array.from({ length: 500 }, (_, i) => place(layout, entity('order', `o${i}`)));
    const customers = Array.from({ length: 20 }, (_, i) => place(layout, entity('customer', `c${i}`)));
    expect(new Set(orders.map((p) => `${p.x},${p.z}`)).size).toBe(500);
    expect(new Set(orders.map((p) => p.colour)).size).toBe(1);
    expect(customers[0]?.colour).not.toBe(orders[0]?.colour);
    expect(new Set(orders.map((p) => p.group))).toEqual(new Set([2]));
    const span = (ps: Placement[]) => [Math.min(...ps.map((p) => p.x)), Math.max(...ps.map((p) => p.x))];
    const [oMin, oMax] = span(orders) as [number, number];
    const [cMin, cMax] = span(customers) as [number, number];
    expect(cMax < oMin || cMin > oMax || Math.abs(customers[0]!.z - orders[0]!.z) > 10).toBe(true);
  });

  it('puts blocks at their integer positions in their colour, and does not draw users', () => {
    const voxel = new VoxelLayout();
    expect(
      place(voxel, entity('block', 'b', { position: { x: 1.2, y: -3, z: 7.6 }, color: '#102030' })),
    ).toMatchObject({
      x: 1,
      y: -3,
      z: 8,
      colour: 0x102030,
      visible: true,
      moves: false,
    });
    const stone = place(voxel, entity('block', 'c', { position: { x: 0, y: 0, z: 0 }, type: 'stone' }));
    expect(place(voxel, entity('block', 'd', { position: { x: 5, y: 0, z: 0 }, type: 'stone' })).colour).toBe(
      stone.colour,
    );
    expect(place(voxel, entity('simulant', 's', { position: { x: 0.5, y: 0, z: 0 } }))).toMatchObject({
      moves: true,
      x: 0.5,
    });
    expect(place(voxel, entity('user', 'u', {})).visible).toBe(false);
  });
});
