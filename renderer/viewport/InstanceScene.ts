import * as THREE from 'three';
import { INSTANCE_FLAGS } from '../../analysis/core/src/index.js';
import type { InstanceArrays } from '../../analysis/core/src/index.js';
import { FADE_MS, FLASH_MS, MAX_EFFECTS, updateRanges, writeInstance } from './instanceWriter.js';
import type { DrawStyle, Effect } from './instanceWriter.js';

const { CHANGED, DELETED } = INSTANCE_FLAGS;

interface Target {
  mesh: THREE.InstancedMesh;
  matrix: Float32Array;
  color: Float32Array;
}

function target(geometry: THREE.BufferGeometry, capacity: number): Target {
  const material = new THREE.MeshLambertMaterial({ color: 0xffffff });
  const mesh = new THREE.InstancedMesh(geometry, material, capacity);
  const color = new Float32Array(capacity * 3);
  mesh.instanceColor = new THREE.InstancedBufferAttribute(color, 3);
  mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
  mesh.instanceColor.setUsage(THREE.DynamicDrawUsage);
  // Instances move and appear every frame: a bounding volume would be stale (culling, picking).
  mesh.frustumCulled = false;
  mesh.count = 0;
  return { mesh, matrix: mesh.instanceMatrix.array as Float32Array, color };
}

/**
 * The world's instances as two instanced meshes (one draw call each): blocks or buildings,
 * and figures (simulants, actors). Only the instances a frame changed, plus those with a
 * running effect (a flash, a fade), are written and uploaded.
 */
export class InstanceScene {
  readonly group = new THREE.Group();
  readonly blocks: Target;
  readonly figures: Target;
  readonly generation: number;
  private readonly effects = new Map<number, Effect>();
  private readonly lastFlags: Uint8Array;
  private highlighted: ReadonlySet<number> = new Set();

  constructor(
    private readonly arrays: InstanceArrays,
    private readonly voxel: boolean,
  ) {
    const capacity = arrays.scale.length;
    this.generation = arrays.generation;
    const box = voxel ? new THREE.BoxGeometry(0.96, 0.96, 0.96) : new THREE.BoxGeometry(0.9, 1, 0.9);
    // A figure: a low-poly cone standing on its tip's opposite end, cheap when hidden.
    const figure = new THREE.ConeGeometry(0.5, 1.8, 6);
    this.blocks = target(box, capacity);
    this.figures = target(figure, capacity);
    this.blocks.mesh.name = 'blocks';
    this.figures.mesh.name = 'figures';
    this.group.add(this.blocks.mesh, this.figures.mesh);
    this.lastFlags = new Uint8Array(capacity);
  }

  /** Writes every instance (a new replay, grown arrays, a new highlight set). */
  uploadAll(now: number): void {
    const n = this.arrays.count;
    const style = this.style(now);
    for (let i = 0; i < n; i++) {
      writeInstance(this.arrays, i, style, this.blocks, this.figures);
      this.lastFlags[i] = this.arrays.flags[i]!;
    }
    for (const t of [this.blocks, this.figures]) {
      t.mesh.count = n;
      t.mesh.instanceMatrix.clearUpdateRanges();
      t.mesh.instanceColor!.clearUpdateRanges();
      t.mesh.instanceMatrix.needsUpdate = true;
      t.mesh.instanceColor!.needsUpdate = true;
    }
  }

  /** One frame of the replay: the changed instances and the running effects. */
  uploadChanges(changes: readonly number[], now: number): void {
    const touched = new Set<number>(changes);
    for (const i of changes) {
      const flags = this.arrays.flags[i]!;
      const becameDeleted = (flags & DELETED) !== 0 && (this.lastFlags[i]! & DELETED) === 0;
      if (this.effects.size < MAX_EFFECTS) {
        if (becameDeleted) this.effects.set(i, { kind: 'fade', start: now });
        else if (flags & CHANGED) this.effects.set(i, { kind: 'flash', start: now });
      }
      this.lastFlags[i] = flags;
    }
    for (const i of this.effects.keys()) touched.add(i);
    this.write(
      [...touched].sort((a, b) => a - b),
      now,
    );
  }

  /** Advances running effects only (the replay is paused); true while some still run. */
  animateEffects(now: number): boolean {
    if (this.effects.size === 0) return false;
    this.write(
      [...this.effects.keys()].sort((a, b) => a - b),
      now,
    );
    return this.effects.size > 0;
  }

  get effectsRunning(): boolean {
    return this.effects.size > 0;
  }

  setHighlighted(indices: ReadonlySet<number>, now: number): void {
    const changed = new Set<number>([...this.highlighted, ...indices]);
    this.highlighted = indices;
    this.write(
      [...changed].filter((i) => i < this.arrays.count).sort((a, b) => a - b),
      now,
    );
  }

  dispose(): void {
    for (const t of [this.blocks, this.figures]) {
      t.mesh.geometry.dispose();
      (t.mesh.material as THREE.Material).dispose();
      t.mesh.dispose();
    }
  }

  private style(now: number): DrawStyle {
    return { voxel: this.voxel, highlighted: this.highlighted, effects: this.effects, now };
  }

  private write(sorted: number[], now: number): void {
    const style = this.style(now);
    const n = this.arrays.count;
    // Effects that ended are dropped first, so this write leaves their instance at rest.
    for (const [i, effect] of this.effects) {
      if (now - effect.start >= (effect.kind === 'flash' ? FLASH_MS : FADE_MS)) this.effects.delete(i);
    }
    for (const i of sorted) writeInstance(this.arrays, i, style, this.blocks, this.figures);
    const ranges = updateRanges(sorted);
    for (const t of [this.blocks, this.figures]) {
      t.mesh.count = n;
      if (ranges.length === 0) continue;
      const matrix = t.mesh.instanceMatrix;
      const color = t.mesh.instanceColor!;
      for (const [start, count] of ranges) {
        matrix.addUpdateRange(start * 16, count * 16);
        color.addUpdateRange(start * 3, count * 3);
      }
      matrix.needsUpdate = true;
      color.needsUpdate = true;
    }
  }
}
