import type { Rng } from './rng.js';

/**
 * The voxel world the descendants generator evolves. Structures stand on a fixed grid of
 * plots, so the world can never hold more than PLOT_COUNT structures: that bound is what keeps
 * every snapshot (the complete world) a few hundred kB however long the export runs.
 */
export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

export interface Block {
  id: string;
  type: string;
  color: string;
  pos: Vec3;
  /** Canonical JSON of the block state, kept current so records and snapshots reuse it. */
  json: string;
}

export type StructureKind = 'wall' | 'tower' | 'floor' | 'hut';
export type StructureStatus = 'building' | 'standing' | 'demolishing' | 'gone';

export interface Structure {
  serial: number;
  kind: StructureKind;
  plot: number;
  centre: Vec3;
  positions: Vec3[];
  next: number;
  /** Placed blocks in build order: demolition pops from the top. */
  placed: Block[];
  type: string;
  color: string;
  status: StructureStatus;
}

export interface Simulant {
  id: string;
  name: string;
  pos: Vec3;
  rotationY: number;
  activity: string;
}

export const MATERIALS: readonly { type: string; color: string }[] = [
  { type: 'stone', color: '#8a8a8a' },
  { type: 'sandstone', color: '#dccb8e' },
  { type: 'brick', color: '#a0522d' },
  { type: 'oak_planks', color: '#9c7a4b' },
  { type: 'glass', color: '#cfe8f0' },
  { type: 'marble', color: '#efece6' },
  { type: 'basalt', color: '#4a4a52' },
  { type: 'moss_stone', color: '#5f7f3a' },
];

const PLOT_COLS = 8;
const PLOT_ROWS = 6;
const PLOT_SIZE = 12;
export const PLOT_COUNT = PLOT_COLS * PLOT_ROWS;
const KINDS: readonly StructureKind[] = ['wall', 'tower', 'floor', 'hut'];

export class World {
  readonly plots: (Structure | undefined)[] = new Array<Structure | undefined>(PLOT_COUNT).fill(undefined);
  /** Structures finished and not yet demolished, oldest first: the demolition queue. */
  readonly standing: Structure[] = [];
  /** Builds and demolitions left half-done when their worker logged off: others take them over. */
  readonly unfinished: Structure[] = [];
  readonly simulants = new Map<string, Simulant>();
  liveBlocks = 0;
  completed = 0;
  private serial = 0;
  config: Record<string, string | number> = {
    gravity: -9.8,
    name: 'Descendants',
    timeOfDay: 'day',
    weather: 'clear',
  };

  constructor(private readonly rng: Rng) {}

  freePlot(): number | undefined {
    const start = this.rng.int(0, PLOT_COUNT - 1);
    for (let i = 0; i < PLOT_COUNT; i++) {
      const plot = (start + i) % PLOT_COUNT;
      if (!this.plots[plot]) return plot;
    }
    return undefined;
  }

  /** Lays out a new structure on a free plot; its blocks are placed one by one by a builder. */
  plan(plot: number): Structure {
    const kind = this.rng.pick(KINDS);
    const material = this.rng.pick(MATERIALS);
    const centre = plotCentre(plot);
    const structure: Structure = {
      serial: ++this.serial,
      kind,
      plot,
      centre,
      positions: layout(this.rng, kind, centre),
      next: 0,
      placed: [],
      type: material.type,
      color: material.color,
      status: 'building',
    };
    this.plots[plot] = structure;
    return structure;
  }

  place(structure: Structure): Block | undefined {
    const pos = structure.positions[structure.next++];
    if (!pos) return undefined;
    const block: Block = {
      id: `blk_${pos.x}_${pos.y}_${pos.z}`,
      type: structure.type,
      color: structure.color,
      pos,
      json: '',
    };
    block.json = blockJson(block);
    structure.placed.push(block);
    this.liveBlocks++;
    if (structure.next >= structure.positions.length) {
      structure.status = 'standing';
      this.standing.push(structure);
      this.completed++;
    }
    return block;
  }

  /** Removes the top block; a structure left empty (and not mid-build) frees its plot. */
  removeTop(structure: Structure): Block | undefined {
    const block = structure.placed.pop();
    if (!block) return undefined;
    this.liveBlocks--;
    if (structure.placed.length === 0 && structure.status !== 'building') this.release(structure);
    return block;
  }

  release(structure: Structure): void {
    structure.status = 'gone';
    if (this.plots[structure.plot] === structure) this.plots[structure.plot] = undefined;
    const at = this.standing.indexOf(structure);
    if (at >= 0) this.standing.splice(at, 1);
  }

  /** The oldest standing structure, handed to a demolisher. */
  takeForDemolition(): Structure | undefined {
    const structure = this.standing.shift();
    if (structure) structure.status = 'demolishing';
    return structure;
  }

  randomOccupied(): Structure | undefined {
    const start = this.rng.int(0, PLOT_COUNT - 1);
    for (let i = 0; i < PLOT_COUNT; i++) {
      const s = this.plots[(start + i) % PLOT_COUNT];
      if (s && s.placed.length > 0) return s;
    }
    return undefined;
  }

  configJson(): string {
    return sortedJson(this.config);
  }

  /** Canonical JSON of the complete world: every live block, every simulant, the config. */
  stateJson(): string {
    const blocks: string[] = [];
    for (const structure of this.plots) {
      if (!structure) continue;
      for (const b of structure.placed) {
        blocks.push(
          `{"color":"${b.color}","entityId":"${b.id}","position":${posJson(b.pos)},"type":"${b.type}"}`,
        );
      }
    }
    const simulants: string[] = [];
    for (const s of this.simulants.values()) simulants.push(simulantJson(s, true));
    return `{"blocks":[${blocks.join(',')}],"config":${this.configJson()},"simulants":[${simulants.join(',')}]}`;
  }
}

export function blockJson(b: Block): string {
  return `{"color":"${b.color}","position":${posJson(b.pos)},"type":"${b.type}"}`;
}

export function posJson(p: Vec3): string {
  return `{"x":${p.x},"y":${p.y},"z":${p.z}}`;
}

/** Canonical simulant state (activity, [entityId,] name, position, rotation). */
export function simulantJson(s: Simulant, withId = false): string {
  return (
    `{"activity":"${s.activity}",${withId ? `"entityId":"${s.id}",` : ''}"name":"${s.name}",` +
    `"position":${posJson(s.pos)},"rotation":{"y":${s.rotationY}}}`
  );
}

export function plotCentre(plot: number): Vec3 {
  const col = plot % PLOT_COLS;
  const row = Math.floor(plot / PLOT_COLS);
  return {
    x: (col - PLOT_COLS / 2) * PLOT_SIZE + PLOT_SIZE / 2,
    y: 0,
    z: (row - PLOT_ROWS / 2) * PLOT_SIZE + PLOT_SIZE / 2,
  };
}

/** Block positions in build order (bottom up), all inside the plot's 10x10 footprint. */
function layout(rng: Rng, kind: StructureKind, c: Vec3): Vec3[] {
  const out: Vec3[] = [];
  const x0 = c.x - 5;
  const z0 = c.z - 5;
  if (kind === 'wall') {
    const length = rng.int(5, 10);
    const height = rng.int(2, 5);
    const alongX = rng.chance(0.5);
    for (let y = 0; y < height; y++) {
      for (let i = 0; i < length; i++) out.push(alongX ? { x: x0 + i, y, z: c.z } : { x: c.x, y, z: z0 + i });
    }
  } else if (kind === 'floor') {
    const w = rng.int(4, 8);
    const d = rng.int(4, 8);
    for (let i = 0; i < w; i++) for (let j = 0; j < d; j++) out.push({ x: x0 + i, y: 0, z: z0 + j });
  } else {
    const side = kind === 'tower' ? rng.int(3, 4) : rng.int(5, 6);
    const height = kind === 'tower' ? rng.int(5, 10) : 3;
    if (kind === 'hut')
      for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) out.push({ x: x0 + i, y: 0, z: z0 + j });
    const base = kind === 'hut' ? 1 : 0;
    for (let y = base; y < base + height; y++)
      for (const [i, j] of ring(side)) out.push({ x: x0 + i, y, z: z0 + j });
  }
  return out;
}

function ring(side: number): [number, number][] {
  const cells: [number, number][] = [];
  for (let i = 0; i < side; i++) cells.push([i, 0]);
  for (let j = 1; j < side; j++) cells.push([side - 1, j]);
  for (let i = side - 2; i >= 0; i--) cells.push([i, side - 1]);
  for (let j = side - 2; j >= 1; j--) cells.push([0, j]);
  return cells;
}

/** JSON with keys in sorted order: canonical for the flat string/number objects used here. */
export function sortedJson(obj: Record<string, string | number>): string {
  const parts = Object.keys(obj)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(obj[k])}`);
  return `{${parts.join(',')}}`;
}
