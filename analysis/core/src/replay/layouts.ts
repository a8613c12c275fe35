import { asObject } from '../state/effects.js';
import type { EntityState } from '../state/types.js';
import { colourFor, hashString, parseHexColour } from './colour.js';

/** Where and how one instance is drawn. */
export interface Placement {
  x: number;
  y: number;
  z: number;
  /** 0xRRGGBB */
  colour: number;
  scale: number;
  /** Glides to new positions (simulants) instead of jumping (blocks, buildings). */
  moves: boolean;
  /** False for entities a model does not draw (a world's settings). */
  visible: boolean;
  /** District or kind, copied to `InstanceArrays.group`. */
  group: number;
}

/** A world model: where entities and actors stand. Layouts are deterministic (no randomness, no clocks). */
export interface Layout {
  readonly kind: 'voxel' | 'city';
  place(entity: EntityState, out: Placement): void;
  /** Where an actor waits before it has touched anything. */
  actorHome(actorId: string, out: Placement): void;
}

export function emptyPlacement(): Placement {
  return { x: 0, y: 0, z: 0, colour: 0, scale: 0, moves: false, visible: false, group: 0 };
}

/** The layout a system is drawn with: the voxel world for descendants, the entity city for the rest. */
export function layoutFor(system: string, options: CityOptions = {}): Layout {
  return system === 'descendants' ? new VoxelLayout() : new CityLayout(options);
}

/** Square spiral from the centre: 0 → (0,0), 1 → (1,0), 2 → (1,1), ... every cell once. */
export function spiral(k: number): [number, number] {
  if (k <= 0) return [0, 0];
  const r = Math.ceil((Math.sqrt(k + 1) - 1) / 2);
  const side = 2 * r;
  const off = k - (2 * r - 1) * (2 * r - 1);
  const seg = Math.floor(off / side);
  const pos = off % side;
  if (seg === 0) return [r, -r + 1 + pos];
  if (seg === 1) return [r - 1 - pos, r];
  if (seg === 2) return [-r, r - 1 - pos];
  return [-r + 1 + pos, -r];
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

const VOXEL_GROUP = { actor: 0, block: 1, simulant: 2, other: 3 } as const;

/**
 * descendants: blocks at their integer positions, coloured by their `color` (else by block
 * type); simulants at their recorded positions, gliding between them; users and the world's
 * settings are not drawn as entities (users walk as actors).
 */
export class VoxelLayout implements Layout {
  readonly kind = 'voxel' as const;

  place(entity: EntityState, out: Placement): void {
    out.moves = false;
    out.visible = false;
    out.group = VOXEL_GROUP.other;
    if (entity.entityType !== 'block' && entity.entityType !== 'simulant') return;
    const state = entity.state;
    const p = asObject(state['position']);
    if (!p) return;
    const x = num(p['x']);
    const y = num(p['y']);
    const z = num(p['z']);
    out.visible = true;
    if (entity.entityType === 'block') {
      out.x = Math.round(x);
      out.y = Math.round(y);
      out.z = Math.round(z);
      out.colour = parseHexColour(state['color']) ?? colourFor(String(state['type'] ?? 'block'));
      out.scale = 1;
      out.group = VOXEL_GROUP.block;
    } else {
      out.x = x;
      out.y = y;
      out.z = z;
      out.colour = colourFor(String(state['name'] ?? entity.entityId), 0.7);
      out.scale = 0.6;
      out.moves = true;
      out.group = VOXEL_GROUP.simulant;
    }
  }

  actorHome(actorId: string, out: Placement): void {
    const h = hashString(actorId);
    out.x = (h % 41) - 20;
    out.y = 12;
    out.z = ((h >>> 8) % 41) - 20;
    out.colour = colourFor(actorId, 0.75);
    out.scale = 0.5;
    out.moves = true;
    out.visible = true;
    out.group = VOXEL_GROUP.actor;
  }
}

export interface CityOptions {
  /** Entity types in district order (e.g. the archive's types by name); others follow as first seen. */
  entityTypes?: readonly string[];
  /** The most entities expected in one type: sizes every district (default 2,000). */
  expectedPerType?: number;
  /** Distance between neighbouring buildings. */
  spacing?: number;
}

interface District {
  index: number;
  colour: number;
  slots: Map<string, number>;
  taken: Set<number>;
  /** Lots handed out past the district's edge. */
  overflow: number;
}

/**
 * Every other system: one district per entity type, districts on a square spiral of equal
 * cells (district 0 is the actors' plaza), buildings inside a district on its own spiral.
 * An entity's slot is the hash of its id within the district, the next free slot on a
 * collision, and kept for as long as the layout lives: buildings never move when others
 * appear or disappear (a deleted entity keeps its lot, and gets it back if re-created).
 * Only a collision depends on the order entities arrived in.
 */
export class CityLayout implements Layout {
  readonly kind = 'city' as const;
  private readonly districts = new Map<string, District>();
  private readonly side: number;
  private readonly pitch: number;
  private readonly spacing: number;

  constructor(options: CityOptions = {}) {
    this.spacing = options.spacing ?? 1.5;
    this.side = Math.max(4, Math.ceil(Math.sqrt((options.expectedPerType ?? 2000) * 2)));
    this.pitch = (this.side + 4) * this.spacing;
    for (const type of options.entityTypes ?? []) this.district(type);
  }

  place(entity: EntityState, out: Placement): void {
    const district = this.district(entity.entityType);
    let slot = district.slots.get(entity.entityId);
    if (slot === undefined) {
      slot = this.freeSlot(district, hashString(entity.entityId));
      district.slots.set(entity.entityId, slot);
      district.taken.add(slot);
    }
    this.cell(district.index, slot, out);
    out.y = 0;
    out.colour = district.colour;
    out.scale = 1;
    out.moves = false;
    out.visible = true;
    out.group = district.index;
  }

  actorHome(actorId: string, out: Placement): void {
    this.cell(0, hashString(actorId) % (this.side * this.side), out);
    out.y = 1;
    out.colour = colourFor(actorId, 0.75);
    out.scale = 0.5;
    out.moves = true;
    out.visible = true;
    out.group = 0;
  }

  private district(type: string): District {
    let found = this.districts.get(type);
    if (!found) {
      found = {
        index: this.districts.size + 1,
        colour: colourFor(type),
        slots: new Map(),
        taken: new Set(),
        overflow: 0,
      };
      this.districts.set(type, found);
    }
    return found;
  }

  private freeSlot(district: District, hash: number): number {
    const capacity = this.side * this.side;
    // Past 70% full, probing gets long: later entities take the lots past the district's
    // edge, one after the other, rather than searching.
    if (district.taken.size >= capacity * 0.7) return capacity + district.overflow++;
    let slot = hash % capacity;
    while (district.taken.has(slot)) slot = (slot + 1) % capacity;
    return slot;
  }

  private cell(districtIndex: number, slot: number, out: Placement): void {
    const [dx, dz] = spiral(districtIndex);
    const [sx, sz] = spiral(slot);
    out.x = dx * this.pitch + sx * this.spacing;
    out.z = dz * this.pitch + sz * this.spacing;
  }
}
