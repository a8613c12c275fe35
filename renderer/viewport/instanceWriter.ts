import { INSTANCE_FLAGS } from '../../analysis/core/src/index.js';
import type { InstanceArrays } from '../../analysis/core/src/index.js';

const { LIVE, DELETED, CHANGED, HIGHLIGHTED, SELECTED, ACTOR } = INSTANCE_FLAGS;

/** The voxel layout's group of simulants (they are drawn as figures, like actors). */
const SIMULANT_GROUP = 2;

/** Wall time of a change's flash and of a removal's fade. */
export const FLASH_MS = 600;
export const FADE_MS = 900;
/** Beyond this many effects at once (100x on a busy archive), new ones are skipped: state never is. */
export const MAX_EFFECTS = 4096;

export interface Effect {
  kind: 'flash' | 'fade';
  start: number;
}

/** What decides an instance's look besides its arrays: the viewport's own highlights and effects. */
export interface DrawStyle {
  voxel: boolean;
  highlighted: ReadonlySet<number>;
  effects: ReadonlyMap<number, Effect>;
  now: number;
}

export function isFigure(arrays: InstanceArrays, i: number, voxel: boolean): boolean {
  return (arrays.flags[i]! & ACTOR) !== 0 || (voxel && arrays.group[i] === SIMULANT_GROUP);
}

/**
 * Writes instance `i` into the matrix (16 floats) and colour (3 floats) arrays of the mesh of
 * its kind, and a zero-scale matrix into the other kind's mesh: blocks and figures share
 * instance indices, so each index lives in both meshes and is visible in one.
 */
export function writeInstance(
  arrays: InstanceArrays,
  i: number,
  style: DrawStyle,
  blocks: { matrix: Float32Array; color: Float32Array },
  figures: { matrix: Float32Array; color: Float32Array },
): void {
  const flags = arrays.flags[i]!;
  const figure = isFigure(arrays, i, style.voxel);
  const visible = (flags & (LIVE | DELETED)) !== 0 && arrays.scale[i]! > 0;
  const effect = style.effects.get(i);
  const progress = effect
    ? Math.min(1, (style.now - effect.start) / (effect.kind === 'flash' ? FLASH_MS : FADE_MS))
    : 1;
  let scale = visible ? arrays.scale[i]! : 0;
  let height = scale;
  if (flags & DELETED) {
    // A removal shrinks into a low tombstone over FADE_MS.
    const left = effect?.kind === 'fade' ? 1 - progress : 0;
    scale *= 0.35 + 0.65 * left;
    height *= 0.15 + 0.85 * left;
  }
  const x = arrays.position[i * 3]!;
  const z = arrays.position[i * 3 + 2]!;
  // City buildings stand on the ground (y is 0 at their base); voxels are centred on their cell.
  const y = arrays.position[i * 3 + 1]! + (style.voxel || figure ? 0 : height / 2);
  const own = figure ? figures : blocks;
  const other = figure ? blocks : figures;
  setMatrix(own.matrix, i, x, y, z, scale, height);
  setMatrix(other.matrix, i, 0, 0, 0, 0, 0);

  let r = arrays.color[i * 4]! / 255;
  let g = arrays.color[i * 4 + 1]! / 255;
  let b = arrays.color[i * 4 + 2]! / 255;
  const mix = (tr: number, tg: number, tb: number, k: number): void => {
    r += (tr - r) * k;
    g += (tg - g) * k;
    b += (tb - b) * k;
  };
  if (flags & DELETED) mix(0.2, 0.2, 0.22, 0.6);
  if (style.highlighted.has(i) || flags & HIGHLIGHTED) mix(1, 0.83, 0, 0.7);
  if (flags & SELECTED) mix(1, 1, 1, 0.55);
  if (effect?.kind === 'flash' || (!effect && flags & CHANGED)) mix(1, 1, 0.85, 0.85 * (1 - progress));
  own.color[i * 3] = r;
  own.color[i * 3 + 1] = g;
  own.color[i * 3 + 2] = b;
}

function setMatrix(m: Float32Array, i: number, x: number, y: number, z: number, s: number, h: number): void {
  const o = i * 16;
  m[o] = s;
  m[o + 1] = 0;
  m[o + 2] = 0;
  m[o + 3] = 0;
  m[o + 4] = 0;
  m[o + 5] = h;
  m[o + 6] = 0;
  m[o + 7] = 0;
  m[o + 8] = 0;
  m[o + 9] = 0;
  m[o + 10] = s;
  m[o + 11] = 0;
  m[o + 12] = x;
  m[o + 13] = y;
  m[o + 14] = z;
  m[o + 15] = 1;
}

/**
 * Sorted indices as few upload ranges: neighbours closer than `gap` share one range, so
 * scattered changes cost a handful of buffer writes rather than one per instance.
 */
export function updateRanges(sorted: readonly number[], gap = 32): [number, number][] {
  const out: [number, number][] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i - (last[0] + last[1]) <= gap) last[1] = i - last[0] + 1;
    else out.push([i, 1]);
  }
  return out;
}
