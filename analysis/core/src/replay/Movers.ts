import { INSTANCE_FLAGS } from './InstanceArrays.js';
import type { InstanceArrays } from './InstanceArrays.js';

/**
 * Instances gliding between two positions (simulants to their next recorded position,
 * walkers to what they touched), interpolated by playhead time. Progress is measured as the
 * distance of the playhead from the start time, so a glide begun while playing backwards
 * runs just as smoothly. This is drawing only: the states are exact at every seq.
 */
export class Movers {
  private from = new Float32Array(0);
  private to = new Float32Array(0);
  private start = new Float64Array(0);
  private readonly active = new Set<number>();

  /** Starts instance `i` from where it is now towards (x, y, z) at playhead time `time`. */
  glide(arrays: InstanceArrays, i: number, x: number, y: number, z: number, time: number): void {
    this.ensure(arrays.position.length / 3);
    const p = arrays.position;
    const k = i * 3;
    this.from[k] = p[k] as number;
    this.from[k + 1] = p[k + 1] as number;
    this.from[k + 2] = p[k + 2] as number;
    this.to[k] = x;
    this.to[k + 1] = y;
    this.to[k + 2] = z;
    this.start[i] = time;
    this.active.add(i);
    arrays.flags[i] = (arrays.flags[i] as number) | INSTANCE_FLAGS.MOVING;
  }

  /** Ends any glide of `i` (it was placed outright). */
  stop(arrays: InstanceArrays, i: number): void {
    if (this.active.delete(i)) arrays.flags[i] = (arrays.flags[i] as number) & ~INSTANCE_FLAGS.MOVING;
  }

  /** Where `i` is heading (its position when it is not moving): x, y, z as `axis` 0, 1, 2. */
  target(arrays: InstanceArrays, i: number, axis: number): number {
    const p = this.active.has(i) ? this.to : arrays.position;
    return p[i * 3 + axis] as number;
  }

  /** Moves every glider to playhead `time`; calls `moved` for each instance it wrote. */
  animate(arrays: InstanceArrays, time: number, travelMs: number, moved: (i: number) => void): void {
    for (const i of this.active) {
      const f = travelMs <= 0 ? 1 : Math.min(1, Math.abs(time - (this.start[i] as number)) / travelMs);
      // Smoothstep: walkers ease out of and into their stops.
      const e = f * f * (3 - 2 * f);
      for (let k = 0; k < 3; k++) {
        const a = this.from[i * 3 + k] as number;
        arrays.position[i * 3 + k] = a + ((this.to[i * 3 + k] as number) - a) * e;
      }
      if (f >= 1) this.stop(arrays, i);
      moved(i);
    }
  }

  clear(arrays: InstanceArrays): void {
    for (const i of [...this.active]) this.stop(arrays, i);
  }

  private ensure(n: number): void {
    if (this.start.length >= n) return;
    const grow = <T extends Float32Array | Float64Array>(a: T, len: number): T => {
      const next = new (a.constructor as new (k: number) => T)(len);
      next.set(a);
      return next;
    };
    this.from = grow(this.from, n * 3);
    this.to = grow(this.to, n * 3);
    this.start = grow(this.start, n);
  }
}
