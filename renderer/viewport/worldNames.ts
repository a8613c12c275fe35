import type { World } from '../../analysis/core/src/index.js';

/**
 * Actor ids by instance index. The World keeps actors in its key map under "\u0001<id>" and
 * exposes no accessor for them yet, so this reads that map (a plain Map of strings) once per
 * new instance count. TODO(replay engine): replace with a public `World.actorAt(i)`.
 */
const cache = new WeakMap<World, { count: number; names: Map<number, string> }>();

export function actorNames(world: World): Map<number, string> {
  const count = world.arrays.count;
  const hit = cache.get(world);
  if (hit && hit.count === count) return hit.names;
  const names = new Map<number, string>();
  const index = world['index'] as ReadonlyMap<string, number>;
  for (const [key, i] of index) if (key.startsWith('\u0001')) names.set(i, key.slice(1));
  cache.set(world, { count, names });
  return names;
}

/** Instance index of an actor, or undefined when the world has not seen it walk. */
export function actorInstance(world: World, actor: string): number | undefined {
  for (const [i, name] of actorNames(world)) if (name === actor) return i;
  return undefined;
}

/** The district label positions of the entity city: the centre of each group's instances, named by its type. */
export function districtCentres(world: World): { label: string; position: [number, number, number] }[] {
  const sums = new Map<number, { x: number; z: number; n: number; label: string }>();
  const a = world.arrays;
  for (let i = 0; i < a.count; i++) {
    const entity = world.entityAt(i);
    if (!entity) continue;
    const g = a.group[i]!;
    const s = sums.get(g) ?? { x: 0, z: 0, n: 0, label: entity.entityType };
    s.x += a.position[i * 3]!;
    s.z += a.position[i * 3 + 2]!;
    s.n++;
    sums.set(g, s);
  }
  return [...sums.values()].map((s) => ({ label: s.label, position: [s.x / s.n, 0, s.z / s.n] }));
}
