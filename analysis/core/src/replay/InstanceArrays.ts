/** Bits of `InstanceArrays.flags`. */
export const INSTANCE_FLAGS = {
  /** The entity exists at the playhead. */
  LIVE: 1,
  /** The entity was deleted: drawn fading (a tombstone). */
  DELETED: 2,
  /** Its state changed in this frame. */
  CHANGED: 4,
  HIGHLIGHTED: 8,
  SELECTED: 16,
  /** An actor (a walker), not an entity. */
  ACTOR: 32,
  /** On its way between two positions (simulants, walkers). */
  MOVING: 64,
} as const;

/**
 * What the viewport draws, one slot per instance (entity or actor), in typed arrays the
 * renderer hands to instanced buffers as they are. Arrays grow by doubling; `generation`
 * changes when they are replaced, so a renderer knows to rebind rather than patch.
 */
export class InstanceArrays {
  count = 0;
  generation = 0;
  /** x, y, z per instance. */
  position: Float32Array;
  /** r, g, b, a per instance. */
  color: Uint8Array;
  scale: Float32Array;
  flags: Uint8Array;
  /** The district (entity type) or kind of each instance, for grouping and legends. */
  group: Uint16Array;

  constructor(private capacity = 1024) {
    this.position = new Float32Array(capacity * 3);
    this.color = new Uint8Array(capacity * 4);
    this.scale = new Float32Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.group = new Uint16Array(capacity);
  }

  /** A new slot at the end; hidden (no flags, scale 0) until placed. */
  add(): number {
    if (this.count === this.capacity) this.grow();
    return this.count++;
  }

  setPosition(i: number, x: number, y: number, z: number): void {
    this.position[i * 3] = x;
    this.position[i * 3 + 1] = y;
    this.position[i * 3 + 2] = z;
  }

  /** `rgb` as 0xRRGGBB. */
  setColor(i: number, rgb: number, alpha = 255): void {
    this.color[i * 4] = (rgb >> 16) & 255;
    this.color[i * 4 + 1] = (rgb >> 8) & 255;
    this.color[i * 4 + 2] = rgb & 255;
    this.color[i * 4 + 3] = alpha;
  }

  private grow(): void {
    this.capacity *= 2;
    this.position = extend(this.position, this.capacity * 3);
    this.color = extend(this.color, this.capacity * 4);
    this.scale = extend(this.scale, this.capacity);
    this.flags = extend(this.flags, this.capacity);
    this.group = extend(this.group, this.capacity);
    this.generation++;
  }
}

function extend<T extends Float32Array | Uint8Array | Uint16Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
