import type { Actor } from './actors.js';
import type { Rng } from './rng.js';
import type { ChangeParts } from './descendantsRecords.js';
import { metadataJson, replaceOp } from './descendantsRecords.js';
import type { Block, Simulant, Structure, Vec3, World } from './descendantsWorld.js';
import { MATERIALS, blockJson, plotCentre, posJson, simulantJson } from './descendantsWorld.js';

/** What one builder (a human or a simulant) is busy with: one step of it per record. */
export interface Task {
  kind: 'build' | 'demolish' | 'decorate';
  structure: Structure;
  left: number;
}

export interface Crew {
  actor: Actor;
  /** Present for simulants: the entity they move in the world. */
  sim?: Simulant;
  task?: Task;
  /** Where a simulant is walking to, and what it will be doing on arrival. */
  walk?: { target: Vec3; activity: string };
  /** Records written by this crew member: picks the griefer among the established players. */
  records: number;
}

/** Live blocks above which builders start demolishing the oldest structures. */
const BLOCK_SOFT_CAP = 2600;
const ACTIVITY: Record<Task['kind'], string> = {
  build: 'building',
  demolish: 'demolishing',
  decorate: 'decorating',
};
const CHATS = [
  'nice tower!',
  'who moved my wall?',
  'brb',
  'anyone got glass?',
  'building a hut by the river',
  'the simulants are fast today',
  'gg',
  'need help with the roof',
  'lag spike?',
  "let's rebuild the plaza",
];

export function crewMetadata(crew: Crew, sessionId: string): string {
  return crew.sim
    ? metadataJson(crew.sim.id, 'simulant', 'ai_action', `s_${crew.sim.id}`)
    : metadataJson(crew.actor.id, 'human', 'direct', sessionId);
}

/** Picks the next task: demolish when the world is full, otherwise build, decorate or demolish. */
export function chooseTask(rng: Rng, world: World): Task | undefined {
  const resumed = rng.chance(0.7) ? resume(world) : undefined;
  if (resumed) return resumed;
  const plot = world.liveBlocks < BLOCK_SOFT_CAP ? world.freePlot() : undefined;
  const r = rng.next();
  if (plot !== undefined && r < 0.6) {
    const structure = world.plan(plot);
    return { kind: 'build', structure, left: structure.positions.length };
  }
  if (plot === undefined || r > 0.85) {
    const structure = world.takeForDemolition();
    if (structure) return { kind: 'demolish', structure, left: structure.placed.length };
  }
  const structure = world.randomOccupied();
  return structure ? { kind: 'decorate', structure, left: rng.int(1, 8) } : undefined;
}

/** Takes over a structure someone else left half built or half demolished. */
function resume(world: World): Task | undefined {
  for (let s = world.unfinished.pop(); s; s = world.unfinished.pop()) {
    if (s.status === 'building') return { kind: 'build', structure: s, left: s.positions.length - s.next };
    if (s.status === 'demolishing') return { kind: 'demolish', structure: s, left: s.placed.length };
  }
  return undefined;
}

/** A worker who stops mid-task leaves builds and demolitions for others to finish. */
export function dropTask(world: World, crew: Crew): void {
  const task = crew.task;
  crew.task = undefined;
  crew.walk = undefined;
  if (task && task.kind !== 'decorate' && task.structure.status !== 'gone')
    world.unfinished.push(task.structure);
}

/** A simulant heads for the task's plot before working there. */
export function startWalk(rng: Rng, crew: Crew, task: Task | undefined): void {
  const centre = task ? task.structure.centre : plotCentre(rng.int(0, 47));
  const target = { x: centre.x + rng.int(-6, 6), y: 0, z: centre.z + rng.int(-6, 6) };
  crew.walk = { target, activity: task ? ACTIVITY[task.kind] : 'idle' };
}

/** One smooth stride of a simulant towards its target: a simulant_update with position deltas. */
export function walkStep(rng: Rng, crew: Crew, sim: Simulant): ChangeParts | undefined {
  const walk = crew.walk;
  if (!walk) return undefined;
  const before = simulantJson(sim);
  const dx = walk.target.x - sim.pos.x;
  const dz = walk.target.z - sim.pos.z;
  const dist = Math.hypot(dx, dz);
  const stride = 1.2 + rng.next() * 1.6;
  const arrived = dist <= stride;
  const oldActivity = sim.activity;
  const oldRotation = sim.rotationY;
  sim.pos = arrived
    ? { ...walk.target }
    : { x: round2(sim.pos.x + (dx / dist) * stride), y: 0, z: round2(sim.pos.z + (dz / dist) * stride) };
  if (dist > 0) sim.rotationY = round2(Math.atan2(dx, dz));
  sim.activity = arrived ? walk.activity : 'walking';
  if (arrived) crew.walk = undefined;
  const ops = [replaceOp('/position', posJson(sim.pos))];
  if (sim.rotationY !== oldRotation) ops.push(replaceOp('/rotation', `{"y":${sim.rotationY}}`));
  if (sim.activity !== oldActivity) ops.push(replaceOp('/activity', `"${sim.activity}"`));
  return updateParts(
    rng,
    'simulant_update',
    sim.id,
    'simulant',
    before,
    simulantJson(sim),
    `[${ops.join(',')}]`,
    0.8,
  );
}

/** One step of the crew member's task, or undefined when the task is over. */
export function taskStep(rng: Rng, world: World, task: Task): ChangeParts | undefined {
  const s = task.structure;
  if (s.status === 'gone' || task.left <= 0) return undefined;
  task.left--;
  if (task.kind === 'build') {
    const block = world.place(s);
    if (!block) return undefined;
    return {
      changeType: 'block_add',
      delta: `[{"op":"add","path":"","value":${block.json}}]`,
      entityId: block.id,
      entityType: 'block',
      metadata: '',
      newState: block.json,
      oldState: 'null',
    };
  }
  if (task.kind === 'demolish') {
    const block = world.removeTop(s);
    return block ? removeParts(block) : undefined;
  }
  const block = s.placed[rng.int(0, s.placed.length - 1)];
  return block ? recolour(rng, block) : undefined;
}

export function removeParts(block: Block): ChangeParts {
  return {
    changeType: 'block_remove',
    entityId: block.id,
    entityType: 'block',
    metadata: '',
    newState: 'null',
    oldState: block.json,
  };
}

/** A colour change, or a change of material: written as full state, delta only, or both. */
function recolour(rng: Rng, block: Block): ChangeParts {
  const before = block.json;
  const ops: string[] = [];
  if (rng.chance(0.3)) {
    const material = rng.pick(MATERIALS);
    if (material.type !== block.type) {
      block.type = material.type;
      ops.push(replaceOp('/type', `"${block.type}"`));
    }
  }
  block.color = `#${rng.hex(6)}`;
  ops.push(replaceOp('/color', `"${block.color}"`));
  block.json = blockJson(block);
  return updateParts(rng, 'block_update', block.id, 'block', before, block.json, `[${ops.join(',')}]`, 0.45);
}

/** `pBoth` of updates carry newState and delta; the rest split between delta-only and newState-only. */
function updateParts(
  rng: Rng,
  changeType: string,
  entityId: string,
  entityType: string,
  oldState: string,
  newState: string,
  delta: string,
  pBoth: number,
): ChangeParts {
  const r = rng.next();
  const deltaOnly = r >= pBoth && r < pBoth + (1 - pBoth) * 0.6;
  const stateOnly = r >= pBoth + (1 - pBoth) * 0.6;
  return {
    changeType,
    entityId,
    entityType,
    metadata: '',
    oldState,
    ...(deltaOnly ? {} : { newState }),
    ...(stateOnly ? {} : { delta }),
  };
}

export function chatParts(rng: Rng, actor: Actor): ChangeParts {
  return {
    changeType: 'user_action',
    entityId: actor.id,
    entityType: 'user',
    metadata: '',
    newState: `{"action":"chat","message":${JSON.stringify(rng.pick(CHATS))}}`,
    oldState: 'null',
  };
}

export function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
